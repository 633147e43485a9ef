package io.passerelle.workers.dossier;

import io.passerelle.workers.support.BusinessRuleException;

/**
 * The steps of {@code Process_DossierCreation}, implemented by the application. Every method is
 * keyed by the dossier request id (the {@code dossier_request} row that holds the company data, the
 * staff's choices and the outcome) and must be idempotent for it: a redelivered job finds the work
 * done and returns the same result (no second dossier, no second onboarding). Business outcomes the
 * model catches are {@link BusinessRuleException}s with the codes named on each method; anything
 * else is a technical failure (retried with a backoff, then an incident).
 */
public interface DossierCreationSteps {

  /**
   * Looks the request's SIRET up in the company registry and prefills the request with what the
   * staff member did not type (name, address, legal form, NAF code). The registry being down, slow
   * or rate-limited after the client's own attempts is a technical failure: the job is retried,
   * then an incident says so.
   *
   * @return whether the registry knows the establishment and whether it is closed
   */
  CompanyLookedUp lookupCompany(long dossierRequestId);

  /**
   * Creates the dossier from the request: identity, fiscal years, manager and staff, document tree,
   * partner applications. Once per request: a second call returns the same dossier.
   *
   * @throws BusinessRuleException {@code SIRET_ALREADY_USED} when another dossier of the firm has
   *     the SIRET; {@code COMPANY_DETAILS_MISSING} when the request still lacks what a dossier
   *     needs (its company name)
   */
  CreatedDossier createDossier(long dossierRequestId);

  /** Records on the request the dossier that already has its SIRET, for the "already used" link. */
  ExistingDossier recordSiretAlreadyUsed(long dossierRequestId);

  /**
   * Proposes the client space to the company's director entered in the request (starts a {@code
   * Process_ClientOnboarding}): the invitation goes out now, or waits for the firm's order from the
   * dossier's page. Once per request.
   */
  DirectorInvitation inviteDirector(long dossierRequestId, boolean sendNow);

  /** What the registry said; the field names are the process variables. */
  record CompanyLookedUp(boolean companyFound, boolean establishmentClosed) {}

  /** The dossier created; the field name is the process variable. */
  record CreatedDossier(long dossierId) {}

  /** The dossier that already has the SIRET; the field name is the process variable. */
  record ExistingDossier(long existingDossierId) {}

  /** The director's onboarding; the field name is the process variable. */
  record DirectorInvitation(long onboardingId) {}
}
