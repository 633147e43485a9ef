package io.passerelle.workers.onboarding;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import io.passerelle.processes.ProcessNames.JobTypes;
import io.passerelle.processes.ProcessNames.Variables;
import io.passerelle.workers.support.StepCall;
import org.springframework.stereotype.Component;

/** {@code enable-offer-widget}: Enables the offer's widget on the dossier. */
@Component
public class EnableOfferWidgetWorker {

  private final OnboardingSteps steps;

  public EnableOfferWidgetWorker(OnboardingSteps steps) {
    this.steps = steps;
  }

  @JobWorker(type = JobTypes.ENABLE_OFFER_WIDGET, fetchVariables = Variables.ONBOARDING_ID)
  public void enableOfferWidget(
      ActivatedJob job, @Variable(name = Variables.ONBOARDING_ID) long onboardingId) {
    StepCall.run(
        job,
        "Enabling the offer widget of onboarding " + onboardingId,
        () -> steps.enableOfferWidget(onboardingId));
  }
}
