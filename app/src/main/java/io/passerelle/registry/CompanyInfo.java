package io.passerelle.registry;

/**
 * What the registry says of one establishment (SIRET), ready to prefill a dossier.
 *
 * @param legalForm the legal form in words (e.g. "SAS"), from the registry's code
 * @param closed the establishment is closed (administrative state "F")
 */
public record CompanyInfo(
    String siret,
    String siren,
    String companyName,
    String legalFormCode,
    String legalForm,
    String address,
    String postalCode,
    String city,
    String nafCode,
    boolean headOffice,
    boolean closed) {}
