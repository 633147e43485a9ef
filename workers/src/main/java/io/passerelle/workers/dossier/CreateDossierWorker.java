package io.passerelle.workers.dossier;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import io.passerelle.processes.ProcessNames.JobTypes;
import io.passerelle.processes.ProcessNames.Variables;
import io.passerelle.workers.support.StepCall;
import org.springframework.stereotype.Component;

/**
 * {@code create-dossier}: creates the dossier from the request, once; returns {@code dossierId}.
 * {@code SIRET_ALREADY_USED} and {@code COMPANY_DETAILS_MISSING} are BPMN errors the model catches.
 */
@Component
public class CreateDossierWorker {

  private final DossierCreationSteps steps;

  public CreateDossierWorker(DossierCreationSteps steps) {
    this.steps = steps;
  }

  @JobWorker(type = JobTypes.CREATE_DOSSIER, fetchVariables = Variables.DOSSIER_REQUEST_ID)
  public DossierCreationSteps.CreatedDossier createDossier(
      ActivatedJob job, @Variable(name = Variables.DOSSIER_REQUEST_ID) long dossierRequestId) {
    return StepCall.call(
        job,
        "Creating the dossier of dossier request " + dossierRequestId,
        () -> steps.createDossier(dossierRequestId));
  }
}
