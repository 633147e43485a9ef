package io.passerelle.dossier;

/**
 * A partial change of a dossier: null fields stay; an empty string clears an optional field (the
 * SIRET, the legal form, an address line, the NAF code).
 */
public record DossierChanges(
    String companyName,
    String siret,
    String legalForm,
    String addressLine1,
    String addressLine2,
    String postalCode,
    String city,
    String country,
    String nafCode,
    Long managerId) {}
