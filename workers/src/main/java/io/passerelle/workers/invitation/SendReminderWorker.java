package io.passerelle.workers.invitation;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import io.passerelle.processes.ProcessNames.JobTypes;
import io.passerelle.processes.ProcessNames.Variables;
import io.passerelle.workers.support.StepCall;
import org.springframework.stereotype.Component;

/**
 * {@code send-reminder}: Sends reminder 1 or 2 ({@code reminderNumber} comes from the model's input
 * mapping).
 */
@Component
public class SendReminderWorker {

  private final InvitationSteps steps;

  public SendReminderWorker(InvitationSteps steps) {
    this.steps = steps;
  }

  @JobWorker(
      type = JobTypes.SEND_REMINDER,
      fetchVariables = {Variables.INVITATION_ID, Variables.REMINDER_NUMBER})
  public void sendReminder(
      ActivatedJob job,
      @Variable(name = Variables.INVITATION_ID) long invitationId,
      @Variable(name = Variables.REMINDER_NUMBER) int reminderNumber) {
    StepCall.run(
        job,
        "Sending reminder " + reminderNumber + " of invitation " + invitationId,
        () -> steps.sendReminder(invitationId, reminderNumber));
  }
}
