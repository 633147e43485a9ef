package io.passerelle.workers.bulk;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import io.passerelle.processes.ProcessNames.JobTypes;
import io.passerelle.processes.ProcessNames.Variables;
import io.passerelle.workers.support.StepCall;
import org.springframework.stereotype.Component;

/**
 * {@code invite-bulk-item}: Starts the onboarding of one contact of a bulk invitation ({@code
 * INVALID_EMAIL}).
 */
@Component
public class InviteBulkItemWorker {

  private final BulkInvitationSteps steps;

  public InviteBulkItemWorker(BulkInvitationSteps steps) {
    this.steps = steps;
  }

  @JobWorker(type = JobTypes.INVITE_BULK_ITEM, fetchVariables = Variables.BULK_ITEM_ID)
  public void inviteBulkItem(
      ActivatedJob job, @Variable(name = Variables.BULK_ITEM_ID) long bulkItemId) {
    StepCall.run(job, "Inviting bulk item " + bulkItemId, () -> steps.inviteBulkItem(bulkItemId));
  }
}
