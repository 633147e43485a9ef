package io.passerelle.workers.invitation;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import io.passerelle.processes.ProcessNames.JobTypes;
import io.passerelle.processes.ProcessNames.Variables;
import io.passerelle.workers.support.StepCall;
import org.springframework.stereotype.Component;

/** {@code extend-invitation}: Makes the expired invitation valid again. */
@Component
public class ExtendInvitationWorker {

  private final InvitationSteps steps;

  public ExtendInvitationWorker(InvitationSteps steps) {
    this.steps = steps;
  }

  @JobWorker(type = JobTypes.EXTEND_INVITATION)
  public void extendInvitation(
      ActivatedJob job,
      @Variable(name = Variables.INVITATION_ID) long invitationId,
      @Variable(name = Variables.LINK_VALIDITY) String linkValidity) {
    StepCall.run(
        job,
        "Extending invitation " + invitationId,
        () -> steps.extendInvitation(invitationId, linkValidity));
  }
}
