package io.passerelle.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.passerelle.account.InvitationService;
import io.passerelle.account.InvitationStatus;
import io.passerelle.contact.ContactService;
import io.passerelle.contact.DossierLinkService;
import io.passerelle.dossier.DossierService;
import io.passerelle.dossier.DossierView;
import io.passerelle.mail.DevMailServer;
import io.passerelle.onboarding.OnboardingService;
import io.passerelle.onboarding.OnboardingStatus;
import io.passerelle.processes.ProcessNames.Elements;
import io.passerelle.staff.StaffService;
import io.passerelle.support.Api;
import io.passerelle.support.Fixtures;
import io.passerelle.support.Mailbox;
import io.passerelle.support.PasserelleSpringTest;
import io.passerelle.support.TestData;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Issue 19, item 7: after a GDPR erasure, no column of any table still holds the contact's
 * addresses or names. The contact first goes through everything that copies them: an invitation
 * proposed with an Idempotency-Key and a message naming them, a resend, a bounce, the manager's
 * e-mail correction with a note naming them, the activation (the staff's mails name the client).
 */
@PasserelleSpringTest
class ErasureCompletenessTest {

  private static final Duration PATIENCE = Duration.ofSeconds(30);
  private static final String PASSWORD = "Une phrase de passe solide 42";

  @Autowired MockMvc mvc;
  @Autowired ObjectMapper json;
  @Autowired StaffService staff;
  @Autowired DossierService dossiers;
  @Autowired ContactService contacts;
  @Autowired DossierLinkService links;
  @Autowired OnboardingService onboardings;
  @Autowired InvitationService invitations;
  @Autowired DevMailServer mailServer;
  @Autowired JdbcTemplate jdbc;
  Fixtures fixtures;
  Mailbox mailbox;
  Api claire;

  @BeforeEach
  void setUp() {
    fixtures = new Fixtures(staff, dossiers, contacts, links);
    mailbox = new Mailbox(mailServer);
    claire = Api.as(mvc, json, Api.MANAGER);
  }

  @Test
  @DisplayName(
      "after invitation, resend, bounce, correction, a note, activation and an idempotent call,"
          + " erasure leaves the address and the name in no column of any table")
  void erasureLeavesNothing() throws Exception {
    DossierView dossier = fixtures.dossier(Api.MANAGER);
    String first = TestData.unique("Zélinda");
    String last = TestData.unique("Quérand");
    String email = TestData.email("zelinda");
    String corrected = TestData.email("zq");

    // the invitation, proposed with an Idempotency-Key and a message that names the client
    Map<String, Object> contact = new LinkedHashMap<>();
    contact.put("firstName", first);
    contact.put("lastName", last);
    contact.put("subscriberType", "CLIENT");
    contact.put("email", email);
    contact.put("organisationalRoleCode", "DIRIGEANT");
    contact.put("phone", "06 12 34 56 78");
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("dossierId", dossier.id());
    body.put("contact", contact);
    body.put("offerCode", "START");
    body.put("accessLevel", "READ_ONLY");
    body.put("sendNow", true);
    body.put("customMessage", "Bonjour " + first + " " + last + ", bienvenue.");
    String key = UUID.randomUUID().toString();
    long onboardingId =
        claire
            .read(claire.post("/api/onboardings", body, key).andExpect(status().isAccepted()))
            .get("id")
            .asLong();
    assertThat(
            jdbc.queryForObject(
                "select count(*) from idempotency_key where idempotency_key = ?",
                Integer.class,
                key))
        .isEqualTo(1);
    mailbox.await(email, 1);
    awaitSent(onboardingId, 1);

    // a resend, then a bounce of the new link
    claire
        .post("/api/onboardings/" + onboardingId + "/resend", null)
        .andExpect(status().isAccepted());
    mailbox.await(email, 2);
    awaitSent(onboardingId, 2);
    long live =
        invitations.forOnboarding(onboardingId).stream().mapToLong(i -> i.id()).max().orElseThrow();
    await().atMost(PATIENCE).until(() -> invitations.get(live).status() == InvitationStatus.SENT);
    claire.post("/api/invitations/" + live + "/bounce", null).andExpect(status().isAccepted());

    // the manager corrects the address, with a note naming the client
    long task = awaitCorrectionTask(onboardingId);
    claire
        .post(
            "/api/tasks/" + task + "/completion",
            Map.of(
                "correctedEmail",
                corrected,
                "correctionNote",
                "Appelé " + first + " " + last + " : adresse " + email + " fausse"))
        .andExpect(status().isNoContent());
    String token = Mailbox.activationToken(mailbox.await(corrected, 1).getFirst());
    long contactId = onboardings.get(onboardingId).contactId();
    assertThat(contacts.get(contactId).email()).isEqualTo(corrected);
    // the address typed in the task went through the database, not the engine: nothing waits
    assertThat(
            jdbc.queryForObject(
                "select count(*) from email_correction where contact_id = ?",
                Integer.class,
                contactId))
        .isZero();

    // an idempotent call whose stored answer (kept 24 h) holds the contact
    claire
        .post("/api/contacts/" + contactId + "/reactivation", null, UUID.randomUUID().toString())
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.email").value(corrected));

    // the activation: the staff are told by mail, with the client's name in the subject
    invitations.accept(token, PASSWORD);
    await()
        .atMost(PATIENCE)
        .until(() -> onboardings.get(onboardingId).status() == OnboardingStatus.ONBOARDED);
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                jdbc.queryForObject(
                        "select count(*) from mail_log where subject ilike ?",
                        Integer.class,
                        "%" + last + "%")
                    > 0);
    List<String> needles = List.of(email, corrected, first, last);
    // before: the copies the erasure must reach are really there
    List<String> before = occurrences(needles);
    for (String copy :
        List.of(
            "\"contact\".\"email\"",
            "\"client_account\".\"email\"",
            "\"invitation\".\"email\"",
            "\"invitation\".\"custom_message\"",
            "\"mail_log\".\"recipient\"",
            "\"mail_log\".\"subject\"",
            "\"onboarding\".\"custom_message\"",
            "\"activity\".\"details\"",
            "\"idempotency_key\".\"response_body\"")) {
      assertThat(before).as("before the erasure").anyMatch(hit -> hit.startsWith(copy + ":"));
    }

    Api.as(mvc, json, Api.ADMIN)
        .post("/api/contacts/" + contactId + "/erasure", null)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("ERASED"));

    assertThat(occurrences(needles)).as("after the erasure").isEmpty();

    // the audit entry: counts, no personal data
    String audit =
        jdbc.queryForObject(
            "select details::text from activity where type = 'CONTACT_ERASED' and contact_id = ?",
            String.class,
            contactId);
    assertThat(audit).contains("invitations").contains("mailLog").doesNotContain("@test.example");
    // a second erasure changes nothing
    Api.as(mvc, json, Api.ADMIN)
        .post("/api/contacts/" + contactId + "/erasure", null)
        .andExpect(status().isOk());
    assertThat(
            jdbc.queryForObject(
                "select count(*) from activity where type = 'CONTACT_ERASED' and contact_id = ?",
                Integer.class,
                contactId))
        .isEqualTo(1);
  }

  @Test
  @DisplayName("erasure is the administrator's: a manager and a STAFF user get 403")
  void administratorOnly() throws Exception {
    var contact = fixtures.contact(io.passerelle.contact.SubscriberType.CLIENT);
    for (String who : List.of(Api.MANAGER, Api.STAFF)) {
      Api.as(mvc, json, who)
          .post("/api/contacts/" + contact.id() + "/erasure", null)
          .andExpect(status().isForbidden())
          .andExpect(jsonPath("$.code").value("ADMINISTRATOR_ONLY"));
    }
    assertThat(contacts.get(contact.id()).email()).isEqualTo(contact.email());
  }

  /**
   * Every text column (text, varchar, char, json, jsonb; bytea read as UTF-8) of every table of the
   * database, searched for each needle ignoring case: "table.column: needle" for each hit.
   */
  private List<String> occurrences(List<String> needles) {
    List<String> hits = new ArrayList<>();
    List<Map<String, Object>> columns =
        jdbc.queryForList(
            """
            select c.table_name, c.column_name, c.data_type
            from information_schema.columns c
            join information_schema.tables t
              on t.table_schema = c.table_schema and t.table_name = c.table_name
            where c.table_schema = current_schema() and t.table_type = 'BASE TABLE'
              and c.data_type in ('text', 'character varying', 'character', 'json', 'jsonb',
                                  'bytea')
            """);
    assertThat(columns).hasSizeGreaterThan(50);
    for (Map<String, Object> column : columns) {
      String table = quote((String) column.get("table_name"));
      String name = quote((String) column.get("column_name"));
      String where = table + "." + name;
      if ("bytea".equals(column.get("data_type"))) {
        for (byte[] value :
            jdbc.queryForList(
                "select " + name + " from " + table + " where " + name + " is not null",
                byte[].class)) {
          String text = new String(value, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
          for (String needle : needles) {
            if (text.contains(needle.toLowerCase(Locale.ROOT))) {
              hits.add(where + ": " + needle);
            }
          }
        }
        continue;
      }
      for (String needle : needles) {
        Integer count =
            jdbc.queryForObject(
                "select count(*) from "
                    + table
                    + " where lower("
                    + name
                    + "::text) like '%' || lower(?) || '%'",
                Integer.class,
                needle);
        if (count != null && count > 0) {
          hits.add(where + ": " + needle + " (" + count + ")");
        }
      }
    }
    return hits;
  }

  private static String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }

  private void awaitSent(long onboardingId, int count) {
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                invitations.forOnboarding(onboardingId).size() >= count
                    && invitations.forOnboarding(onboardingId).stream()
                        .anyMatch(i -> i.status() == InvitationStatus.SENT));
  }

  private long awaitCorrectionTask(long onboardingId) throws Exception {
    long[] found = {0};
    await()
        .atMost(PATIENCE)
        .until(
            () -> {
              JsonNode tasks = claire.read(claire.get("/api/tasks"));
              for (JsonNode t : tasks) {
                if (t.get("onboardingId").asLong() == onboardingId
                    && Elements.USER_TASK_CORRECT_CONTACT_EMAIL.equals(
                        t.get("elementId").asText())) {
                  found[0] = t.get("userTaskKey").asLong();
                  return true;
                }
              }
              return false;
            });
    return found[0];
  }
}
