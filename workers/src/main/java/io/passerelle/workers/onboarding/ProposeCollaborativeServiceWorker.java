package io.passerelle.workers.onboarding;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import io.passerelle.processes.ProcessNames.JobTypes;
import io.passerelle.processes.ProcessNames.Variables;
import io.passerelle.workers.support.StepCall;
import org.springframework.stereotype.Component;

/**
 * {@code propose-collaborative-service}: Proposes the collaborative service; returns {@code
 * serviceId}, {@code accountId}, {@code accountActive}.
 */
@Component
public class ProposeCollaborativeServiceWorker {

  private final OnboardingSteps steps;

  public ProposeCollaborativeServiceWorker(OnboardingSteps steps) {
    this.steps = steps;
  }

  @JobWorker(
      type = JobTypes.PROPOSE_COLLABORATIVE_SERVICE,
      fetchVariables = Variables.ONBOARDING_ID)
  public OnboardingSteps.ServiceProposal proposeService(
      ActivatedJob job, @Variable(name = Variables.ONBOARDING_ID) long onboardingId) {
    return StepCall.call(
        job,
        "Proposing the collaborative service of onboarding " + onboardingId,
        () -> steps.proposeService(onboardingId));
  }
}
