package io.passerelle.dossiercreation;

import io.passerelle.registry.CompanyInfo;

/**
 * What the registry says of a SIRET, for the page to prefill a new dossier (seed 004, step 2), and
 * whether the firm already has a dossier with it ("déjà utilisé").
 *
 * @param outcome {@code ALREADY_USED} (the firm has a dossier with this SIRET: the registry is not
 *     asked, and answers nothing even when it is down), {@code FOUND}, {@code CLOSED} (found, the
 *     establishment closed) or {@code NOT_FOUND}
 * @param company null when the registry does not know the SIRET or was not asked
 * @param alreadyUsedBy the dossier of the firm that has this SIRET, if any
 */
public record CompanyPrefill(
    String siret,
    String outcome,
    boolean found,
    boolean establishmentClosed,
    CompanyInfo company,
    DossierRequestView.DossierRef alreadyUsedBy) {

  public static CompanyPrefill alreadyUsed(String siret, DossierRequestView.DossierRef by) {
    return new CompanyPrefill(siret, "ALREADY_USED", false, false, null, by);
  }

  public static CompanyPrefill found(String siret, CompanyInfo company) {
    return new CompanyPrefill(
        siret, company.closed() ? "CLOSED" : "FOUND", true, company.closed(), company, null);
  }

  public static CompanyPrefill notFound(String siret) {
    return new CompanyPrefill(siret, "NOT_FOUND", false, false, null, null);
  }
}
