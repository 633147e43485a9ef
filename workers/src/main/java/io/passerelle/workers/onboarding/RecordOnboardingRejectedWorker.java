package io.passerelle.workers.onboarding;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import io.passerelle.processes.ProcessNames.JobTypes;
import io.passerelle.processes.ProcessNames.Variables;
import io.passerelle.workers.support.StepCall;
import org.springframework.stereotype.Component;

/**
 * {@code record-onboarding-rejected}: Records that the onboarding was refused, with the error code.
 */
@Component
public class RecordOnboardingRejectedWorker {

  private final OnboardingSteps steps;

  public RecordOnboardingRejectedWorker(OnboardingSteps steps) {
    this.steps = steps;
  }

  @JobWorker(
      type = JobTypes.RECORD_ONBOARDING_REJECTED,
      fetchVariables = {Variables.ONBOARDING_ID, Variables.REJECTION_CODE})
  public void recordRejection(
      ActivatedJob job,
      @Variable(name = Variables.ONBOARDING_ID) long onboardingId,
      @Variable(name = Variables.REJECTION_CODE) String rejectionCode) {
    StepCall.run(
        job,
        "Recording the rejection (" + rejectionCode + ") of onboarding " + onboardingId,
        () -> steps.recordRejection(onboardingId, rejectionCode));
  }
}
