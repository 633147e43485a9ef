package io.passerelle.workers.bulk;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import io.passerelle.processes.ProcessNames.JobTypes;
import io.passerelle.processes.ProcessNames.Variables;
import io.passerelle.workers.support.StepCall;
import org.springframework.stereotype.Component;

/**
 * {@code flag-bulk-item-invalid}: Flags a bulk item whose contact has an invalid e-mail address.
 */
@Component
public class FlagBulkItemInvalidWorker {

  private final BulkInvitationSteps steps;

  public FlagBulkItemInvalidWorker(BulkInvitationSteps steps) {
    this.steps = steps;
  }

  @JobWorker(type = JobTypes.FLAG_BULK_ITEM_INVALID, fetchVariables = Variables.BULK_ITEM_ID)
  public void flagInvalidEmail(
      ActivatedJob job, @Variable(name = Variables.BULK_ITEM_ID) long bulkItemId) {
    StepCall.run(
        job,
        "Flagging the invalid e-mail of bulk item " + bulkItemId,
        () -> steps.flagInvalidEmail(bulkItemId));
  }
}
