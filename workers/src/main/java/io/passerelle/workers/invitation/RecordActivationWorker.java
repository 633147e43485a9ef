package io.passerelle.workers.invitation;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import io.passerelle.processes.ProcessNames.JobTypes;
import io.passerelle.processes.ProcessNames.Variables;
import io.passerelle.workers.support.StepCall;
import org.springframework.stereotype.Component;

/** {@code record-activation}: Records the client's activation. */
@Component
public class RecordActivationWorker {

  private final InvitationSteps steps;

  public RecordActivationWorker(InvitationSteps steps) {
    this.steps = steps;
  }

  @JobWorker(type = JobTypes.RECORD_ACTIVATION, fetchVariables = Variables.INVITATION_ID)
  public void recordActivation(
      ActivatedJob job, @Variable(name = Variables.INVITATION_ID) long invitationId) {
    StepCall.run(
        job,
        "Recording the activation of invitation " + invitationId,
        () -> steps.recordActivation(invitationId));
  }
}
