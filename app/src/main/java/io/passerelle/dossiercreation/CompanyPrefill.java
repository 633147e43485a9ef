package io.passerelle.dossiercreation;

import io.passerelle.registry.CompanyInfo;

/**
 * What the registry says of a SIRET, for the page to prefill a new dossier (seed 004, step 2), and
 * whether the firm already has a dossier with it ("déjà utilisé").
 *
 * @param company null when the registry does not know the SIRET
 * @param alreadyUsedBy the dossier of the firm that has this SIRET, if any
 */
public record CompanyPrefill(
    String siret,
    boolean found,
    boolean establishmentClosed,
    CompanyInfo company,
    DossierRequestView.DossierRef alreadyUsedBy) {}
