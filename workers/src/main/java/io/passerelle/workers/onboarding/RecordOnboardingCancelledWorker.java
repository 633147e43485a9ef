package io.passerelle.workers.onboarding;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import io.passerelle.processes.ProcessNames.JobTypes;
import io.passerelle.processes.ProcessNames.Variables;
import io.passerelle.workers.support.StepCall;
import org.springframework.stereotype.Component;

/** {@code record-onboarding-cancelled}: Records that the onboarding was cancelled. */
@Component
public class RecordOnboardingCancelledWorker {

  private final OnboardingSteps steps;

  public RecordOnboardingCancelledWorker(OnboardingSteps steps) {
    this.steps = steps;
  }

  @JobWorker(type = JobTypes.RECORD_ONBOARDING_CANCELLED, fetchVariables = Variables.ONBOARDING_ID)
  public void recordCancellation(
      ActivatedJob job, @Variable(name = Variables.ONBOARDING_ID) long onboardingId) {
    StepCall.run(
        job,
        "Recording the cancellation of onboarding " + onboardingId,
        () -> steps.recordCancellation(onboardingId));
  }
}
