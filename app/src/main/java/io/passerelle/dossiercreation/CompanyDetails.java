package io.passerelle.dossiercreation;

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
}
