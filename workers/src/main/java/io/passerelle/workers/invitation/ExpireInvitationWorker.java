package io.passerelle.workers.invitation;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import io.passerelle.processes.ProcessNames.JobTypes;
import io.passerelle.processes.ProcessNames.Variables;
import io.passerelle.workers.support.StepCall;
import org.springframework.stereotype.Component;

/**
 * {@code expire-invitation}: Marks the invitation expired; returns {@code dossierManager} for the
 * follow-up task and {@code followedUpElsewhere} (another onboarding's newer link follows up: none
 * here).
 */
@Component
public class ExpireInvitationWorker {

  private final InvitationSteps steps;

  public ExpireInvitationWorker(InvitationSteps steps) {
    this.steps = steps;
  }

  @JobWorker(type = JobTypes.EXPIRE_INVITATION, fetchVariables = Variables.INVITATION_ID)
  public InvitationSteps.Expiry expireInvitation(
      ActivatedJob job, @Variable(name = Variables.INVITATION_ID) long invitationId) {
    return StepCall.call(
        job, "Expiring invitation " + invitationId, () -> steps.expireInvitation(invitationId));
  }
}
