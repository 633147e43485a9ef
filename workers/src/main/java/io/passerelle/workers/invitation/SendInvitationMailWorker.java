package io.passerelle.workers.invitation;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import io.passerelle.processes.ProcessNames.JobTypes;
import io.passerelle.processes.ProcessNames.Variables;
import io.passerelle.workers.support.StepCall;
import org.springframework.stereotype.Component;

/** {@code send-invitation-mail}: Sends the invitation mail ({@code MAIL_REJECTED}). */
@Component
public class SendInvitationMailWorker {

  private final InvitationSteps steps;

  public SendInvitationMailWorker(InvitationSteps steps) {
    this.steps = steps;
  }

  @JobWorker(type = JobTypes.SEND_INVITATION_MAIL, fetchVariables = Variables.INVITATION_ID)
  public void sendInvitationMail(
      ActivatedJob job, @Variable(name = Variables.INVITATION_ID) long invitationId) {
    StepCall.run(
        job,
        "Sending the mail of invitation " + invitationId,
        () -> steps.sendInvitationMail(invitationId));
  }
}
