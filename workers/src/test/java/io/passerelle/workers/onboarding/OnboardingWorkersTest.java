package io.passerelle.workers.onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;
import static org.mockito.Mockito.when;

import io.camunda.client.exception.BpmnError;
import io.camunda.client.exception.JobError;
import io.passerelle.workers.onboarding.OnboardingSteps.ContactReady;
import io.passerelle.workers.onboarding.OnboardingSteps.ServiceProposal;
import io.passerelle.workers.support.BusinessRuleException;
import io.passerelle.workers.support.Jobs;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OnboardingWorkersTest {

  private final OnboardingSteps steps = mock(OnboardingSteps.class);

  @Test
  @DisplayName("activate-offer calls the port with the onboarding id and its process instance")
  void activateOffer() {
    new ActivateOfferWorker(steps).activateOffer(Jobs.job(), 12);

    verify(steps).activateOffer(12, 7001L);
    verifyNoMoreInteractions(steps);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"OFFER_UNKNOWN", "DOSSIER_UNKNOWN"})
  @DisplayName("activate-offer: a business refusal becomes the BPMN error the model catches")
  void activateOfferRefused(String code) {
    doThrow(new BusinessRuleException(code, "refused")).when(steps).activateOffer(12, 7001L);

    BpmnError error =
        catchThrowableOfType(
            BpmnError.class, () -> new ActivateOfferWorker(steps).activateOffer(Jobs.job(), 12));

    assertThat(error.getErrorCode()).isEqualTo(code);
  }

  @Test
  @DisplayName("activate-offer: a database outage fails the job with a retry less and a backoff")
  void activateOfferDatabaseDown() {
    doThrow(new IllegalStateException("connection refused")).when(steps).activateOffer(12, 7001L);

    JobError error =
        catchThrowableOfType(
            JobError.class,
            () -> new ActivateOfferWorker(steps).activateOffer(Jobs.job(9001, 3), 12));

    assertThat(error.getRetries()).isEqualTo(2);
    assertThat(error.getRetryBackoff()).isEqualTo(Duration.ofMinutes(2));
    assertThat(error.getErrorMessage()).startsWith("Activating the offer of onboarding 12 failed");
  }

  @Test
  @DisplayName("create-contact returns contactId, subscriberType and the new businessKey")
  void createContact() {
    var ready = new ContactReady(42, "CLIENT", "dossier-7/contact-42");
    when(steps.createContact(12)).thenReturn(ready);

    assertThat(new CreateContactWorker(steps).createContact(Jobs.job(), 12)).isEqualTo(ready);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"ROLE_MISSING", "INVALID_EMAIL"})
  @DisplayName("create-contact: a business refusal becomes the BPMN error the model catches")
  void createContactRefused(String code) {
    when(steps.createContact(12)).thenThrow(new BusinessRuleException(code, "refused"));

    BpmnError error =
        catchThrowableOfType(
            BpmnError.class, () -> new CreateContactWorker(steps).createContact(Jobs.job(), 12));

    assertThat(error.getErrorCode()).isEqualTo(code);
  }

  @Test
  @DisplayName("propose-collaborative-service returns what the gateway decides on (accountActive)")
  void proposeService() {
    var proposal = new ServiceProposal(51, 61, true, "PASSERELLE");
    when(steps.proposeService(12)).thenReturn(proposal);

    var variables = new ProposeCollaborativeServiceWorker(steps).proposeService(Jobs.job(), 12);

    assertThat(variables.accountActive()).isTrue();
    assertThat(variables).isEqualTo(proposal);
  }

  @Test
  @DisplayName("the other onboarding steps call their port method with the onboarding id")
  void otherSteps() {
    new LinkDossierContactWorker(steps).linkDossier(Jobs.job(), 12);
    new SendNewAccessNoticeWorker(steps).sendNewAccessNotice(Jobs.job(), 12);
    new EnableOfferWidgetWorker(steps).enableOfferWidget(Jobs.job(), 12);
    new NotifyAssignedStaffWorker(steps).notifyAssignedStaff(Jobs.job(), 12);
    new RecordOnboardingCancelledWorker(steps).recordCancellation(Jobs.job(), 12);
    new RecordOnboardingRejectedWorker(steps).recordRejection(Jobs.job(), 12, "ROLE_MISSING");

    verify(steps).linkDossierToContact(12);
    verify(steps).sendNewAccessNotice(12);
    verify(steps).enableOfferWidget(12);
    verify(steps).notifyAssignedStaff(12);
    verify(steps).recordCancellation(12);
    verify(steps).recordRejection(12, "ROLE_MISSING");
    verifyNoMoreInteractions(steps);
  }

  @Test
  @DisplayName(
      "a redelivered job calls the port again with the same onboarding id (idempotency key)")
  void redeliveredJobUsesTheSameKey() {
    var worker = new NotifyAssignedStaffWorker(steps);
    var job = Jobs.job(9001, 5);

    worker.notifyAssignedStaff(job, 12);
    worker.notifyAssignedStaff(job, 12);

    verify(steps, org.mockito.Mockito.times(2)).notifyAssignedStaff(12);
  }
}
