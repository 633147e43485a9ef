package io.passerelle.workers.onboarding;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import io.passerelle.processes.ProcessNames.JobTypes;
import io.passerelle.processes.ProcessNames.Variables;
import io.passerelle.workers.support.StepCall;
import org.springframework.stereotype.Component;

/**
 * {@code activate-offer}: Activates the onboarding's offer on the dossier ({@code OFFER_UNKNOWN},
 * {@code DOSSIER_UNKNOWN}).
 */
@Component
public class ActivateOfferWorker {

  private final OnboardingSteps steps;

  public ActivateOfferWorker(OnboardingSteps steps) {
    this.steps = steps;
  }

  @JobWorker(type = JobTypes.ACTIVATE_OFFER, fetchVariables = Variables.ONBOARDING_ID)
  public void activateOffer(
      ActivatedJob job, @Variable(name = Variables.ONBOARDING_ID) long onboardingId) {
    StepCall.run(
        job,
        "Activating the offer of onboarding " + onboardingId,
        () -> steps.activateOffer(onboardingId, job.getProcessInstanceKey()));
  }
}
