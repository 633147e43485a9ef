package io.passerelle.dossiercreation;

import io.passerelle.domain.DomainException;
import io.passerelle.dossiercreation.DossierRequestSteps.CreationOutcome;
import io.passerelle.processes.ProcessNames.Errors;
import io.passerelle.registry.CompanyLookup;
import io.passerelle.registry.CompanyRegistryClient;
import io.passerelle.workers.dossier.DossierCreationSteps;
import io.passerelle.workers.support.BusinessRuleException;
import org.springframework.stereotype.Component;

/**
 * The application's side of {@code Process_DossierCreation}'s steps: each one is a call of {@link
 * DossierRequestSteps}, keyed by the request id. The registry is asked outside any transaction (it
 * may take seconds), and only once per request: a redelivered lookup returns the recorded answer. A
 * registry that gives no answer after the client's own attempts is a technical failure: the worker
 * retries the job with its backoff, then the engine raises an incident.
 */
@Component
class DossierCreationStepsAdapter implements DossierCreationSteps {

  private final DossierRequestSteps steps;
  private final CompanyRegistryClient registry;

  DossierCreationStepsAdapter(DossierRequestSteps steps, CompanyRegistryClient registry) {
    this.steps = steps;
    this.registry = registry;
  }

  @Override
  public CompanyLookedUp lookupCompany(long dossierRequestId) {
    var state = steps.lookupState(dossierRequestId);
    RegistryOutcome outcome = state.recorded();
    if (outcome == null) {
      if (state.siret() == null) {
        return new CompanyLookedUp(false, false);
      }
      CompanyLookup answer = registry.lookup(state.siret());
      outcome = steps.recordRegistryAnswer(dossierRequestId, answer);
    }
    return new CompanyLookedUp(
        outcome != RegistryOutcome.NOT_FOUND, outcome == RegistryOutcome.CLOSED);
  }

  @Override
  public CreatedDossier createDossier(long dossierRequestId) {
    CreationOutcome outcome;
    try {
      outcome = steps.createDossier(dossierRequestId);
    } catch (DomainException e) {
      if (Errors.SIRET_ALREADY_USED.equals(e.code())) {
        // another request made it meanwhile: the model records which dossier has the SIRET
        throw new BusinessRuleException(Errors.SIRET_ALREADY_USED, e.getMessage());
      }
      throw e;
    }
    return switch (outcome) {
      case CreationOutcome.Created created -> new CreatedDossier(created.dossierId());
      case CreationOutcome.SiretAlreadyUsed used ->
          throw new BusinessRuleException(
              Errors.SIRET_ALREADY_USED,
              "Dossier " + used.existingDossierId() + " already has this SIRET");
      case CreationOutcome.DetailsMissing missing ->
          throw new BusinessRuleException(Errors.COMPANY_DETAILS_MISSING, missing.message());
    };
  }

  @Override
  public ExistingDossier recordSiretAlreadyUsed(long dossierRequestId) {
    return new ExistingDossier(steps.recordSiretAlreadyUsed(dossierRequestId));
  }

  @Override
  public DirectorInvitation inviteDirector(long dossierRequestId, boolean sendNow) {
    return new DirectorInvitation(steps.inviteDirector(dossierRequestId, sendNow));
  }
}
