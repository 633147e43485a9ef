package io.passerelle.workers.dossier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;
import static org.mockito.Mockito.when;

import io.camunda.client.exception.BpmnError;
import io.camunda.client.exception.JobError;
import io.passerelle.workers.dossier.DossierCreationSteps.CompanyLookedUp;
import io.passerelle.workers.dossier.DossierCreationSteps.CreatedDossier;
import io.passerelle.workers.dossier.DossierCreationSteps.DirectorInvitation;
import io.passerelle.workers.dossier.DossierCreationSteps.ExistingDossier;
import io.passerelle.workers.support.BusinessRuleException;
import io.passerelle.workers.support.Jobs;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DossierCreationWorkersTest {

  private final DossierCreationSteps steps = mock(DossierCreationSteps.class);

  @ParameterizedTest(name = "found={0}, closed={1}")
  @CsvSource({"true, false", "true, true", "false, false"})
  @DisplayName("lookup-company returns what the gateway decides on")
  void lookupCompany(boolean found, boolean closed) {
    when(steps.lookupCompany(31)).thenReturn(new CompanyLookedUp(found, closed));

    var variables = new LookupCompanyWorker(steps).lookupCompany(Jobs.job(), 31);

    assertThat(variables.companyFound()).isEqualTo(found);
    assertThat(variables.establishmentClosed()).isEqualTo(closed);
  }

  @Test
  @DisplayName(
      "lookup-company: the registry down fails the job with one retry less and a growing backoff")
  void registryDownIsRetried() {
    when(steps.lookupCompany(31))
        .thenThrow(new IllegalStateException("The company registry gave no answer: HTTP 500"));

    JobError first =
        catchThrowableOfType(
            JobError.class, () -> new LookupCompanyWorker(steps).lookupCompany(Jobs.job(), 31));
    JobError later =
        catchThrowableOfType(
            JobError.class,
            () -> new LookupCompanyWorker(steps).lookupCompany(Jobs.job(9001, 2), 31));

    assertThat(first.getRetries()).isEqualTo(4);
    assertThat(first.getRetryBackoff()).isEqualTo(Duration.ofSeconds(10));
    assertThat(later.getRetries()).isEqualTo(1);
    assertThat(later.getRetryBackoff()).isEqualTo(Duration.ofMinutes(10));
    assertThat(first.getErrorMessage())
        .startsWith("Looking up the SIRET of dossier request 31")
        .contains("HTTP 500")
        .contains("retried");
  }

  @Test
  @DisplayName(
      "lookup-company: the last retry failing leaves an incident message saying what to do")
  void lastRetryExplains() {
    when(steps.lookupCompany(31)).thenThrow(new IllegalStateException("timeout"));

    JobError error =
        catchThrowableOfType(
            JobError.class,
            () -> new LookupCompanyWorker(steps).lookupCompany(Jobs.job(9001, 1), 31));

    assertThat(error.getRetries()).isZero();
    assertThat(error.getErrorMessage()).contains("manual entry").contains("No retry left");
  }

  @Test
  @DisplayName("create-dossier returns the dossier id")
  void createDossier() {
    when(steps.createDossier(31)).thenReturn(new CreatedDossier(77));

    assertThat(new CreateDossierWorker(steps).createDossier(Jobs.job(), 31))
        .isEqualTo(new CreatedDossier(77));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"SIRET_ALREADY_USED", "COMPANY_DETAILS_MISSING"})
  @DisplayName("create-dossier: a business refusal becomes the BPMN error the model catches")
  void createDossierRefused(String code) {
    when(steps.createDossier(31)).thenThrow(new BusinessRuleException(code, "refused"));

    BpmnError error =
        catchThrowableOfType(
            BpmnError.class, () -> new CreateDossierWorker(steps).createDossier(Jobs.job(), 31));

    assertThat(error.getErrorCode()).isEqualTo(code);
  }

  @Test
  @DisplayName("record-siret-already-used returns the existing dossier")
  void recordSiretAlreadyUsed() {
    when(steps.recordSiretAlreadyUsed(31)).thenReturn(new ExistingDossier(12));

    assertThat(
            new RecordSiretAlreadyUsedWorker(steps)
                .recordSiretAlreadyUsed(Jobs.job(), 31)
                .existingDossierId())
        .isEqualTo(12);
  }

  @ParameterizedTest(name = "sendNow={0}")
  @ValueSource(booleans = {true, false})
  @DisplayName("invite-director passes the request and sendNow, returns the onboarding id")
  void inviteDirector(boolean sendNow) {
    when(steps.inviteDirector(31, sendNow)).thenReturn(new DirectorInvitation(88));

    var variables = new InviteDirectorWorker(steps).inviteDirector(Jobs.job(), 31, sendNow);

    assertThat(variables.onboardingId()).isEqualTo(88);
    verify(steps).inviteDirector(31, sendNow);
    verifyNoMoreInteractions(steps);
  }

  @Test
  @DisplayName("a redelivered job calls the port again with the same request id (idempotency key)")
  void redeliveredJobUsesTheSameKey() {
    when(steps.createDossier(31)).thenReturn(new CreatedDossier(77));
    var worker = new CreateDossierWorker(steps);
    var job = Jobs.job(9001, 5);

    var first = worker.createDossier(job, 31);
    var second = worker.createDossier(job, 31);

    assertThat(second).isEqualTo(first);
    verify(steps, times(2)).createDossier(31);
  }
}
