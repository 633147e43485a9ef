package io.passerelle.workers.dossier;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import io.passerelle.processes.ProcessNames.JobTypes;
import io.passerelle.processes.ProcessNames.Variables;
import io.passerelle.workers.support.StepCall;
import org.springframework.stereotype.Component;

/**
 * {@code lookup-company}: looks the request's SIRET up in the company registry and prefills the
 * request; returns {@code companyFound} and {@code establishmentClosed}. A registry that stays down
 * fails the job with a growing backoff, then raises an incident.
 */
@Component
public class LookupCompanyWorker {

  private final DossierCreationSteps steps;

  public LookupCompanyWorker(DossierCreationSteps steps) {
    this.steps = steps;
  }

  @JobWorker(type = JobTypes.LOOKUP_COMPANY, fetchVariables = Variables.DOSSIER_REQUEST_ID)
  public DossierCreationSteps.CompanyLookedUp lookupCompany(
      ActivatedJob job, @Variable(name = Variables.DOSSIER_REQUEST_ID) long dossierRequestId) {
    return StepCall.call(
        job,
        "Looking up the SIRET of dossier request "
            + dossierRequestId
            + " in the company registry (or ask for manual entry on the request's page)",
        () -> steps.lookupCompany(dossierRequestId));
  }
}
