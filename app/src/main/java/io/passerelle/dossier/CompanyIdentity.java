package io.passerelle.dossier;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Embedded;

/**
 * A company's identity and address as a dossier ({@code dossier}) and a dossier request ({@code
 * dossier_request}) store it, in the same columns of both tables: {@code company_name}, {@code
 * legal_form}, {@code naf_code} and the {@link PostalAddress}. A dossier requires the name (its
 * column is {@code not null}, see {@code Dossier}); a request may wait for the registry to give it.
 * The SIRET is not part of it: each table keeps it with its own rules.
 */
@Embeddable
public record CompanyIdentity(
    @Column(name = "company_name", length = 200) String companyName,
    @Column(name = "legal_form", length = 60) String legalForm,
    @Embedded PostalAddress address,
    @Column(name = "naf_code", length = 6) String nafCode) {

  public CompanyIdentity {
    address = address == null ? new PostalAddress(null, null, null, null, null) : address;
  }
}
