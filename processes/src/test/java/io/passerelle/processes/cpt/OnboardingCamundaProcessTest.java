package io.passerelle.processes.cpt;

import static io.camunda.process.test.api.CamundaAssert.assertThatDecision;
import static io.camunda.process.test.api.CamundaAssert.assertThatProcessInstance;
import static io.camunda.process.test.api.CamundaAssert.assertThatUserTask;
import static io.camunda.process.test.api.assertions.ProcessInstanceSelectors.byKey;
import static io.camunda.process.test.api.assertions.UserTaskSelectors.byElementId;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.response.ProcessInstanceEvent;
import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.client.api.search.response.Form;
import io.camunda.client.api.search.response.UserTask;
import io.camunda.process.test.api.CamundaAssert;
import io.camunda.process.test.api.CamundaProcessTestContext;
import io.camunda.process.test.api.CamundaSpringProcessTest;
import io.camunda.process.test.api.assertions.DecisionSelectors;
import io.camunda.process.test.api.assertions.ProcessInstanceAssert;
import io.camunda.process.test.api.mock.JobWorkerMockBuilder;
import io.camunda.process.test.api.mock.JobWorkerMockBuilder.JobWorkerMock;
import io.passerelle.processes.BulkItemBatches;
import io.passerelle.processes.ProcessNames;
import io.passerelle.processes.ProcessNames.CandidateGroups;
import io.passerelle.processes.ProcessNames.Elements;
import io.passerelle.processes.ProcessNames.Errors;
import io.passerelle.processes.ProcessNames.FollowUpDecisions;
import io.passerelle.processes.ProcessNames.Forms;
import io.passerelle.processes.ProcessNames.InvitationOutcomes;
import io.passerelle.processes.ProcessNames.JobTypes;
import io.passerelle.processes.ProcessNames.Messages;
import io.passerelle.processes.ProcessNames.Processes;
import io.passerelle.processes.ProcessNames.Variables;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The main scenarios of the onboarding, the invitation (with its reminder policy and forms) and the
 * bulk invitation on a real Camunda 8.8 runtime: Camunda Process Test starts the {@code
 * camunda/camunda} image with Testcontainers, deploys {@code processes/models} through {@link
 * ProcessTestApplication}, and purges the runtime and resets its clock after each test. Every job
 * type is a mocked worker; user tasks are completed as Tasklist does (the task's linked form is
 * fetched, the variables are the form's fields); time moves with {@code increaseTime}.
 *
 * <p>The in-memory engine tests ({@code ClientOnboardingProcessTest} and its siblings) cover every
 * path in every build; this suite shows the same models behave the same on the real runtime, with
 * its REST API, user tasks, forms and search. It needs a Docker engine: without one it is skipped,
 * and the test report says why.
 */
@SpringBootTest(classes = ProcessTestApplication.class)
@CamundaSpringProcessTest
@EnabledIf(
    value = "io.passerelle.processes.cpt.DockerEngine#available",
    disabledReason =
        "Camunda Process Test runs Camunda 8.8 in Docker (Testcontainers) and no Docker engine"
            + " answers here (a docker CLI alone is not enough): start one or set DOCKER_HOST to"
            + " run this suite. The same paths run on the in-memory engine in"
            + " ClientOnboardingProcessTest, ClientInvitationProcessTest and"
            + " BulkInvitationProcessTest.")
@DisplayName(
    "Camunda Process Test on a Camunda 8.8 runtime (Docker): onboarding, invitation and bulk"
        + " scenarios")
class OnboardingCamundaProcessTest {

  private static final long DOSSIER_ID = 601;
  private static final long CONTACT_ID = 42;
  private static final long SERVICE_ID = 51;
  private static final long ACCOUNT_ID = 61;
  private static final long FIRST_INVITATION_ID = 1001;
  private static final String DOSSIER_MANAGER = "marie.martin";
  private static final Duration MESSAGE_TTL = Duration.ofMinutes(1);

  // element ids the tests walk through (the ones the application looks for are in ProcessNames)
  private static final String ISSUE_INVITATION = "ServiceTask_IssueInvitation";
  private static final String SEND_INVITATION = "ServiceTask_SendInvitation";
  private static final String FIRST_REMINDER = "ServiceTask_SendFirstReminder";
  private static final String SECOND_REMINDER = "ServiceTask_SendSecondReminder";
  private static final String EXPIRE_INVITATION = "ServiceTask_ExpireInvitation";

  @Autowired private CamundaClient client;
  @Autowired private CamundaProcessTestContext processTestContext;

  private final ObjectMapper json = new ObjectMapper();
  private final Map<String, JobWorkerMock> workers = new HashMap<>();
  private final AtomicLong invitationIds = new AtomicLong(FIRST_INVITATION_ID - 1);

  @BeforeEach
  void slowMachinesGetTime() {
    // the runtime exports to its search storage asynchronously; CI machines are slow
    CamundaAssert.setAssertionTimeout(Duration.ofSeconds(30));
  }

  // ------------------------------------------------------------------ onboarding

  @Test
  @DisplayName(
      "happy path: the firm's four steps, the invitation with the default policy, activation,"
          + " widget, staff told")
  void happyPath() {
    mockWorkers(Map.of());

    var onboarding = startOnboarding(101, true);
    long invitation = invitationOf(onboarding);

    invitation(invitation)
        .hasActiveElements(Elements.AWAIT_ACTIVATION)
        .isWaitingForMessage(Messages.CLIENT_ACTIVATED, key(101))
        .hasVariable(Variables.ONBOARDING_KEY, key(101))
        .hasVariable(Variables.CONTACT_ID, CONTACT_ID)
        .hasVariable(Variables.SUBSCRIBER_TYPE, "CLIENT");
    assertThatDecision(DecisionSelectors.byProcessInstanceKey(invitation))
        .isEvaluated()
        .hasOutput(Map.of("firstReminder", "P7D", "secondReminder", "P30D", "expiry", "P45D"));

    publish(Messages.CLIENT_ACTIVATED, key(101));

    assertThatProcessInstance(onboarding)
        .isCompleted()
        .hasCompletedElementsInOrder(
            "ServiceTask_ActivateOffer",
            "ServiceTask_CreateContact",
            "ServiceTask_LinkDossier",
            "ServiceTask_ProposeService",
            Elements.CLIENT_INVITATION_CALL,
            "ServiceTask_EnableWidget",
            "ServiceTask_NotifyStaff",
            Elements.END_CLIENT_ONBOARDED)
        .hasNotActivatedElements("ServiceTask_SendNewAccessNotice")
        .hasVariable(Variables.INVITATION_OUTCOME, InvitationOutcomes.ACTIVATED)
        .hasVariable(Variables.BUSINESS_KEY, "dossier-601/contact-42")
        .hasVariable(Variables.ACCOUNT_ACTIVE, false);
    invitation(invitation)
        .isCompleted()
        .hasCompletedElementsInOrder(
            "BusinessRuleTask_DecideReminderPolicy",
            ISSUE_INVITATION,
            SEND_INVITATION,
            Elements.AWAIT_ACTIVATION,
            "ServiceTask_RecordActivation",
            Elements.END_INVITATION_ACCEPTED)
        .hasNotActivatedElements(FIRST_REMINDER, EXPIRE_INVITATION);
    assertThat(jobVariables(JobTypes.RECORD_ACTIVATION, Variables.INVITATION_ID))
        .containsExactly(FIRST_INVITATION_ID);
    assertThat(jobVariables(JobTypes.ISSUE_INVITATION, Variables.LINK_VALIDITY))
        .containsExactly("P45D");
    assertThat(invocations(JobTypes.SEND_INVITATION_MAIL)).isEqualTo(1);
    assertThat(invocations(JobTypes.ENABLE_OFFER_WIDGET)).isEqualTo(1);
    assertThat(invocations(JobTypes.NOTIFY_ASSIGNED_STAFF)).isEqualTo(1);
    assertThat(invocations(JobTypes.SEND_REMINDER)).isZero();
  }

  @Test
  @DisplayName("existing active account: the new-access notice, no invitation")
  void existingAccount() {
    mockWorkers(
        Map.of(
            JobTypes.PROPOSE_COLLABORATIVE_SERVICE,
            worker -> worker.thenComplete(proposedService(true))));

    var onboarding = startOnboarding(102, true);

    assertThatProcessInstance(onboarding)
        .isCompleted()
        .hasCompletedElementsInOrder(
            "ServiceTask_ProposeService",
            "Gateway_AccountActive",
            "ServiceTask_SendNewAccessNotice",
            "ServiceTask_EnableWidget",
            "ServiceTask_NotifyStaff",
            Elements.END_CLIENT_ONBOARDED)
        .hasNotActivatedElements(Elements.CLIENT_INVITATION_CALL);
    assertThat(invocations(JobTypes.SEND_NEW_ACCESS_NOTICE)).isEqualTo(1);
    assertThat(invocations(JobTypes.ISSUE_INVITATION)).isZero();
    assertThat(invocations(JobTypes.SEND_INVITATION_MAIL)).isZero();
  }

  @Test
  @DisplayName("send later: waits for the staff's order to send, then invites")
  void sendLater() {
    mockWorkers(Map.of());

    var onboarding = startOnboarding(103, false);

    assertThatProcessInstance(onboarding)
        .isWaitingForMessage(Messages.SEND_INVITATION_NOW, key(103))
        .isWaitingForMessage(Messages.INVITATION_CANCELLED, key(103))
        .hasActiveElements(Elements.AWAIT_SEND_ORDER)
        .hasNotActivatedElements(Elements.CLIENT_INVITATION_CALL);
    assertThat(invocations(JobTypes.ISSUE_INVITATION)).isZero();

    publish(Messages.SEND_INVITATION_NOW, key(103));

    long invitation = invitationOf(onboarding);
    invitation(invitation)
        .hasCompletedElements(SEND_INVITATION)
        .isWaitingForMessage(Messages.CLIENT_ACTIVATED, key(103));

    publish(Messages.CLIENT_ACTIVATED, key(103));

    assertThatProcessInstance(onboarding)
        .isCompleted()
        .hasCorrelatedMessage(Messages.SEND_INVITATION_NOW, key(103))
        .hasCompletedElementsInOrder(
            "MessageEvent_SendOrderReceived",
            Elements.CLIENT_INVITATION_CALL,
            Elements.END_CLIENT_ONBOARDED);
  }

  @Test
  @DisplayName(
      "a business error from a worker (thenThrowBpmnError ROLE_MISSING) ends the onboarding as"
          + " rejected, with its code")
  void businessErrorRejects() {
    mockWorkers(
        Map.of(JobTypes.CREATE_CONTACT, worker -> worker.thenThrowBpmnError(Errors.ROLE_MISSING)));

    var onboarding = startOnboarding(104, true);

    assertThatProcessInstance(onboarding)
        .isCompleted()
        .hasCompletedElementsInOrder(
            "ErrorEvent_RoleMissing",
            "ServiceTask_RecordRejection",
            Elements.END_ONBOARDING_REJECTED)
        .hasVariable(Variables.REJECTION_CODE, Errors.ROLE_MISSING)
        .hasNotActivatedElements("ServiceTask_LinkDossier", Elements.CLIENT_INVITATION_CALL);
    assertThat(jobVariables(JobTypes.RECORD_ONBOARDING_REJECTED, Variables.REJECTION_CODE))
        .containsExactly(Errors.ROLE_MISSING);
  }

  // ------------------------------------------------------------------ invitation

  @Test
  @DisplayName(
      "reminders: the first at 7 days, the second at 30 days, each exactly once, none after"
          + " activation")
  void remindersAtSevenAndThirtyDays() {
    mockWorkers(Map.of());
    var onboarding = startOnboarding(201, true);
    long invitation = invitationOf(onboarding);
    invitation(invitation).hasActiveElements(Elements.AWAIT_ACTIVATION);

    processTestContext.increaseTime(Duration.ofDays(7));

    invitation(invitation)
        .hasCompletedElement(FIRST_REMINDER, 1)
        .hasCompletedElement("EndEvent_FirstReminderSent", 1)
        .hasActiveElements(Elements.AWAIT_ACTIVATION);
    assertThat(invocations(JobTypes.SEND_REMINDER)).isEqualTo(1);

    processTestContext.increaseTime(Duration.ofDays(23));

    invitation(invitation)
        .hasCompletedElement(SECOND_REMINDER, 1)
        .hasCompletedElement("EndEvent_SecondReminderSent", 1)
        .hasCompletedElement(FIRST_REMINDER, 1)
        .hasActiveElements(Elements.AWAIT_ACTIVATION);
    assertThat(jobVariables(JobTypes.SEND_REMINDER, Variables.REMINDER_NUMBER))
        .containsExactly(1L, 2L);
    assertThat(jobVariables(JobTypes.SEND_REMINDER, Variables.INVITATION_ID))
        .containsExactly(FIRST_INVITATION_ID, FIRST_INVITATION_ID);

    publish(Messages.CLIENT_ACTIVATED, key(201));

    assertThatProcessInstance(onboarding).isCompleted();
    invitation(invitation)
        .isCompleted()
        .hasCompletedElement(FIRST_REMINDER, 1)
        .hasCompletedElement(SECOND_REMINDER, 1)
        .hasNotActivatedElements(EXPIRE_INVITATION);
    assertThat(invocations(JobTypes.SEND_REMINDER)).isEqualTo(2);
  }

  @Test
  @DisplayName(
      "expiry at 45 days → the manager's follow-up task, completed as in Tasklist with"
          + " « resend » → a new invitation")
  void expiryThenResend() {
    mockWorkers(Map.of());
    var onboarding = startOnboarding(211, true);
    long invitation = expireInvitation(onboarding);

    completeAsTasklist(
        Elements.USER_TASK_FOLLOW_UP_STALLED_ACTIVATION,
        invitation,
        Forms.FOLLOW_UP_STALLED_ACTIVATION,
        Map.of(
            Variables.FOLLOW_UP_DECISION,
            FollowUpDecisions.RESEND,
            Variables.FOLLOW_UP_NOTE,
            "Le client a changé de poste, je renvoie le lien."));

    invitation(invitation)
        .hasCompletedElement(ISSUE_INVITATION, 2)
        .hasCompletedElement(SEND_INVITATION, 2)
        .hasActiveElement(Elements.AWAIT_ACTIVATION, 1)
        .hasVariable(Variables.FOLLOW_UP_DECISION, FollowUpDecisions.RESEND);
    assertThat(jobVariables(JobTypes.SEND_INVITATION_MAIL, Variables.INVITATION_ID))
        .containsExactly(FIRST_INVITATION_ID, FIRST_INVITATION_ID + 1);
    assertThat(invocations(JobTypes.EXTEND_INVITATION)).isZero();

    publish(Messages.CLIENT_ACTIVATED, key(211));

    assertThatProcessInstance(onboarding)
        .isCompleted()
        .hasCompletedElements(Elements.END_CLIENT_ONBOARDED)
        .hasVariable(Variables.INVITATION_OUTCOME, InvitationOutcomes.ACTIVATED);
  }

  @Test
  @DisplayName(
      "expiry → follow-up task completed with « extend » → the same invitation lives again")
  void expiryThenExtend() {
    mockWorkers(Map.of());
    var onboarding = startOnboarding(212, true);
    long invitation = expireInvitation(onboarding);

    completeAsTasklist(
        Elements.USER_TASK_FOLLOW_UP_STALLED_ACTIVATION,
        invitation,
        Forms.FOLLOW_UP_STALLED_ACTIVATION,
        Map.of(Variables.FOLLOW_UP_DECISION, FollowUpDecisions.EXTEND));

    invitation(invitation)
        .hasCompletedElement("ServiceTask_ExtendInvitation", 1)
        .hasCompletedElement(ISSUE_INVITATION, 1)
        .hasActiveElement(Elements.AWAIT_ACTIVATION, 1);
    assertThat(jobVariables(JobTypes.EXTEND_INVITATION, Variables.INVITATION_ID))
        .containsExactly(FIRST_INVITATION_ID);
    assertThat(jobVariables(JobTypes.EXTEND_INVITATION, Variables.LINK_VALIDITY))
        .containsExactly("P45D");

    publish(Messages.CLIENT_ACTIVATED, key(212));

    assertThatProcessInstance(onboarding)
        .isCompleted()
        .hasCompletedElements(Elements.END_CLIENT_ONBOARDED);
    assertThat(invocations(JobTypes.ISSUE_INVITATION)).isEqualTo(1);
  }

  @Test
  @DisplayName(
      "expiry → follow-up task completed with « cancel » → invitation and onboarding cancelled")
  void expiryThenCancel() {
    mockWorkers(Map.of());
    var onboarding = startOnboarding(213, true);
    long invitation = expireInvitation(onboarding);

    completeAsTasklist(
        Elements.USER_TASK_FOLLOW_UP_STALLED_ACTIVATION,
        invitation,
        Forms.FOLLOW_UP_STALLED_ACTIVATION,
        Map.of(
            Variables.FOLLOW_UP_DECISION,
            FollowUpDecisions.CANCEL,
            Variables.FOLLOW_UP_NOTE,
            "Le client ne souhaite plus l'accès."));

    invitation(invitation)
        .isCompleted()
        .hasCompletedElementsInOrder(
            Elements.USER_TASK_FOLLOW_UP_STALLED_ACTIVATION,
            "EndEvent_CancellationDecided",
            "ServiceTask_CancelInvitation",
            Elements.END_INVITATION_CANCELLED);
    assertThatProcessInstance(onboarding)
        .isCompleted()
        .hasCompletedElementsInOrder(
            Elements.CLIENT_INVITATION_CALL,
            "ServiceTask_RecordCancellation",
            Elements.END_ONBOARDING_CANCELLED)
        .hasVariable(Variables.INVITATION_OUTCOME, InvitationOutcomes.CANCELLED)
        .hasNotActivatedElements("ServiceTask_EnableWidget");
    assertThat(jobVariables(JobTypes.CANCEL_INVITATION, Variables.ONBOARDING_ID))
        .containsExactly(213L);
  }

  @Test
  @DisplayName(
      "bounce → the « correct the e-mail » task completed as in Tasklist → a new invitation to"
          + " the corrected address")
  void bounceThenCorrectionThenNewInvitation() {
    mockWorkers(Map.of());
    var onboarding = startOnboarding(241, true);
    long invitation = invitationOf(onboarding);
    invitation(invitation).isWaitingForMessage(Messages.EMAIL_BOUNCED, key(241));

    publish(Messages.EMAIL_BOUNCED, key(241));

    invitation(invitation)
        .hasCompletedElements("MessageEvent_EmailBounced", "ServiceTask_MarkBounced")
        .hasActiveElements(Elements.USER_TASK_CORRECT_CONTACT_EMAIL);
    assertThat(jobVariables(JobTypes.MARK_INVITATION_BOUNCED, Variables.INVITATION_ID))
        .containsExactly(FIRST_INVITATION_ID);
    assertThatUserTask(byElementId(Elements.USER_TASK_CORRECT_CONTACT_EMAIL, invitation))
        .isCreated()
        .hasName("Corriger l'adresse e-mail de l'interlocuteur")
        .hasAssignee(DOSSIER_MANAGER)
        .hasCandidateGroup(CandidateGroups.MANAGERS);

    completeAsTasklist(
        Elements.USER_TASK_CORRECT_CONTACT_EMAIL,
        invitation,
        Forms.CORRECT_CONTACT_EMAIL,
        Map.of(
            Variables.CORRECTED_EMAIL,
            "jeanne.durand@exemple.fr",
            Variables.CORRECTION_NOTE,
            "Faute de frappe dans le domaine."));

    invitation(invitation)
        .hasCompletedElementsInOrder(
            "MessageEvent_EmailBounced",
            "ServiceTask_MarkBounced",
            Elements.USER_TASK_CORRECT_CONTACT_EMAIL,
            "ServiceTask_ApplyEmailCorrection")
        .hasCompletedElement(ISSUE_INVITATION, 2)
        .hasActiveElement(Elements.AWAIT_ACTIVATION, 1)
        // the address went through the process once, to the worker that stores it, and is gone
        .hasVariable(Variables.CORRECTED_EMAIL, null);
    assertThat(jobVariables(JobTypes.CORRECT_CONTACT_EMAIL, Variables.CORRECTED_EMAIL))
        .containsExactly("jeanne.durand@exemple.fr");
    assertThat(jobVariables(JobTypes.CORRECT_CONTACT_EMAIL, Variables.CONTACT_ID))
        .containsExactly(CONTACT_ID);
    assertThat(jobVariables(JobTypes.SEND_INVITATION_MAIL, Variables.INVITATION_ID))
        .containsExactly(FIRST_INVITATION_ID, FIRST_INVITATION_ID + 1);

    publish(Messages.CLIENT_ACTIVATED, key(241));

    assertThatProcessInstance(onboarding)
        .isCompleted()
        .hasCompletedElements(Elements.END_CLIENT_ONBOARDED);
  }

  @Test
  @DisplayName(
      "the firm cancels the pending invitation: link dead, no reminder, onboarding cancelled")
  void cancelWhilePending() {
    mockWorkers(Map.of());
    var onboarding = startOnboarding(231, true);
    long invitation = invitationOf(onboarding);
    invitation(invitation).isWaitingForMessage(Messages.INVITATION_CANCELLED, key(231));

    publish(Messages.INVITATION_CANCELLED, key(231));

    invitation(invitation)
        .isCompleted()
        .hasCompletedElementsInOrder(
            "MessageEvent_InvitationCancelled",
            "ServiceTask_CancelInvitation",
            Elements.END_INVITATION_CANCELLED)
        .hasTerminatedElements(Elements.AWAIT_ACTIVATION);
    assertThatProcessInstance(onboarding)
        .isCompleted()
        .hasCompletedElements("ServiceTask_RecordCancellation", Elements.END_ONBOARDING_CANCELLED)
        .hasVariable(Variables.INVITATION_OUTCOME, InvitationOutcomes.CANCELLED)
        .hasNotActivatedElements("ServiceTask_EnableWidget");
    assertThat(invocations(JobTypes.CANCEL_INVITATION)).isEqualTo(1);
    assertThat(invocations(JobTypes.RECORD_ONBOARDING_CANCELLED)).isEqualTo(1);
    assertThat(invocations(JobTypes.SEND_REMINDER)).isZero();
  }

  // ------------------------------------------------------------------ bulk

  @Test
  @DisplayName(
      "bulk invitation of three contacts, one with an invalid e-mail: flagged, the others go on")
  void bulkWithOneInvalidEmail() {
    long invalidItem = 702;
    mockWorkers(
        Map.of(
            JobTypes.INVITE_BULK_ITEM,
            worker ->
                worker.withHandler(
                    (jobClient, job) -> {
                      if (longVariable(job, Variables.BULK_ITEM_ID) == invalidItem) {
                        jobClient
                            .newThrowErrorCommand(job)
                            .errorCode(Errors.INVALID_EMAIL)
                            .errorMessage("Adresse e-mail invalide")
                            .send()
                            .join();
                      } else {
                        jobClient.newCompleteCommand(job).send().join();
                      }
                    })));

    var bulk =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId(Processes.BULK_INVITATION)
            .latestVersion()
            .variables(
                Map.of(
                    Variables.BULK_ID,
                    301L,
                    Variables.BULK_ITEM_BATCHES,
                    BulkItemBatches.of(List.of(701L, 702L, 703L))))
            .send()
            .join();

    assertThatProcessInstance(bulk)
        .isCompleted()
        .hasCompletedElement("EndEvent_BulkItemInvited", 2)
        .hasCompletedElement("EndEvent_BulkItemFlagged", 1)
        .hasCompletedElement("ServiceTask_FlagInvalidEmail", 1)
        .hasTerminatedElement("ServiceTask_InviteBulkItem", 1)
        .hasCompletedElements("ServiceTask_CompleteBulk", Elements.END_BULK_INVITATION_COMPLETED);
    assertThat(jobVariables(JobTypes.INVITE_BULK_ITEM, Variables.BULK_ITEM_ID))
        .containsExactlyInAnyOrder(701L, 702L, 703L);
    assertThat(jobVariables(JobTypes.FLAG_BULK_ITEM_INVALID, Variables.BULK_ITEM_ID))
        .containsExactly(invalidItem);
    assertThat(jobVariables(JobTypes.COMPLETE_BULK_INVITATION, Variables.BULK_ID))
        .containsExactly(301L);
  }

  // ------------------------------------------------------------------ workers

  /**
   * Mocks every job type of the models: what the real worker returns by default, or the given
   * override. One mock per type (two workers of one type would compete for its jobs).
   */
  private void mockWorkers(Map<String, Function<JobWorkerMockBuilder, JobWorkerMock>> overrides) {
    for (String type : JobTypes.ALL) {
      JobWorkerMockBuilder builder = processTestContext.mockJobWorker(type);
      var override = overrides.get(type);
      workers.put(type, override != null ? override.apply(builder) : defaultWorker(type, builder));
    }
  }

  private JobWorkerMock defaultWorker(String type, JobWorkerMockBuilder builder) {
    return switch (type) {
      case JobTypes.CREATE_CONTACT ->
          builder.thenComplete(
              Map.of(
                  Variables.CONTACT_ID,
                  CONTACT_ID,
                  Variables.SUBSCRIBER_TYPE,
                  "CLIENT",
                  Variables.BUSINESS_KEY,
                  "dossier-" + DOSSIER_ID + "/contact-" + CONTACT_ID));
      case JobTypes.PROPOSE_COLLABORATIVE_SERVICE -> builder.thenComplete(proposedService(false));
      case JobTypes.ISSUE_INVITATION ->
          // a new invitation (and token) each time, as the real worker does
          builder.withHandler(
              (jobClient, job) ->
                  jobClient
                      .newCompleteCommand(job)
                      .variables(Map.of(Variables.INVITATION_ID, invitationIds.incrementAndGet()))
                      .send()
                      .join());
      case JobTypes.EXPIRE_INVITATION, JobTypes.MARK_INVITATION_BOUNCED ->
          builder.thenComplete(Map.of(Variables.DOSSIER_MANAGER, DOSSIER_MANAGER));
      default -> builder.thenComplete();
    };
  }

  private static Map<String, Object> proposedService(boolean accountActive) {
    return Map.of(
        Variables.SERVICE_ID,
        SERVICE_ID,
        Variables.ACCOUNT_ID,
        ACCOUNT_ID,
        Variables.ACCOUNT_ACTIVE,
        accountActive);
  }

  private int invocations(String type) {
    return workers.get(type).getInvocations();
  }

  /** One variable of every job of a type the mock handled, in order; whole numbers as longs. */
  private List<Object> jobVariables(String type, String variable) {
    List<Object> values = new ArrayList<>();
    for (ActivatedJob job : workers.get(type).getActivatedJobs()) {
      Object value = job.getVariablesAsMap().get(variable);
      values.add(value instanceof Number number ? (Object) number.longValue() : value);
    }
    return values;
  }

  private static long longVariable(ActivatedJob job, String variable) {
    return ((Number) job.getVariablesAsMap().get(variable)).longValue();
  }

  // ------------------------------------------------------------------ driving the models

  private static String key(long onboardingId) {
    return ProcessNames.onboardingKey(onboardingId);
  }

  /** Starts a client onboarding with the variables the application's OnboardingStarter sets. */
  private ProcessInstanceEvent startOnboarding(long onboardingId, boolean sendNow) {
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put(Variables.ONBOARDING_ID, onboardingId);
    variables.put(Variables.ONBOARDING_KEY, key(onboardingId));
    variables.put(Variables.BUSINESS_KEY, "dossier-" + DOSSIER_ID + "/onboarding-" + onboardingId);
    variables.put(Variables.DOSSIER_ID, DOSSIER_ID);
    variables.put(Variables.OFFER_CODE, "START");
    variables.put(Variables.SEND_NOW, sendNow);
    return client
        .newCreateInstanceCommand()
        .bpmnProcessId(Processes.CLIENT_ONBOARDING)
        .latestVersion()
        .variables(variables)
        .send()
        .join();
  }

  /** Publishes a message as the application does: correlated by onboarding, with a message id. */
  private void publish(String message, String onboardingKey) {
    client
        .newPublishMessageCommand()
        .messageName(message)
        .correlationKey(onboardingKey)
        .messageId(ProcessNames.messageId(message, onboardingKey, UUID.randomUUID().toString()))
        .timeToLive(MESSAGE_TTL)
        .send()
        .join();
  }

  /** The key of the invitation instance the onboarding's call activity started. */
  private long invitationOf(ProcessInstanceEvent onboarding) {
    long parent = onboarding.getProcessInstanceKey();
    assertThatProcessInstance(onboarding).hasActiveElements(Elements.CLIENT_INVITATION_CALL);
    return Awaitility.await("the invitation called by onboarding instance " + parent)
        .atMost(Duration.ofSeconds(30))
        .ignoreExceptions()
        .until(
            () ->
                client
                    .newProcessInstanceSearchRequest()
                    .filter(
                        filter ->
                            filter
                                .parentProcessInstanceKey(parent)
                                .processDefinitionId(Processes.CLIENT_INVITATION))
                    .send()
                    .join()
                    .items(),
            items -> items.size() == 1)
        .get(0)
        .getProcessInstanceKey();
  }

  private static ProcessInstanceAssert invitation(long invitationKey) {
    return assertThatProcessInstance(byKey(invitationKey));
  }

  /**
   * Lets the invitation run out its policy's 45 days, and checks the follow-up task is there for
   * the dossier's manager. Returns the invitation instance's key.
   */
  private long expireInvitation(ProcessInstanceEvent onboarding) {
    long invitation = invitationOf(onboarding);
    // the expiry timer is created with the wait it is attached to
    invitation(invitation).hasActiveElements(Elements.AWAIT_ACTIVATION);

    processTestContext.increaseTime(Duration.ofDays(45));

    invitation(invitation)
        .hasCompletedElements("TimerEvent_InvitationExpired", EXPIRE_INVITATION)
        .hasTerminatedElements(Elements.AWAIT_ACTIVATION)
        .hasActiveElements(Elements.USER_TASK_FOLLOW_UP_STALLED_ACTIVATION);
    assertThat(jobVariables(JobTypes.EXPIRE_INVITATION, Variables.INVITATION_ID))
        .containsExactly(FIRST_INVITATION_ID);
    assertThatUserTask(byElementId(Elements.USER_TASK_FOLLOW_UP_STALLED_ACTIVATION, invitation))
        .isCreated()
        .hasName("Décider de la suite de l'invitation expirée")
        .hasAssignee(DOSSIER_MANAGER)
        .hasCandidateGroup(CandidateGroups.MANAGERS);
    return invitation;
  }

  /**
   * Completes a user task the way Tasklist does: it opens the task's linked form, and submits the
   * form's fields. Checks that the form is the one expected, that every variable submitted is a
   * field of it, that every required field is there and that a choice is one the form offers; then
   * completes the task through Camunda Process Test.
   */
  private void completeAsTasklist(
      String elementId, long processInstanceKey, String formId, Map<String, Object> variables) {
    UserTask task =
        Awaitility.await("user task " + elementId + " of instance " + processInstanceKey)
            .atMost(Duration.ofSeconds(30))
            .ignoreExceptions()
            .until(
                () ->
                    client
                        .newUserTaskSearchRequest()
                        .filter(
                            filter ->
                                filter
                                    .elementId(elementId)
                                    .processInstanceKey(processInstanceKey)
                                    .state(UserTaskState.CREATED))
                        .send()
                        .join()
                        .items(),
                items -> items.size() == 1)
            .get(0);
    Form form = client.newUserTaskGetFormRequest(task.getUserTaskKey()).send().join();
    assertThat(form.getFormId()).as("form linked to %s", elementId).isEqualTo(formId);

    Map<String, JsonNode> fields = new HashMap<>();
    for (JsonNode component : schema(form).path("components")) {
      if (component.hasNonNull("key")) {
        fields.put(component.get("key").asText(), component);
      }
    }
    assertThat(fields.keySet()).as("fields of %s", formId).containsAll(variables.keySet());
    fields.forEach(
        (key, field) -> {
          if (field.path("validate").path("required").asBoolean(false)) {
            assertThat(variables).as("required field %s of %s", key, formId).containsKey(key);
          }
          if (field.has("values") && variables.containsKey(key)) {
            List<String> choices = new ArrayList<>();
            field.get("values").forEach(choice -> choices.add(choice.path("value").asText()));
            assertThat(choices)
                .as("choices of %s", key)
                .contains(String.valueOf(variables.get(key)));
          }
        });

    processTestContext.completeUserTask(byElementId(elementId, processInstanceKey), variables);
  }

  private JsonNode schema(Form form) {
    Object schema = form.getSchema();
    try {
      return schema instanceof String text ? json.readTree(text) : json.valueToTree(schema);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("The schema of form " + form.getFormId() + " is not JSON", e);
    }
  }
}
