package io.passerelle.dossiercreation;

import io.passerelle.dossier.CompanyIdentity;
import io.passerelle.dossier.PostalAddress;

/**
 * A company's identity as a dossier holds it. In a request, null fields are left to the registry
 * (or kept as they are when completing).
 */
public record CompanyDetails(
    String companyName,
    String legalForm,
    String addressLine1,
    String addressLine2,
    String postalCode,
    String city,
    String country,
    String nafCode) {

  public static final CompanyDetails EMPTY =
      new CompanyDetails(null, null, null, null, null, null, null, null);

  /** These details, with the blanks filled from {@code other}. */
  public CompanyDetails orElse(CompanyDetails other) {
    return new CompanyDetails(
        companyName != null ? companyName : other.companyName(),
        legalForm != null ? legalForm : other.legalForm(),
        addressLine1 != null ? addressLine1 : other.addressLine1(),
        addressLine2 != null ? addressLine2 : other.addressLine2(),
        postalCode != null ? postalCode : other.postalCode(),
        city != null ? city : other.city(),
        country != null ? country : other.country(),
        nafCode != null ? nafCode : other.nafCode());
  }

  /** The details a request stores (the country FR when none is given). */
  public static CompanyDetails of(CompanyIdentity identity) {
    if (identity == null) {
      return EMPTY;
    }
    PostalAddress address = identity.address();
    return new CompanyDetails(
        identity.companyName(),
        identity.legalForm(),
        address.line1(),
        address.line2(),
        address.postalCode(),
        address.city(),
        address.country(),
        identity.nafCode());
  }

  /** These details as a request stores them (the country FR when none is given). */
  public CompanyIdentity identity() {
    return new CompanyIdentity(
        companyName,
        legalForm,
        new PostalAddress(addressLine1, addressLine2, postalCode, city, country),
        nafCode);
  }
}
