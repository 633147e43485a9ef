package io.passerelle.processes;

import static io.camunda.zeebe.process.test.assertions.BpmnAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.process.test.extension.ZeebeProcessTest;
import io.camunda.zeebe.process.test.inspections.model.InspectedProcessInstance;
import io.camunda.zeebe.protocol.record.value.ErrorType;
import io.passerelle.processes.ProcessNames.Elements;
import io.passerelle.processes.ProcessNames.Errors;
import io.passerelle.processes.ProcessNames.JobTypes;
import io.passerelle.processes.ProcessNames.Messages;
import io.passerelle.processes.ProcessNames.Processes;
import io.passerelle.processes.ProcessNames.Variables;
import io.passerelle.processes.support.EngineDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@ZeebeProcessTest
@DisplayName("Intégration d'un client (Process_ClientOnboarding)")
class ClientOnboardingProcessTest {

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

  @Test
  @DisplayName("happy path: the four firm steps, the invitation, activation, widget, staff told")
  void newClientIsInvitedActivatesAndIsOnboarded() {
    var onboarding = driver.startOnboarding(101, true);

    assertThat(onboarding).isWaitingAtElements(Elements.CLIENT_INVITATION_CALL);
    long invitation = driver.invitationInstance(onboarding.getProcessInstanceKey());
    assertThat(new InspectedProcessInstance(invitation))
        .isWaitingAtElements(Elements.AWAIT_ACTIVATION)
        .hasVariableWithValue(Variables.ONBOARDING_KEY, "onboarding-101")
        .hasVariableWithValue(Variables.CONTACT_ID, EngineDriver.CONTACT_ID)
        .hasVariableWithValue(Variables.SUBSCRIBER_TYPE, "CLIENT");

    driver.publish(Messages.CLIENT_ACTIVATED, "onboarding-101");

    assertThat(new InspectedProcessInstance(invitation))
        .hasPassedElementsInOrder(
            "BusinessRuleTask_DecideReminderPolicy",
            "ServiceTask_IssueInvitation",
            "ServiceTask_SendInvitation",
            Elements.AWAIT_ACTIVATION,
            "ServiceTask_RecordActivation",
            Elements.END_INVITATION_ACCEPTED)
        .isCompleted();
    assertThat(onboarding)
        .hasPassedElementsInOrder(
            "ServiceTask_ActivateOffer",
            "ServiceTask_CreateContact",
            "ServiceTask_LinkDossier",
            "ServiceTask_ProposeService",
            Elements.CLIENT_INVITATION_CALL,
            "ServiceTask_EnableWidget",
            "ServiceTask_NotifyStaff",
            Elements.END_CLIENT_ONBOARDED)
        .hasNotPassedElement("ServiceTask_SendNewAccessNotice")
        .hasVariableWithValue(Variables.INVITATION_OUTCOME, "activated")
        .hasVariableWithValue(Variables.BUSINESS_KEY, "dossier-601/contact-42")
        .hasVariableWithValue(Variables.ACCOUNT_ACTIVE, false)
        .isCompleted();
    assertThat(driver.jobTypesInOrder())
        .containsExactly(
            JobTypes.ACTIVATE_OFFER,
            JobTypes.CREATE_CONTACT,
            JobTypes.LINK_DOSSIER_CONTACT,
            JobTypes.PROPOSE_COLLABORATIVE_SERVICE,
            JobTypes.ISSUE_INVITATION,
            JobTypes.SEND_INVITATION_MAIL,
            JobTypes.RECORD_ACTIVATION,
            JobTypes.ENABLE_OFFER_WIDGET,
            JobTypes.NOTIFY_ASSIGNED_STAFF);
    var recordActivation = driver.jobs(JobTypes.RECORD_ACTIVATION).get(0);
    assertThat(recordActivation.variable(Variables.INVITATION_ID)).isEqualTo(1001);
    assertThat(driver.jobs(JobTypes.ACTIVATE_OFFER).get(0).variable(Variables.ONBOARDING_ID))
        .isEqualTo(101);
  }

  @Test
  @DisplayName("existing active account: the new-access notice, no invitation")
  void clientWithActiveAccountGetsANewAccessNoticeAndNoInvitation() {
    driver.stub(JobTypes.PROPOSE_COLLABORATIVE_SERVICE, EngineDriver.proposeService(true));

    var onboarding = driver.startOnboarding(102, true);

    assertThat(onboarding)
        .hasPassedElementsInOrder(
            "ServiceTask_ProposeService",
            "Gateway_AccountActive",
            "ServiceTask_SendNewAccessNotice",
            "ServiceTask_EnableWidget",
            "ServiceTask_NotifyStaff",
            Elements.END_CLIENT_ONBOARDED)
        .hasNotPassedElement(Elements.CLIENT_INVITATION_CALL)
        .hasNotCalledProcess(Processes.CLIENT_INVITATION)
        .isCompleted();
    assertThat(driver.jobs(JobTypes.SEND_NEW_ACCESS_NOTICE)).hasSize(1);
    assertThat(driver.jobs(JobTypes.ISSUE_INVITATION)).isEmpty();
  }

  @Test
  @DisplayName("send later: waits for the staff's order, then invites")
  void sendLaterWaitsForTheOrderToSendThenInvites() {
    var onboarding = driver.startOnboarding(103, false);
    driver.awaitSubscriptions(
        onboarding.getProcessInstanceKey(),
        Messages.SEND_INVITATION_NOW,
        Messages.INVITATION_CANCELLED);

    assertThat(onboarding)
        .hasPassedElement("Gateway_SendNow")
        .hasNotPassedElement(Elements.AWAIT_SEND_ORDER)
        .hasNotCalledProcess(Processes.CLIENT_INVITATION);
    assertThat(driver.openSubscriptions(onboarding.getProcessInstanceKey()))
        .containsExactlyInAnyOrder(Messages.SEND_INVITATION_NOW, Messages.INVITATION_CANCELLED);
    assertThat(driver.jobs(JobTypes.ISSUE_INVITATION)).isEmpty();

    driver.publish(Messages.SEND_INVITATION_NOW, "onboarding-103");

    assertThat(onboarding)
        .hasPassedElement("MessageEvent_SendOrderReceived")
        .isWaitingAtElements(Elements.CLIENT_INVITATION_CALL);
    assertThat(driver.jobs(JobTypes.SEND_INVITATION_MAIL)).hasSize(1);

    driver.publish(Messages.CLIENT_ACTIVATED, "onboarding-103");

    assertThat(onboarding).hasPassedElement(Elements.END_CLIENT_ONBOARDED).isCompleted();
  }

  @Test
  @DisplayName("send later, then cancelled while waiting: no invitation, onboarding cancelled")
  void sendLaterCancelledWhileWaitingEndsCancelled() {
    var onboarding = driver.startOnboarding(104, false);

    driver.publish(Messages.INVITATION_CANCELLED, "onboarding-104");

    assertThat(onboarding)
        .hasPassedElementsInOrder(
            "MessageEvent_CancelledBeforeSending",
            "ServiceTask_RecordCancellation",
            Elements.END_ONBOARDING_CANCELLED)
        .hasNotCalledProcess(Processes.CLIENT_INVITATION)
        .hasNotPassedElement("ServiceTask_EnableWidget")
        .isCompleted();
    assertThat(driver.jobs(JobTypes.RECORD_ONBOARDING_CANCELLED)).hasSize(1);
    assertThat(driver.jobs(JobTypes.SEND_INVITATION_MAIL)).isEmpty();
  }

  @Test
  @DisplayName("a technical failure with no retry left: an incident at that step, which says why")
  void technicalFailureEndsInAnIncidentAtThatStep() {
    driver.stub(
        JobTypes.LINK_DOSSIER_CONTACT,
        (job, jobs) ->
            jobs.newFailCommand(job)
                .retries(0)
                .errorMessage("Linking the dossier failed: database unavailable")
                .send()
                .join());

    var onboarding = driver.startOnboarding(106, true);

    assertThat(onboarding)
        .isWaitingAtElements("ServiceTask_LinkDossier")
        .hasNotPassedElement(Elements.END_ONBOARDING_REJECTED)
        .hasAnyIncidents()
        .extractingLatestIncident()
        .hasErrorType(ErrorType.JOB_NO_RETRIES)
        .hasErrorMessage("Linking the dossier failed: database unavailable")
        .occurredOnElement("ServiceTask_LinkDossier")
        .isUnresolved();
    assertThat(onboarding).isActive();
    assertThat(driver.jobs(JobTypes.PROPOSE_COLLABORATIVE_SERVICE)).isEmpty();
  }

  @ParameterizedTest(name = "{1} from {0} → rejected end")
  @CsvSource({
    "activate-offer, OFFER_UNKNOWN, ErrorEvent_OfferUnknown",
    "activate-offer, DOSSIER_UNKNOWN, ErrorEvent_DossierUnknown",
    "create-contact, ROLE_MISSING, ErrorEvent_RoleMissing",
    "create-contact, INVALID_EMAIL, ErrorEvent_InvalidEmail"
  })
  @DisplayName("every business error of the onboarding ends it as rejected, with its code")
  void businessErrorRejectsTheOnboarding(String jobType, String errorCode, String boundaryEvent) {
    driver.stub(jobType, EngineDriver.throwError(errorCode));

    var onboarding = driver.startOnboarding(105, true);

    assertThat(onboarding)
        .hasPassedElementsInOrder(
            boundaryEvent, "ServiceTask_RecordRejection", Elements.END_ONBOARDING_REJECTED)
        .hasNotPassedElement("ServiceTask_LinkDossier")
        .hasNotCalledProcess(Processes.CLIENT_INVITATION)
        .hasVariableWithValue(Variables.REJECTION_CODE, errorCode)
        .isCompleted();
    var recordRejection = driver.jobs(JobTypes.RECORD_ONBOARDING_REJECTED);
    assertThat(recordRejection).hasSize(1);
    assertThat(recordRejection.get(0).variable(Variables.REJECTION_CODE)).isEqualTo(errorCode);
    assertThat(recordRejection.get(0).variable(Variables.ONBOARDING_ID)).isEqualTo(105);
    assertThat(errorCode)
        .isIn(
            Errors.OFFER_UNKNOWN,
            Errors.DOSSIER_UNKNOWN,
            Errors.ROLE_MISSING,
            Errors.INVALID_EMAIL);
  }
}
