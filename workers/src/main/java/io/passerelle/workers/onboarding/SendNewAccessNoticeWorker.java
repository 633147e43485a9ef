package io.passerelle.workers.onboarding;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import io.passerelle.processes.ProcessNames.JobTypes;
import io.passerelle.processes.ProcessNames.Variables;
import io.passerelle.workers.support.StepCall;
import org.springframework.stereotype.Component;

/**
 * {@code send-new-access-notice}: Mails a client who already has an account about the new access.
 */
@Component
public class SendNewAccessNoticeWorker {

  private final OnboardingSteps steps;

  public SendNewAccessNoticeWorker(OnboardingSteps steps) {
    this.steps = steps;
  }

  @JobWorker(type = JobTypes.SEND_NEW_ACCESS_NOTICE, fetchVariables = Variables.ONBOARDING_ID)
  public void sendNewAccessNotice(
      ActivatedJob job, @Variable(name = Variables.ONBOARDING_ID) long onboardingId) {
    StepCall.run(
        job,
        "Sending the new-access notice of onboarding " + onboardingId,
        () -> steps.sendNewAccessNotice(onboardingId));
  }
}
