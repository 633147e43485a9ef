package io.passerelle.processes;

import static io.camunda.zeebe.process.test.assertions.BpmnAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.process.test.extension.ZeebeProcessTest;
import io.camunda.zeebe.process.test.inspections.model.InspectedProcessInstance;
import io.camunda.zeebe.protocol.record.value.TimerRecordValue;
import io.passerelle.processes.ProcessNames.CandidateGroups;
import io.passerelle.processes.ProcessNames.Elements;
import io.passerelle.processes.ProcessNames.Errors;
import io.passerelle.processes.ProcessNames.FollowUpDecisions;
import io.passerelle.processes.ProcessNames.JobTypes;
import io.passerelle.processes.ProcessNames.Messages;
import io.passerelle.processes.ProcessNames.Variables;
import io.passerelle.processes.support.EngineDriver;
import io.passerelle.processes.support.EngineDriver.HandledJob;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@ZeebeProcessTest
@DisplayName("Invitation du client (Process_ClientInvitation)")
class ClientInvitationProcessTest {

  private static final String FIRST_REMINDER = "TimerEvent_FirstReminder";
  private static final String SECOND_REMINDER = "TimerEvent_SecondReminder";

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

  @AfterEach
  void noCommandWasRejected() {
    assertThat(driver.rejections()).isEmpty();
  }

  /** Starts an onboarding that sends its invitation now; returns the invitation instance. */
  private long invitationWaitingForActivation(InspectedProcessInstance onboarding) {
    long invitation = driver.invitationInstance(onboarding.getProcessInstanceKey());
    assertThat(new InspectedProcessInstance(invitation))
        .isWaitingAtElements(Elements.AWAIT_ACTIVATION);
    return invitation;
  }

  private static InspectedProcessInstance instance(long key) {
    return new InspectedProcessInstance(key);
  }

  private static Duration days(long days) {
    return Duration.ofDays(days);
  }

  private java.util.List<Object> reminderNumbers() {
    return driver.jobs(JobTypes.SEND_REMINDER).stream()
        .map(job -> job.variable(Variables.REMINDER_NUMBER))
        .toList();
  }

  @Test
  @DisplayName("the first reminder at 7 days and the second at 30 days, each exactly once")
  void remindersAtSevenAndThirtyDaysExactlyOnceEach() {
    var onboarding = driver.startOnboarding(201, true);
    long invitation = invitationWaitingForActivation(onboarding);
    long now = java.time.Instant.now().plus(driver.clockOffset()).toEpochMilli();
    assertThat(driver.timersCreated(FIRST_REMINDER, invitation).get(0).getDueDate() - now)
        .isCloseTo(days(7).toMillis(), within(Duration.ofMinutes(1).toMillis()));
    assertThat(driver.timersCreated(SECOND_REMINDER, invitation).get(0).getDueDate() - now)
        .isCloseTo(days(30).toMillis(), within(Duration.ofMinutes(1).toMillis()));
    assertThat(
            driver.timersCreated("TimerEvent_InvitationExpired", invitation).get(0).getDueDate()
                - now)
        .isCloseTo(days(45).toMillis(), within(Duration.ofMinutes(1).toMillis()));

    driver.advance(days(6));
    assertThat(driver.jobs(JobTypes.SEND_REMINDER)).isEmpty();

    driver.advance(days(1));
    assertThat(reminderNumbers()).containsExactly(1);
    HandledJob first = driver.jobs(JobTypes.SEND_REMINDER).get(0);
    assertThat(first.variable(Variables.INVITATION_ID)).isEqualTo(1001);
    assertThat(first.elementId()).isEqualTo("ServiceTask_SendFirstReminder");

    driver.advance(days(22));
    assertThat(reminderNumbers()).containsExactly(1);

    driver.advance(days(1));
    assertThat(reminderNumbers()).containsExactly(1, 2);
    assertThat(driver.jobs(JobTypes.SEND_REMINDER).get(1).elementId())
        .isEqualTo("ServiceTask_SendSecondReminder");

    driver.advance(days(10));
    assertThat(reminderNumbers()).containsExactly(1, 2);
    assertThat(instance(invitation))
        .isWaitingAtElements(Elements.AWAIT_ACTIVATION)
        .hasPassedElement("EndEvent_FirstReminderSent", 1)
        .hasPassedElement("EndEvent_SecondReminderSent", 1);

    driver.publish(Messages.CLIENT_ACTIVATED, "onboarding-201");
    driver.advance(days(30));

    assertThat(reminderNumbers()).containsExactly(1, 2);
    assertThat(driver.jobs(JobTypes.EXPIRE_INVITATION)).isEmpty();
    assertThat(instance(invitation)).hasPassedElement(Elements.END_INVITATION_ACCEPTED);
    assertThat(onboarding).hasPassedElement(Elements.END_CLIENT_ONBOARDED).isCompleted();
  }

  @Test
  @DisplayName("no reminder after activation")
  void noReminderAfterActivation() {
    var onboarding = driver.startOnboarding(202, true);
    long invitation = invitationWaitingForActivation(onboarding);
    driver.advance(days(2));

    driver.publish(Messages.CLIENT_ACTIVATED, "onboarding-202");
    driver.advance(days(60));

    assertThat(driver.jobs(JobTypes.SEND_REMINDER)).isEmpty();
    assertThat(driver.jobs(JobTypes.EXPIRE_INVITATION)).isEmpty();
    assertThat(driver.pendingTimers()).isEmpty();
    assertThat(instance(invitation))
        .hasNotPassedElement(FIRST_REMINDER)
        .hasNotPassedElement(SECOND_REMINDER)
        .hasPassedElement(Elements.END_INVITATION_ACCEPTED)
        .isCompleted();
  }

  /** 45 days without activation: both reminders sent, invitation expired, task for the manager. */
  private EngineDriver.UserTask expire(InspectedProcessInstance onboarding) {
    long invitation = invitationWaitingForActivation(onboarding);
    driver.advance(days(45));
    assertThat(instance(invitation))
        .hasPassedElementsInOrder("TimerEvent_InvitationExpired", "ServiceTask_ExpireInvitation")
        .isWaitingAtElements(Elements.USER_TASK_FOLLOW_UP_STALLED_ACTIVATION)
        .hasVariableWithValue(Variables.DOSSIER_MANAGER, EngineDriver.DOSSIER_MANAGER);
    return driver.openUserTask(Elements.USER_TASK_FOLLOW_UP_STALLED_ACTIVATION);
  }

  @Test
  @DisplayName(
      "at 45 days the invitation expires and the dossier's manager gets the follow-up task")
  void expiryCreatesTheFollowUpTaskForTheDossierManager() {
    var onboarding = driver.startOnboarding(211, true);

    var task = expire(onboarding);

    assertThat(task.assignee()).isEqualTo(EngineDriver.DOSSIER_MANAGER);
    assertThat(task.candidateGroups()).containsExactly(CandidateGroups.MANAGERS);
    assertThat(task.formKey()).as("linked form").isPositive();
    assertThat(reminderNumbers()).containsExactlyInAnyOrder(1, 2);
    assertThat(driver.jobs(JobTypes.EXPIRE_INVITATION)).hasSize(1);
    assertThat(driver.jobs(JobTypes.EXPIRE_INVITATION).get(0).variable(Variables.INVITATION_ID))
        .isEqualTo(1001);
    assertThat(onboarding).isWaitingAtElements(Elements.CLIENT_INVITATION_CALL);
  }

  @Test
  @DisplayName(
      "at 45 days, a link replaced by another dossier's newer one that still lives: no follow-up"
          + " task here (that dossier's process follows up), the wait goes on until the activation")
  void expiryWhileANewerLinkLivesElsewhere() {
    driver.stubOnce(
        JobTypes.EXPIRE_INVITATION,
        EngineDriver.complete(
            Map.of(
                Variables.DOSSIER_MANAGER,
                EngineDriver.DOSSIER_MANAGER,
                Variables.FOLLOWED_UP_ELSEWHERE,
                true)));
    var onboarding = driver.startOnboarding(216, true);
    long invitation = invitationWaitingForActivation(onboarding);

    driver.advance(days(45));

    assertThat(instance(invitation))
        .hasPassedElementsInOrder(
            "TimerEvent_InvitationExpired",
            "ServiceTask_ExpireInvitation",
            "Gateway_FollowedUpElsewhere")
        .hasNotPassedElement(Elements.USER_TASK_FOLLOW_UP_STALLED_ACTIVATION)
        .isWaitingAtElements(Elements.AWAIT_ACTIVATION);
    assertThat(driver.jobs(JobTypes.ISSUE_INVITATION)).hasSize(1);

    driver.publish(Messages.CLIENT_ACTIVATED, "onboarding-216");
    driver.advance(days(1));
    assertThat(instance(invitation)).hasPassedElement(Elements.END_INVITATION_ACCEPTED);
    assertThat(onboarding).hasPassedElement(Elements.END_CLIENT_ONBOARDED).isCompleted();
  }

  @Test
  @DisplayName("follow-up 'resend': a new invitation is issued and sent, the wait starts again")
  void followUpResendIssuesANewInvitation() {
    var onboarding = driver.startOnboarding(212, true);
    var task = expire(onboarding);
    long invitation = task.processInstanceKey();

    driver.completeUserTask(
        task,
        Map.of(
            Variables.FOLLOW_UP_DECISION,
            FollowUpDecisions.RESEND,
            Variables.FOLLOW_UP_NOTE,
            "Le client a changé de messagerie"));

    assertThat(driver.jobs(JobTypes.ISSUE_INVITATION)).hasSize(2);
    assertThat(driver.jobs(JobTypes.SEND_INVITATION_MAIL))
        .extracting(job -> job.variable(Variables.INVITATION_ID))
        .containsExactly(1001, 1002);
    assertThat(driver.jobs(JobTypes.EXTEND_INVITATION)).isEmpty();
    assertThat(instance(invitation))
        .hasPassedElement("Gateway_FollowUpDecision")
        .isWaitingAtElements(Elements.AWAIT_ACTIVATION)
        .hasVariableWithValue(Variables.FOLLOW_UP_DECISION, "resend")
        .hasVariableWithValue(Variables.INVITATION_ID, 1002);
    assertThat(driver.timersCreated(FIRST_REMINDER, invitation)).hasSize(2);
  }

  @Test
  @DisplayName("follow-up 'extend': the same invitation is extended, the wait starts again")
  void followUpExtendKeepsTheInvitationAndWaitsAgain() {
    var onboarding = driver.startOnboarding(213, true);
    var task = expire(onboarding);
    long invitation = task.processInstanceKey();

    driver.completeUserTask(task, Map.of(Variables.FOLLOW_UP_DECISION, FollowUpDecisions.EXTEND));

    assertThat(driver.jobs(JobTypes.EXTEND_INVITATION))
        .extracting(job -> job.variable(Variables.INVITATION_ID))
        .containsExactly(1001);
    assertThat(driver.jobs(JobTypes.ISSUE_INVITATION)).hasSize(1);
    assertThat(instance(invitation))
        .hasPassedElement("ServiceTask_ExtendInvitation")
        .isWaitingAtElements(Elements.AWAIT_ACTIVATION);
    assertThat(driver.timersCreated("TimerEvent_InvitationExpired", invitation)).hasSize(2);

    driver.advance(days(7));
    assertThat(reminderNumbers())
        .as("the first reminder again, 7 days after the extension")
        .containsExactlyInAnyOrder(1, 2, 1);
  }

  @Test
  @DisplayName("follow-up 'cancel': the invitation is cancelled and so is the onboarding")
  void followUpCancelEndsTheInvitationAndTheOnboardingCancelled() {
    var onboarding = driver.startOnboarding(214, true);
    var task = expire(onboarding);
    long invitation = task.processInstanceKey();

    driver.completeUserTask(task, Map.of(Variables.FOLLOW_UP_DECISION, FollowUpDecisions.CANCEL));

    assertThat(instance(invitation))
        .hasPassedElementsInOrder(
            "EndEvent_CancellationDecided",
            "Gateway_InvitationOutcome",
            "ServiceTask_CancelInvitation",
            Elements.END_INVITATION_CANCELLED)
        .isCompleted();
    assertThat(driver.jobs(JobTypes.CANCEL_INVITATION)).hasSize(1);
    assertThat(onboarding)
        .hasVariableWithValue(Variables.INVITATION_OUTCOME, "cancelled")
        .hasPassedElementsInOrder(
            "ServiceTask_RecordCancellation", Elements.END_ONBOARDING_CANCELLED)
        .hasNotPassedElement("ServiceTask_EnableWidget")
        .isCompleted();
  }

  @Test
  @DisplayName("resend while waiting: a new invitation, and the reminder schedule restarts from it")
  void resendWhileWaitingRestartsTheReminderSchedule() {
    var onboarding = driver.startOnboarding(221, true);
    long invitation = invitationWaitingForActivation(onboarding);
    driver.advance(days(3));

    driver.publish(Messages.INVITATION_RESENT, "onboarding-221");

    assertThat(driver.jobs(JobTypes.ISSUE_INVITATION)).hasSize(2);
    assertThat(driver.jobs(JobTypes.SEND_INVITATION_MAIL))
        .extracting(job -> job.variable(Variables.INVITATION_ID))
        .containsExactly(1001, 1002);
    assertThat(instance(invitation))
        .hasPassedElement("MessageEvent_InvitationResent")
        .isWaitingAtElements(Elements.AWAIT_ACTIVATION);
    var firstReminders = driver.timersCreated(FIRST_REMINDER, invitation);
    assertThat(firstReminders).hasSize(2);
    assertThat(dueDateShift(firstReminders.get(0), firstReminders.get(1)))
        .as("the first reminder moved by the time waited before the resend")
        .isCloseTo(days(3).toMillis(), within(Duration.ofMinutes(1).toMillis()));

    driver.advance(days(4)); // 7 days after the first sending
    assertThat(driver.jobs(JobTypes.SEND_REMINDER)).isEmpty();

    driver.advance(days(3)); // 7 days after the resend
    assertThat(driver.jobs(JobTypes.SEND_REMINDER))
        .extracting(job -> job.variable(Variables.INVITATION_ID))
        .containsExactly(1002);
  }

  private static long dueDateShift(TimerRecordValue before, TimerRecordValue after) {
    return after.getDueDate() - before.getDueDate();
  }

  @Test
  @DisplayName(
      "cancel while waiting: the link dies, no more reminders, both processes end cancelled")
  void cancelWhileWaiting() {
    var onboarding = driver.startOnboarding(231, true);
    long invitation = invitationWaitingForActivation(onboarding);

    driver.publish(Messages.INVITATION_CANCELLED, "onboarding-231");
    driver.advance(days(60));

    assertThat(instance(invitation))
        .hasPassedElementsInOrder(
            "MessageEvent_InvitationCancelled",
            "ServiceTask_CancelInvitation",
            Elements.END_INVITATION_CANCELLED)
        .hasNotPassedElement("ServiceTask_RecordActivation")
        .isCompleted();
    assertThat(driver.jobs(JobTypes.CANCEL_INVITATION).get(0).variable(Variables.ONBOARDING_ID))
        .isEqualTo(231);
    assertThat(driver.jobs(JobTypes.SEND_REMINDER)).isEmpty();
    assertThat(onboarding)
        .hasPassedElement(Elements.END_ONBOARDING_CANCELLED)
        .hasVariableWithValue(Variables.INVITATION_OUTCOME, "cancelled")
        .isCompleted();
  }

  @Test
  @DisplayName(
      "bounce reported by message → correction task → a new invitation to the corrected address")
  void bounceMessageLeadsToCorrectionThenANewInvitation() {
    var onboarding = driver.startOnboarding(241, true);
    long invitation = invitationWaitingForActivation(onboarding);

    driver.publish(Messages.EMAIL_BOUNCED, "onboarding-241");

    assertThat(driver.jobs(JobTypes.MARK_INVITATION_BOUNCED))
        .extracting(job -> job.variable(Variables.INVITATION_ID))
        .containsExactly(1001);
    var task = driver.openUserTask(Elements.USER_TASK_CORRECT_CONTACT_EMAIL);
    assertThat(task.assignee()).isEqualTo(EngineDriver.DOSSIER_MANAGER);
    assertThat(task.candidateGroups()).containsExactly(CandidateGroups.MANAGERS);
    assertThat(task.formKey()).isPositive();

    driver.completeUserTask(task, Map.of(Variables.CORRECTED_EMAIL, "jeanne@exemple.fr"));

    var correction = driver.jobs(JobTypes.CORRECT_CONTACT_EMAIL);
    assertThat(correction).hasSize(1);
    assertThat(correction.get(0).variable(Variables.CORRECTED_EMAIL))
        .isEqualTo("jeanne@exemple.fr");
    assertThat(correction.get(0).variable(Variables.CONTACT_ID)).isEqualTo(42);
    assertThat(driver.jobs(JobTypes.SEND_INVITATION_MAIL))
        .extracting(job -> job.variable(Variables.INVITATION_ID))
        .containsExactly(1001, 1002);
    assertThat(instance(invitation))
        .hasPassedElementsInOrder(
            "MessageEvent_EmailBounced",
            "ServiceTask_MarkBounced",
            Elements.USER_TASK_CORRECT_CONTACT_EMAIL,
            "ServiceTask_ApplyEmailCorrection")
        .hasPassedElement("ServiceTask_IssueInvitation", 2)
        .hasVariableWithValue(Variables.CORRECTED_EMAIL, null)
        .isWaitingAtElements(Elements.AWAIT_ACTIVATION);
    assertThat(driver.jobs(JobTypes.SEND_REMINDER)).isEmpty();
  }

  @Test
  @DisplayName("mail server rejects the address (MAIL_REJECTED) → correction task → new invitation")
  void mailRejectedLeadsToCorrectionThenANewInvitation() {
    driver.stubOnce(JobTypes.SEND_INVITATION_MAIL, EngineDriver.throwError(Errors.MAIL_REJECTED));
    var onboarding = driver.startOnboarding(242, true);
    long invitation = driver.invitationInstance(onboarding.getProcessInstanceKey());

    var task = driver.openUserTask(Elements.USER_TASK_CORRECT_CONTACT_EMAIL);
    assertThat(instance(invitation))
        .hasPassedElementsInOrder("ErrorEvent_MailRejected", "ServiceTask_MarkBounced")
        .hasNotPassedElement(Elements.AWAIT_ACTIVATION);

    driver.completeUserTask(task, Map.of(Variables.CORRECTED_EMAIL, "jeanne@exemple.fr"));

    assertThat(driver.jobs(JobTypes.SEND_INVITATION_MAIL))
        .extracting(job -> job.variable(Variables.INVITATION_ID))
        .containsExactly(1001, 1002);
    assertThat(instance(invitation)).isWaitingAtElements(Elements.AWAIT_ACTIVATION);
  }

  @Test
  @DisplayName(
      "a corrected address that is still invalid (INVALID_EMAIL) → the correction task again")
  void invalidCorrectionAsksAgain() {
    driver.stubOnce(JobTypes.CORRECT_CONTACT_EMAIL, EngineDriver.throwError(Errors.INVALID_EMAIL));
    var onboarding = driver.startOnboarding(243, true);
    long invitation = invitationWaitingForActivation(onboarding);
    driver.publish(Messages.EMAIL_BOUNCED, "onboarding-243");

    driver.completeUserTask(
        driver.openUserTask(Elements.USER_TASK_CORRECT_CONTACT_EMAIL),
        Map.of(Variables.CORRECTED_EMAIL, "jeanne@exemple"));

    assertThat(driver.userTasksCreated(Elements.USER_TASK_CORRECT_CONTACT_EMAIL)).isEqualTo(2);
    assertThat(instance(invitation))
        .hasPassedElement("ErrorEvent_CorrectionInvalid")
        .isWaitingAtElements(Elements.USER_TASK_CORRECT_CONTACT_EMAIL);
    assertThat(driver.jobs(JobTypes.ISSUE_INVITATION)).hasSize(1);

    driver.completeUserTask(
        driver.openUserTask(Elements.USER_TASK_CORRECT_CONTACT_EMAIL),
        Map.of(Variables.CORRECTED_EMAIL, "jeanne@exemple.fr"));

    assertThat(driver.jobs(JobTypes.CORRECT_CONTACT_EMAIL))
        .extracting(job -> job.variable(Variables.CORRECTED_EMAIL))
        .containsExactly("jeanne@exemple", "jeanne@exemple.fr");
    assertThat(driver.jobs(JobTypes.ISSUE_INVITATION)).hasSize(2);
    assertThat(instance(invitation)).isWaitingAtElements(Elements.AWAIT_ACTIVATION);
  }

  @Test
  @DisplayName(
      "cancel while the correction task is open: the task goes, the invitation ends cancelled")
  void cancelWhileCorrectionTaskIsOpen() {
    var onboarding = driver.startOnboarding(244, true);
    long invitation = invitationWaitingForActivation(onboarding);
    driver.publish(Messages.EMAIL_BOUNCED, "onboarding-244");
    driver.openUserTask(Elements.USER_TASK_CORRECT_CONTACT_EMAIL);

    driver.publish(Messages.INVITATION_CANCELLED, "onboarding-244");

    assertThat(driver.openUserTasks()).isEmpty();
    assertThat(instance(invitation))
        .hasPassedElement(Elements.END_INVITATION_CANCELLED)
        .isCompleted();
    assertThat(onboarding).hasPassedElement(Elements.END_ONBOARDING_CANCELLED).isCompleted();
  }

  @Test
  @DisplayName(
      "e-mail changed while waiting: the old link dies, a new invitation goes to the new address")
  void emailChangedIssuesANewInvitation() {
    var onboarding = driver.startOnboarding(251, true);
    long invitation = invitationWaitingForActivation(onboarding);

    driver.publish(Messages.EMAIL_CHANGED, "onboarding-251");

    assertThat(driver.jobs(JobTypes.ISSUE_INVITATION)).hasSize(2);
    assertThat(driver.jobs(JobTypes.SEND_INVITATION_MAIL))
        .extracting(job -> job.variable(Variables.INVITATION_ID))
        .containsExactly(1001, 1002);
    assertThat(instance(invitation))
        .hasPassedElement("MessageEvent_EmailChanged")
        .hasPassedElement("ServiceTask_IssueInvitation", 2)
        .isWaitingAtElements(Elements.AWAIT_ACTIVATION);

    driver.publish(Messages.CLIENT_ACTIVATED, "onboarding-251");
    assertThat(driver.jobs(JobTypes.RECORD_ACTIVATION))
        .extracting(job -> job.variable(Variables.INVITATION_ID))
        .containsExactly(1002);
    assertThat(onboarding).hasPassedElement(Elements.END_CLIENT_ONBOARDED).isCompleted();
  }
}
