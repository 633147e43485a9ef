package io.passerelle.processes;

import static io.camunda.zeebe.process.test.assertions.BpmnAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.process.test.extension.ZeebeProcessTest;
import io.camunda.zeebe.protocol.record.value.ErrorType;
import io.passerelle.processes.ProcessNames.CandidateGroups;
import io.passerelle.processes.ProcessNames.Elements;
import io.passerelle.processes.ProcessNames.Errors;
import io.passerelle.processes.ProcessNames.JobTypes;
import io.passerelle.processes.ProcessNames.Messages;
import io.passerelle.processes.ProcessNames.Variables;
import io.passerelle.processes.support.EngineDriver;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@ZeebeProcessTest
@DisplayName("Création d'un dossier client (Process_DossierCreation)")
class DossierCreationProcessTest {

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
  @DisplayName("SIRET found in the registry, active: the dossier is created without a task")
  void foundCompanyIsCreatedStraightAway() {
    var creation = driver.startDossierCreation(201, true, false, false);

    assertThat(creation)
        .hasPassedElementsInOrder(
            "Gateway_SiretGiven",
            Elements.LOOKUP_COMPANY,
            "Gateway_CompanyComplete",
            Elements.CREATE_DOSSIER,
            "Gateway_InviteDirector",
            Elements.END_DOSSIER_CREATED)
        .hasNotPassedElement(Elements.USER_TASK_COMPLETE_COMPANY_DETAILS)
        .hasVariableWithValue(Variables.COMPANY_FOUND, true)
        .hasVariableWithValue(Variables.DOSSIER_ID, EngineDriver.CREATED_DOSSIER_ID)
        .isCompleted();
    assertThat(driver.jobTypesInOrder())
        .containsExactly(JobTypes.LOOKUP_COMPANY, JobTypes.CREATE_DOSSIER);
    assertThat(driver.jobs(JobTypes.LOOKUP_COMPANY).get(0).variable(Variables.DOSSIER_REQUEST_ID))
        .isEqualTo(201);
    assertThat(driver.jobs(JobTypes.CREATE_DOSSIER).get(0).variable(Variables.DOSSIER_REQUEST_ID))
        .isEqualTo(201);
    assertThat(driver.userTasksCreated(Elements.USER_TASK_COMPLETE_COMPANY_DETAILS)).isZero();
  }

  @Test
  @DisplayName(
      "SIRET unknown to the registry: the task goes to the staff member who started it, then the"
          + " dossier is created")
  void notFoundGoesToTheManualTaskOfWhoStartedIt() {
    driver.stub(JobTypes.LOOKUP_COMPANY, EngineDriver.companyLookedUp(false, false));

    var creation = driver.startDossierCreation(202, true, false, false);

    var task = driver.openUserTask(Elements.USER_TASK_COMPLETE_COMPANY_DETAILS);
    assertThat(task.processInstanceKey()).isEqualTo(creation.getProcessInstanceKey());
    assertThat(task.assignee()).isEqualTo(EngineDriver.REQUESTED_BY);
    assertThat(task.candidateGroups()).containsExactly(CandidateGroups.MANAGERS);
    assertThat(task.formKey()).isPositive();
    assertThat(driver.jobs(JobTypes.CREATE_DOSSIER)).isEmpty();

    driver.completeUserTask(task, Map.of(Variables.COMPANY_DETAILS_CONFIRMED, true));

    assertThat(creation)
        .hasPassedElementsInOrder(
            Elements.LOOKUP_COMPANY,
            "Gateway_CompanyComplete",
            Elements.USER_TASK_COMPLETE_COMPANY_DETAILS,
            Elements.CREATE_DOSSIER,
            Elements.END_DOSSIER_CREATED)
        .isCompleted();
    assertThat(driver.jobs(JobTypes.CREATE_DOSSIER)).hasSize(1);
  }

  @Test
  @DisplayName("closed establishment: flagged, the staff member confirms the details first")
  void closedEstablishmentGoesToTheManualTask() {
    driver.stub(JobTypes.LOOKUP_COMPANY, EngineDriver.companyLookedUp(true, true));

    var creation = driver.startDossierCreation(203, true, false, false);

    driver.openUserTask(Elements.USER_TASK_COMPLETE_COMPANY_DETAILS);
    assertThat(creation)
        .hasVariableWithValue(Variables.ESTABLISHMENT_CLOSED, true)
        .isWaitingAtElements(Elements.USER_TASK_COMPLETE_COMPANY_DETAILS);
    assertThat(driver.jobs(JobTypes.CREATE_DOSSIER)).isEmpty();
  }

  @Test
  @DisplayName("no SIRET: no lookup at all, straight to the manual task")
  void noSiretSkipsTheLookup() {
    var creation = driver.startDossierCreation(204, false, false, false);

    var task = driver.openUserTask(Elements.USER_TASK_COMPLETE_COMPANY_DETAILS);
    assertThat(creation).hasNotPassedElement(Elements.LOOKUP_COMPANY);
    assertThat(driver.jobs(JobTypes.LOOKUP_COMPANY)).isEmpty();

    driver.completeUserTask(task, Map.of(Variables.COMPANY_DETAILS_CONFIRMED, true));

    assertThat(creation).hasPassedElement(Elements.END_DOSSIER_CREATED).isCompleted();
  }

  @Test
  @DisplayName(
      "registry down: every retry is used, then an incident at the lookup that says why; no task")
  void registryDownEndsInAnIncidentAfterTheRetries() {
    driver.stub(
        JobTypes.LOOKUP_COMPANY,
        (job, jobs) ->
            jobs.newFailCommand(job)
                .retries(job.getRetries() - 1)
                .errorMessage("The company registry gave no answer: HTTP 500")
                .send()
                .join());

    var creation = driver.startDossierCreation(205, true, false, false);

    assertThat(driver.jobs(JobTypes.LOOKUP_COMPANY)).hasSize(5);
    assertThat(creation)
        .isWaitingAtElements(Elements.LOOKUP_COMPANY)
        .hasAnyIncidents()
        .extractingLatestIncident()
        .hasErrorType(ErrorType.JOB_NO_RETRIES)
        .hasErrorMessage("The company registry gave no answer: HTTP 500")
        .occurredOnElement(Elements.LOOKUP_COMPANY)
        .isUnresolved();
    assertThat(creation).isActive();
    assertThat(driver.userTasksCreated(Elements.USER_TASK_COMPLETE_COMPANY_DETAILS)).isZero();
    assertThat(driver.jobs(JobTypes.CREATE_DOSSIER)).isEmpty();
  }

  @Test
  @DisplayName(
      "registry down, the staff asks for manual entry: the lookup stops, its incident with it, and"
          + " the task opens")
  void manualEntryLeavesTheIncidentForTheTask() {
    driver.stub(
        JobTypes.LOOKUP_COMPANY,
        EngineDriver.failWithoutRetries("The company registry gave no answer: timeout"));
    var creation = driver.startDossierCreation(206, true, false, false);
    assertThat(creation).hasAnyIncidents();
    driver.awaitSubscriptions(creation.getProcessInstanceKey(), Messages.COMPANY_MANUAL_ENTRY);

    driver.publish(Messages.COMPANY_MANUAL_ENTRY, ProcessNames.requestKey(206));

    var task = driver.openUserTask(Elements.USER_TASK_COMPLETE_COMPANY_DETAILS);
    assertThat(task.assignee()).isEqualTo(EngineDriver.REQUESTED_BY);
    assertThat(creation)
        .hasPassedElement("MessageEvent_ManualEntryRequested")
        .isWaitingAtElements(Elements.USER_TASK_COMPLETE_COMPANY_DETAILS)
        .extractingLatestIncident()
        .occurredOnElement(Elements.LOOKUP_COMPANY)
        .isResolved();

    driver.completeUserTask(task, Map.of(Variables.COMPANY_DETAILS_CONFIRMED, true));

    assertThat(creation).hasPassedElement(Elements.END_DOSSIER_CREATED).isCompleted();
  }

  @Test
  @DisplayName("SIRET already used: the existing dossier is recorded and the creation ends there")
  void siretAlreadyUsedEndsWithTheExistingDossier() {
    driver.stub(JobTypes.CREATE_DOSSIER, EngineDriver.throwError(Errors.SIRET_ALREADY_USED));

    var creation = driver.startDossierCreation(207, true, true, true);

    assertThat(creation)
        .hasPassedElementsInOrder(
            "ErrorEvent_SiretAlreadyUsed",
            "ServiceTask_RecordSiretAlreadyUsed",
            Elements.END_SIRET_ALREADY_USED)
        .hasVariableWithValue(Variables.EXISTING_DOSSIER_ID, EngineDriver.EXISTING_DOSSIER_ID)
        .hasNotPassedElement("ServiceTask_InviteDirector")
        .isCompleted();
    assertThat(driver.jobs(JobTypes.RECORD_SIRET_ALREADY_USED)).hasSize(1);
    assertThat(driver.jobs(JobTypes.INVITE_DIRECTOR)).isEmpty();
  }

  @Test
  @DisplayName("details still missing at creation: the task comes back, then the dossier is made")
  void missingDetailsSendTheTaskBack() {
    driver.stub(JobTypes.LOOKUP_COMPANY, EngineDriver.companyLookedUp(false, false));
    driver.stubOnce(
        JobTypes.CREATE_DOSSIER, EngineDriver.throwError(Errors.COMPANY_DETAILS_MISSING));

    var creation = driver.startDossierCreation(208, true, false, false);
    driver.completeUserTask(
        driver.openUserTask(Elements.USER_TASK_COMPLETE_COMPANY_DETAILS),
        Map.of(Variables.COMPANY_DETAILS_CONFIRMED, true));

    var again = driver.openUserTask(Elements.USER_TASK_COMPLETE_COMPANY_DETAILS);
    assertThat(again.assignee()).isEqualTo(EngineDriver.REQUESTED_BY);
    assertThat(driver.userTasksCreated(Elements.USER_TASK_COMPLETE_COMPANY_DETAILS)).isEqualTo(2);

    driver.completeUserTask(again, Map.of(Variables.COMPANY_DETAILS_CONFIRMED, true));

    assertThat(creation)
        .hasPassedElement("ErrorEvent_CompanyDetailsMissing")
        .hasPassedElement(Elements.END_DOSSIER_CREATED)
        .isCompleted();
    assertThat(driver.jobs(JobTypes.CREATE_DOSSIER)).hasSize(2);
  }

  @Test
  @DisplayName("invite the director now: the onboarding is proposed with sendNow = true")
  void inviteDirectorNow() {
    var creation = driver.startDossierCreation(209, true, true, true);

    assertThat(creation)
        .hasPassedElementsInOrder(
            Elements.CREATE_DOSSIER,
            "Gateway_InviteDirector",
            "ServiceTask_InviteDirector",
            Elements.END_DIRECTOR_REGISTERED)
        .hasVariableWithValue(Variables.ONBOARDING_ID, EngineDriver.DIRECTOR_ONBOARDING_ID)
        .isCompleted();
    var invite = driver.jobs(JobTypes.INVITE_DIRECTOR);
    assertThat(invite).hasSize(1);
    assertThat(invite.get(0).variable(Variables.SEND_NOW)).isEqualTo(true);
    assertThat(invite.get(0).variable(Variables.DOSSIER_REQUEST_ID)).isEqualTo(209);
  }

  @Test
  @DisplayName(
      "invite the director later: the onboarding is proposed with sendNow = false (it waits for"
          + " the firm's order)")
  void inviteDirectorLater() {
    var creation = driver.startDossierCreation(210, true, true, false);

    assertThat(creation).hasPassedElement(Elements.END_DIRECTOR_REGISTERED).isCompleted();
    assertThat(driver.jobs(JobTypes.INVITE_DIRECTOR).get(0).variable(Variables.SEND_NOW))
        .isEqualTo(false);
  }

  @Test
  @DisplayName("no director given: nobody is invited")
  void noDirector() {
    var creation = driver.startDossierCreation(211, true, false, false);

    assertThat(creation)
        .hasPassedElement(Elements.END_DOSSIER_CREATED)
        .hasNotPassedElement("ServiceTask_InviteDirector")
        .isCompleted();
    assertThat(driver.jobs(JobTypes.INVITE_DIRECTOR)).isEmpty();
  }

  @Test
  @DisplayName("a creation step with no retry left: an incident there, nothing after it")
  void createDossierTechnicalFailure() {
    driver.stub(
        JobTypes.CREATE_DOSSIER,
        EngineDriver.failWithoutRetries("Creating the dossier failed: database unavailable"));

    var creation = driver.startDossierCreation(212, true, true, true);

    assertThat(creation)
        .isWaitingAtElements(Elements.CREATE_DOSSIER)
        .hasAnyIncidents()
        .extractingLatestIncident()
        .occurredOnElement(Elements.CREATE_DOSSIER)
        .isUnresolved();
    assertThat(driver.jobs(JobTypes.INVITE_DIRECTOR)).isEmpty();
  }
}
