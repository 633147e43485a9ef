package io.passerelle.processes;

import static io.camunda.zeebe.process.test.assertions.BpmnAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.process.test.extension.ZeebeProcessTest;
import io.camunda.zeebe.process.test.inspections.model.InspectedProcessInstance;
import io.passerelle.processes.ProcessNames.Decisions;
import io.passerelle.processes.ProcessNames.JobTypes;
import io.passerelle.processes.ProcessNames.Resources;
import io.passerelle.processes.ProcessNames.Variables;
import io.passerelle.processes.support.EngineDriver;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@ZeebeProcessTest
@DisplayName("Politique de relance (Decision_ReminderPolicy)")
class ReminderPolicyTest {

  private ZeebeTestEngine engine;
  private EngineDriver driver;

  @AfterEach
  void closeTheClient() {
    driver.close();
  }

  @BeforeEach
  void deploy() {
    driver = new EngineDriver(engine).deployAll();
  }

  @ParameterizedTest(
      name =
          "offre {0}, abonné {1} → 1re relance {2}, 2e relance {3}, expiration {4},"
              + " vérification Microsoft {5}")
  @DisplayName("the table, row by row")
  @CsvSource(
      delimiter = '|',
      nullValues = "(aucun)",
      textBlock =
          """
          # offre   | type d'abonné | 1re relance | 2e relance | expiration | vérif. Microsoft
            START   | CLIENT        | P7D         | P30D       | P45D       | PT1H
            START   | FAMILY_MEMBER | P7D         | P30D       | P45D       | PT1H
            START   | ADVISOR       | P3D         | P10D       | P21D       | PT1H
            PREMIUM | ADVISOR       | P3D         | P10D       | P21D       | PT1H
            PREMIUM | CLIENT        | P7D         | P30D       | P45D       | PT1H
            (aucun) | (aucun)       | P7D         | P30D       | P45D       | PT1H
          """)
  void reminderPolicy(
      String offerCode,
      String subscriberType,
      String firstReminder,
      String secondReminder,
      String expiry,
      String guestPollInterval)
      throws IOException {
    Map<String, Object> input = new HashMap<>();
    input.put(Variables.OFFER_CODE, offerCode);
    input.put(Variables.SUBSCRIBER_TYPE, subscriberType);

    var result =
        driver
            .client()
            .newEvaluateDecisionCommand()
            .decisionId(Decisions.REMINDER_POLICY)
            .variables(input)
            .send()
            .join();

    var output = new ObjectMapper().readTree(result.getDecisionOutput());
    assertThat(output.get("firstReminder").asText()).isEqualTo(firstReminder);
    assertThat(output.get("secondReminder").asText()).isEqualTo(secondReminder);
    assertThat(output.get("expiry").asText()).isEqualTo(expiry);
    assertThat(output.get("guestPollInterval").asText()).isEqualTo(guestPollInterval);
  }

  @Test
  @DisplayName("a new policy version applies to new invitations; running ones keep their dates")
  void policyChangeAppliesToNewInvitationsOnly() throws IOException {
    var before = driver.startOnboarding(301, true);
    long running = driver.invitationInstance(before.getProcessInstanceKey());
    long runningFirstDue = firstReminderDue(running);

    driver.deploy("reminder-policy.dmn", policyWithDefaultRow("P2D", "P5D", "P10D"));
    var after = driver.startOnboarding(302, true);
    long started = driver.invitationInstance(after.getProcessInstanceKey());

    assertThat(firstReminderDue(running))
        .as("running invitation keeps its date")
        .isEqualTo(runningFirstDue);
    assertThat(driver.timersCreated("TimerEvent_FirstReminder", running)).hasSize(1);
    assertThat(runningFirstDue - firstReminderDue(started))
        .as("7 days for the running one, 2 for the new one")
        .isCloseTo(Duration.ofDays(5).toMillis(), within(Duration.ofMinutes(1).toMillis()));
    assertThat(new InspectedProcessInstance(started))
        .hasVariableWithValue(
            Variables.REMINDER_POLICY,
            Map.of(
                "firstReminder",
                "P2D",
                "secondReminder",
                "P5D",
                "expiry",
                "P10D",
                "guestPollInterval",
                "PT1H"));
    assertThat(new InspectedProcessInstance(running))
        .hasVariableWithValue(
            Variables.REMINDER_POLICY,
            Map.of(
                "firstReminder",
                "P7D",
                "secondReminder",
                "P30D",
                "expiry",
                "P45D",
                "guestPollInterval",
                "PT1H"));

    driver.advance(Duration.ofDays(2));
    assertThat(reminders()).containsExactly(List.of(1002, 1));

    driver.advance(Duration.ofDays(5));
    assertThat(reminders())
        .containsExactlyInAnyOrder(List.of(1002, 1), List.of(1002, 2), List.of(1001, 1));
  }

  private long firstReminderDue(long invitation) {
    return driver.timersCreated("TimerEvent_FirstReminder", invitation).get(0).getDueDate();
  }

  /** (invitationId, reminderNumber) of every reminder sent so far. */
  private List<List<Object>> reminders() {
    return driver.jobs(JobTypes.SEND_REMINDER).stream()
        .map(
            job ->
                List.of(
                    job.variable(Variables.INVITATION_ID), job.variable(Variables.REMINDER_NUMBER)))
        .toList();
  }

  /** The deployed table with other delays in its general (last) row, as a process owner would. */
  private static String policyWithDefaultRow(String first, String second, String expiry)
      throws IOException {
    String dmn;
    try (InputStream in =
        ReminderPolicyTest.class.getClassLoader().getResourceAsStream(Resources.REMINDER_POLICY)) {
      dmn = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    int defaultRow = dmn.indexOf("<rule id=\"Rule_Default\">");
    assertThat(defaultRow).isPositive();
    String row =
        dmn.substring(defaultRow)
            .replace("\"P7D\"", '"' + first + '"')
            .replace("\"P30D\"", '"' + second + '"')
            .replace("\"P45D\"", '"' + expiry + '"');
    return dmn.substring(0, defaultRow) + row;
  }
}
