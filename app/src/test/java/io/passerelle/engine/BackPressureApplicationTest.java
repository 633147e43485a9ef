package io.passerelle.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.zeebe.protocol.impl.encoding.MsgPackConverter;
import io.camunda.zeebe.protocol.impl.record.RecordMetadata;
import io.camunda.zeebe.protocol.impl.record.value.processinstance.ProcessInstanceCreationRecord;
import io.camunda.zeebe.protocol.record.RecordType;
import io.camunda.zeebe.protocol.record.ValueType;
import io.passerelle.contact.ContactService;
import io.passerelle.contact.DossierLinkService;
import io.passerelle.dossier.DossierService;
import io.passerelle.onboarding.OnboardingService;
import io.passerelle.onboarding.OnboardingStatus;
import io.passerelle.processes.ProcessNames.Variables;
import io.passerelle.staff.StaffService;
import io.passerelle.support.Api;
import io.passerelle.support.Fixtures;
import io.passerelle.support.IsolatedSpringTest;
import io.passerelle.support.TestData;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Back-pressure in the whole application: an onboarding proposed while the engine's backlog is
 * above the limit is accepted (it is stored; its start comes after the commit), its start waits for
 * the engine (nothing is sent while the backlog is above the limit), the row stays STARTING with no
 * half-written start, and it is started once the engine has caught up (by its start thread, or the
 * sweeper if that one gave up): one process instance, not two. In the second application context
 * ({@link IsolatedSpringTest}: a backlog limit of 500, the start sweeper every 2 s, a database of
 * its own).
 */
@IsolatedSpringTest
class BackPressureApplicationTest {

  @Autowired MockMvc mvc;
  @Autowired ObjectMapper json;
  @Autowired StaffService staff;
  @Autowired DossierService dossiers;
  @Autowired ContactService contacts;
  @Autowired DossierLinkService links;
  @Autowired OnboardingService onboardings;
  @Autowired EmbeddedZeebeEngine embedded;

  @Test
  @DisplayName(
      "proposed during back-pressure: accepted, stays STARTING, started once after the backlog"
          + " drains")
  void onboardingStartedOnceAfterTheBacklogDrains() throws Exception {
    var claire = Api.as(mvc, json, Api.MANAGER);
    var dossier = new Fixtures(staff, dossiers, contacts, links).dossier(Api.MANAGER);
    Map<String, Object> contact = new LinkedHashMap<>();
    contact.put("firstName", "Bruno");
    contact.put("lastName", "Bouchon");
    contact.put("subscriberType", "CLIENT");
    contact.put("email", TestData.email("bouchon"));
    contact.put("organisationalRoleCode", "DIRIGEANT");
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("dossierId", dossier.id());
    body.put("contact", contact);
    body.put("offerCode", "START");
    body.put("accessLevel", "READ_ONLY");
    body.put("sendNow", false);

    EngineBacklog.fill(embedded, 30_000);
    assertThat(embedded.backlog()).isGreaterThan(embedded.backlogLimit());
    long id =
        claire
            .read(
                claire
                    .post("/api/onboardings", body)
                    .andExpect(status().isAccepted())
                    .andExpect(jsonPath("$.status").value("STARTING")))
            .get("id")
            .asLong();

    Thread.sleep(1_000); // the start thread waits for the backlog to drain
    assertThat(embedded.backlog()).isGreaterThan(embedded.backlogLimit());
    assertThat(onboardings.get(id).status()).isEqualTo(OnboardingStatus.STARTING);
    assertThat(onboardings.get(id).processInstanceKey()).isNull();
    assertThat(startsOf(id)).as("the refused start wrote nothing").isZero();

    await()
        .atMost(Duration.ofMinutes(3))
        .until(() -> onboardings.get(id).status() != OnboardingStatus.STARTING);
    assertThat(onboardings.get(id).processInstanceKey()).isNotNull();
    Thread.sleep(3_000); // two more sweeps: none may start it again
    assertThat(startsOf(id)).as("started once").isEqualTo(1);
  }

  /** The instance-creation commands for that onboarding on the engine's log. */
  private long startsOf(long onboardingId) {
    var reader = embedded.logStream().newLogStreamReader();
    reader.seekToFirstEvent();
    var metadata = new RecordMetadata();
    var creation = new ProcessInstanceCreationRecord();
    long count = 0;
    while (reader.hasNext()) {
      var event = reader.next();
      metadata.reset();
      event.readMetadata(metadata);
      if (metadata.getRecordType() == RecordType.COMMAND
          && metadata.getValueType() == ValueType.PROCESS_INSTANCE_CREATION) {
        creation.reset();
        event.readValue(creation);
        var variables = MsgPackConverter.convertToMap(creation.getVariablesBuffer());
        if (Long.valueOf(onboardingId).equals(toLong(variables.get(Variables.ONBOARDING_ID)))) {
          count++;
        }
      }
    }
    return count;
  }

  private static Long toLong(Object value) {
    return value instanceof Number n ? n.longValue() : null;
  }
}
