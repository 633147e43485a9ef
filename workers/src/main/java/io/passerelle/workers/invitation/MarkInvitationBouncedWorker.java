package io.passerelle.workers.invitation;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import io.passerelle.processes.ProcessNames.JobTypes;
import io.passerelle.processes.ProcessNames.Variables;
import io.passerelle.workers.support.StepCall;
import org.springframework.stereotype.Component;

/**
 * {@code mark-invitation-bounced}: Marks the invitation bounced; returns {@code dossierManager} for
 * the correction task.
 */
@Component
public class MarkInvitationBouncedWorker {

  private final InvitationSteps steps;

  public MarkInvitationBouncedWorker(InvitationSteps steps) {
    this.steps = steps;
  }

  @JobWorker(type = JobTypes.MARK_INVITATION_BOUNCED, fetchVariables = Variables.INVITATION_ID)
  public InvitationSteps.ManagerToAsk markBounced(
      ActivatedJob job, @Variable(name = Variables.INVITATION_ID) long invitationId) {
    return StepCall.call(
        job,
        "Marking invitation " + invitationId + " as bounced",
        () -> steps.markBounced(invitationId));
  }
}
