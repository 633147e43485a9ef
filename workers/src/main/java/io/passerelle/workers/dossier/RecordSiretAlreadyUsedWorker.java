package io.passerelle.workers.dossier;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import io.passerelle.processes.ProcessNames.JobTypes;
import io.passerelle.processes.ProcessNames.Variables;
import io.passerelle.workers.support.StepCall;
import org.springframework.stereotype.Component;

/**
 * {@code record-siret-already-used}: records on the request the dossier that already has its SIRET;
 * returns {@code existingDossierId}.
 */
@Component
public class RecordSiretAlreadyUsedWorker {

  private final DossierCreationSteps steps;

  public RecordSiretAlreadyUsedWorker(DossierCreationSteps steps) {
    this.steps = steps;
  }

  @JobWorker(
      type = JobTypes.RECORD_SIRET_ALREADY_USED,
      fetchVariables = Variables.DOSSIER_REQUEST_ID)
  public DossierCreationSteps.ExistingDossier recordSiretAlreadyUsed(
      ActivatedJob job, @Variable(name = Variables.DOSSIER_REQUEST_ID) long dossierRequestId) {
    return StepCall.call(
        job,
        "Recording the dossier that already has the SIRET of dossier request " + dossierRequestId,
        () -> steps.recordSiretAlreadyUsed(dossierRequestId));
  }
}
