package io.passerelle.workers.invitation;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import io.passerelle.processes.ProcessNames.JobTypes;
import io.passerelle.processes.ProcessNames.Variables;
import io.passerelle.workers.support.StepCall;
import org.springframework.stereotype.Component;

/** {@code cancel-invitation}: Cancels the onboarding's pending invitations. */
@Component
public class CancelInvitationWorker {

  private final InvitationSteps steps;

  public CancelInvitationWorker(InvitationSteps steps) {
    this.steps = steps;
  }

  @JobWorker(type = JobTypes.CANCEL_INVITATION, fetchVariables = Variables.ONBOARDING_ID)
  public void cancelInvitations(
      ActivatedJob job, @Variable(name = Variables.ONBOARDING_ID) long onboardingId) {
    StepCall.run(
        job,
        "Cancelling the invitations of onboarding " + onboardingId,
        () -> steps.cancelInvitations(onboardingId));
  }
}
