package io.passerelle.workers.bulk;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import io.passerelle.processes.ProcessNames.JobTypes;
import io.passerelle.processes.ProcessNames.Variables;
import io.passerelle.workers.support.StepCall;
import org.springframework.stereotype.Component;

/** {@code complete-bulk-invitation}: Closes the bulk invitation. */
@Component
public class CompleteBulkInvitationWorker {

  private final BulkInvitationSteps steps;

  public CompleteBulkInvitationWorker(BulkInvitationSteps steps) {
    this.steps = steps;
  }

  @JobWorker(type = JobTypes.COMPLETE_BULK_INVITATION, fetchVariables = Variables.BULK_ID)
  public void completeBulk(ActivatedJob job, @Variable(name = Variables.BULK_ID) long bulkId) {
    StepCall.run(job, "Completing bulk invitation " + bulkId, () -> steps.completeBulk(bulkId));
  }
}
