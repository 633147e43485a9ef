package io.passerelle.processes;

import static io.camunda.zeebe.process.test.assertions.BpmnAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.process.test.extension.ZeebeProcessTest;
import io.camunda.zeebe.process.test.inspections.model.InspectedProcessInstance;
import io.camunda.zeebe.protocol.record.value.ErrorType;
import io.passerelle.processes.ProcessNames.Elements;
import io.passerelle.processes.ProcessNames.Errors;
import io.passerelle.processes.ProcessNames.GuestDecisions;
import io.passerelle.processes.ProcessNames.GuestProblems;
import io.passerelle.processes.ProcessNames.JobTypes;
import io.passerelle.processes.ProcessNames.Variables;
import io.passerelle.processes.support.EngineDriver;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The guest invitation to the firm's Microsoft tenant before the service invitation (issue 23), on
 * the in-memory engine with stub workers. The default reminder policy: reminders at 7 and 30 days,
 * expiry at 45 days, Graph asked every hour.
 */
@ZeebeProcessTest
@DisplayName("Invitation Microsoft du client (Process_MicrosoftGuestInvitation)")
class MicrosoftGuestInvitationProcessTest {

  private ZeebeTestEngine engine;
  private EngineDriver driver;

  @BeforeEach
  void deploy() {
    driver =
        new EngineDriver(engine)
            .deployAll()
            .stub(
                JobTypes.PROPOSE_COLLABORATIVE_SERVICE,
                EngineDriver.proposeService(false, "MICROSOFT"));
  }

  @AfterEach
  void closeTheClient() {
    driver.close();
  }

  @AfterEach
  void noCommandWasRejected() {
    assertThat(driver.rejections()).isEmpty();
  }

  @Test
  @DisplayName("an offer with Passerelle's own identity sends no guest invitation")
  void passerelleOfferSkipsTheGuestInvitation() {
    driver.stub(
        JobTypes.PROPOSE_COLLABORATIVE_SERVICE, EngineDriver.proposeService(false, "PASSERELLE"));

    var onboarding = driver.startOnboarding(700, true);

    assertThat(onboarding).isWaitingAtElements(Elements.CLIENT_INVITATION_CALL);
    assertThat(driver.guestInstances(onboarding.getProcessInstanceKey())).isEmpty();
    assertThat(driver.jobs(JobTypes.INVITE_MICROSOFT_GUEST)).isEmpty();
  }

  @Test
  @DisplayName(
      "already a member or accepted guest of the tenant: straight to the service invitation")
  void alreadyAGuest() {
    driver.stub(JobTypes.INVITE_MICROSOFT_GUEST, EngineDriver.guestInvited(true));

    var onboarding = driver.startOnboarding(701, true);

    long guest = single(onboarding.getProcessInstanceKey());
    assertThat(new InspectedProcessInstance(guest))
        .hasPassedElementsInOrder(
            "BusinessRuleTask_DecideGuestReminderPolicy",
            "ServiceTask_InviteGuest",
            Elements.END_GUEST_ACCEPTED)
        .hasNotPassedElement(Elements.AWAIT_GUEST_ACCEPTANCE)
        .isCompleted();
    assertThat(onboarding)
        .hasVariableWithValue(Variables.GUEST_OUTCOME, "accepted")
        .isWaitingAtElements(Elements.CLIENT_INVITATION_CALL);
    assertThat(driver.jobTypesInOrder())
        .containsSubsequence(JobTypes.INVITE_MICROSOFT_GUEST, JobTypes.ISSUE_INVITATION);
    assertThat(driver.jobs(JobTypes.CHECK_MICROSOFT_GUEST)).isEmpty();
  }

  @Test
  @DisplayName(
      "accepted after one reminder: the reminder re-sends the guest invitation, the hourly check"
          + " sees the acceptance, then (only then) the service invitation")
  void acceptedAfterOneReminder() {
    var onboarding = driver.startOnboarding(702, true);
    long guest = single(onboarding.getProcessInstanceKey());
    assertThat(new InspectedProcessInstance(guest))
        .isWaitingAtElements(Elements.AWAIT_GUEST_ACCEPTANCE);
    assertThat(driver.jobs(JobTypes.ISSUE_INVITATION)).isEmpty();

    driver.advance(Duration.ofDays(7));

    assertThat(driver.jobs(JobTypes.RESEND_MICROSOFT_GUEST_INVITATION))
        .extracting(job -> job.variable(Variables.REMINDER_NUMBER))
        .containsExactly(1);
    assertThat(driver.jobs(JobTypes.CHECK_MICROSOFT_GUEST)).isNotEmpty();
    assertThat(driver.jobs(JobTypes.ISSUE_INVITATION)).isEmpty();

    driver.stub(JobTypes.CHECK_MICROSOFT_GUEST, EngineDriver.guestChecked(true));
    driver.advance(Duration.ofHours(1));

    assertThat(new InspectedProcessInstance(guest))
        .hasPassedElement("EscalationEvent_GuestAccepted")
        .hasPassedElement(Elements.END_GUEST_ACCEPTED)
        .isCompleted();
    assertThat(driver.jobTypesInOrder())
        .containsSubsequence(
            JobTypes.INVITE_MICROSOFT_GUEST,
            JobTypes.RESEND_MICROSOFT_GUEST_INVITATION,
            JobTypes.CHECK_MICROSOFT_GUEST,
            JobTypes.ISSUE_INVITATION);
    assertThat(onboarding).isWaitingAtElements(Elements.CLIENT_INVITATION_CALL);
    long timersAfter = driver.pendingTimers().size();
    driver.advance(Duration.ofHours(2));
    assertThat(driver.jobs(JobTypes.ISSUE_INVITATION))
        .as("accepted once: the service invitation is issued once")
        .hasSize(1);
    assertThat(driver.pendingTimers()).hasSize((int) timersAfter);
  }

  @Test
  @DisplayName(
      "never accepted: both reminders re-send, the expiry opens the follow-up task, cancel ends"
          + " the onboarding without a service invitation")
  void neverAccepted() {
    var onboarding = driver.startOnboarding(703, true);
    long guest = single(onboarding.getProcessInstanceKey());

    driver.advance(Duration.ofDays(7));
    driver.advance(Duration.ofDays(23));
    driver.advance(Duration.ofDays(15));

    assertThat(driver.jobs(JobTypes.RESEND_MICROSOFT_GUEST_INVITATION))
        .extracting(job -> job.variable(Variables.REMINDER_NUMBER))
        .containsExactly(1, 2);
    var task = driver.openUserTask(Elements.USER_TASK_FOLLOW_UP_GUEST_INVITATION);
    assertThat(task.assignee()).isEqualTo(EngineDriver.DOSSIER_MANAGER);
    assertThat(new InspectedProcessInstance(guest))
        .hasVariableWithValue(Variables.GUEST_PROBLEM, GuestProblems.EXPIRED);

    driver.completeUserTask(task, Map.of(Variables.GUEST_DECISION, GuestDecisions.CANCEL));

    assertThat(new InspectedProcessInstance(guest))
        .hasPassedElement("EndEvent_GuestInvitationAbandoned")
        .isCompleted();
    assertThat(onboarding)
        .hasPassedElement(Elements.END_ONBOARDING_CANCELLED)
        .hasVariableWithValue(Variables.GUEST_OUTCOME, "cancelled")
        .isCompleted();
    assertThat(driver.jobs(JobTypes.ISSUE_INVITATION)).isEmpty();
    assertThat(driver.jobs(JobTypes.RECORD_ONBOARDING_CANCELLED)).hasSize(1);
  }

  @Test
  @DisplayName(
      "identity mismatch: the staff task opens with the reason; continuing keeps the guest and"
          + " sends the service invitation")
  void identityMismatch() {
    driver.stub(
        JobTypes.CHECK_MICROSOFT_GUEST, EngineDriver.throwError(Errors.GUEST_IDENTITY_MISMATCH));
    var onboarding = driver.startOnboarding(704, true);
    long guest = single(onboarding.getProcessInstanceKey());

    driver.advance(Duration.ofHours(1));

    var task = driver.openUserTask(Elements.USER_TASK_RESOLVE_GUEST_IDENTITY);
    assertThat(task.assignee()).isEqualTo(EngineDriver.DOSSIER_MANAGER);
    assertThat(new InspectedProcessInstance(guest))
        .hasVariableWithValue(Variables.GUEST_PROBLEM, GuestProblems.IDENTITY_MISMATCH)
        .hasPassedElement("ErrorEvent_GuestIdentityMismatch");
    assertThat(driver.jobs(JobTypes.ISSUE_INVITATION)).isEmpty();

    driver.completeUserTask(task, Map.of(Variables.GUEST_DECISION, GuestDecisions.CONTINUE));

    assertThat(new InspectedProcessInstance(guest))
        .hasPassedElement("ServiceTask_AcceptGuestAsIs")
        .hasPassedElement(Elements.END_GUEST_ACCEPTED)
        .isCompleted();
    assertThat(driver.jobs(JobTypes.ACCEPT_MICROSOFT_GUEST)).hasSize(1);
    assertThat(onboarding).isWaitingAtElements(Elements.CLIENT_INVITATION_CALL);
  }

  @Test
  @DisplayName(
      "Microsoft refuses the address (4xx): the staff task; retrying invites again and waits")
  void refusedThenRetried() {
    driver.stubOnce(
        JobTypes.INVITE_MICROSOFT_GUEST,
        (job, jobs) ->
            jobs.newThrowErrorCommand(job)
                .errorCode(Errors.GUEST_INVITATION_REFUSED)
                .errorMessage("Microsoft Graph answered 403 Forbidden: blocked domain")
                .variables(Map.of("manager", EngineDriver.DOSSIER_MANAGER))
                .send()
                .join());
    var onboarding = driver.startOnboarding(705, true);
    long guest = single(onboarding.getProcessInstanceKey());

    var task = driver.openUserTask(Elements.USER_TASK_RESOLVE_GUEST_IDENTITY);
    assertThat(task.assignee()).isEqualTo(EngineDriver.DOSSIER_MANAGER);
    assertThat(new InspectedProcessInstance(guest))
        .hasVariableWithValue(Variables.GUEST_PROBLEM, GuestProblems.INVITATION_REFUSED);

    driver.completeUserTask(task, Map.of(Variables.GUEST_DECISION, GuestDecisions.RETRY));

    assertThat(driver.jobs(JobTypes.INVITE_MICROSOFT_GUEST)).hasSize(2);
    assertThat(new InspectedProcessInstance(guest))
        .isWaitingAtElements(Elements.AWAIT_GUEST_ACCEPTANCE);
  }

  @Test
  @DisplayName(
      "Graph down then back: the failed invitation is offered again after the backoff, no"
          + " incident; down for good: an incident at the guest invitation, which says why")
  void graphDownThenBack() {
    driver.stubOnce(
        JobTypes.INVITE_MICROSOFT_GUEST,
        EngineDriver.failWithBackoff(
            "Microsoft Graph answered 503: retried after 30 s", Duration.ofSeconds(30)));
    var onboarding = driver.startOnboarding(706, true);
    long guest = single(onboarding.getProcessInstanceKey());
    assertThat(new InspectedProcessInstance(guest)).isWaitingAtElements("ServiceTask_InviteGuest");

    driver.advance(Duration.ofSeconds(31));
    driver.await(
        "the invitation tried again",
        () -> {
          driver.runJobs();
          return driver.jobs(JobTypes.INVITE_MICROSOFT_GUEST).size() == 2;
        });

    assertThat(new InspectedProcessInstance(guest))
        .hasNoIncidents()
        .isWaitingAtElements(Elements.AWAIT_GUEST_ACCEPTANCE);

    driver.stub(
        JobTypes.INVITE_MICROSOFT_GUEST,
        EngineDriver.failWithoutRetries("Microsoft Graph answered 503 five times"));
    var down = driver.startOnboarding(707, true);
    long downGuest = single(down.getProcessInstanceKey());
    assertThat(new InspectedProcessInstance(downGuest))
        .hasAnyIncidents()
        .extractingLatestIncident()
        .hasErrorType(ErrorType.JOB_NO_RETRIES)
        .hasErrorMessage("Microsoft Graph answered 503 five times")
        .occurredOnElement("ServiceTask_InviteGuest");
  }

  private long single(long onboardingInstanceKey) {
    var keys = driver.guestInstances(onboardingInstanceKey);
    assertThat(keys).as("guest invitation instances called").hasSize(1);
    return keys.get(0);
  }
}
