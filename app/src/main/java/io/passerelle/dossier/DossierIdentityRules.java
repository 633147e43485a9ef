package io.passerelle.dossier;

import io.passerelle.domain.DomainException;
import io.passerelle.domain.DomainException.FieldError;
import io.passerelle.domain.Texts;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a dossier's identity must be, checked and normalised: a name, a well-formed and valid SIRET
 * when one is given, a 2-letter country (FR by default), a NAF code as {@code 69.20Z}, texts within
 * their columns' sizes and on one line; and a fiscal year that ends after it starts. Every fault is
 * a field error; {@link #throwIfAny} refuses them all at once.
 */
final class DossierIdentityRules {

  private static final Pattern NAF = Pattern.compile("([0-9]{2})\\.?([0-9]{2})([A-Za-z])");
  private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");

  private DossierIdentityRules() {}

  /** The identity as given, field by field (each may be null), checked into {@code errors}. */
  record Input(
      String companyName,
      String siret,
      String legalForm,
      String addressLine1,
      String addressLine2,
      String postalCode,
      String city,
      String country,
      String nafCode) {

    static Input of(NewDossier d) {
      return new Input(
          d.companyName(),
          d.siret(),
          d.legalForm(),
          d.addressLine1(),
          d.addressLine2(),
          d.postalCode(),
          d.city(),
          d.country(),
          d.nafCode());
    }

    /** The changes over the current identity: a null field keeps what is there. */
    static Input of(DossierChanges c, Dossier.DossierDetails current) {
      CompanyIdentity company = current.company();
      PostalAddress address = company.address();
      return new Input(
          or(c.companyName(), company.companyName()),
          or(c.siret(), current.siret()),
          or(c.legalForm(), company.legalForm()),
          or(c.addressLine1(), address.line1()),
          or(c.addressLine2(), address.line2()),
          or(c.postalCode(), address.postalCode()),
          or(c.city(), address.city()),
          or(c.country(), address.country()),
          or(c.nafCode(), company.nafCode()));
    }

    private static String or(String change, String current) {
      return change == null ? current : change;
    }
  }

  static Dossier.DossierDetails details(Input in, List<FieldError> errors) {
    String name = text(in.companyName(), "companyName", 200, true, errors);
    String siret = siret(in.siret(), errors);
    String country = Texts.trimToNull(in.country());
    country = country == null ? PostalAddress.DEFAULT_COUNTRY : country.toUpperCase(Locale.ROOT);
    if (!COUNTRY.matcher(country).matches()) {
      errors.add(
          new FieldError("country", "INVALID_COUNTRY", "A country is a 2-letter ISO code (FR)."));
    }
    String naf = naf(in.nafCode(), errors);
    String legalForm = text(in.legalForm(), "legalForm", 60, false, errors);
    PostalAddress address =
        new PostalAddress(
            text(in.addressLine1(), "addressLine1", 200, false, errors),
            text(in.addressLine2(), "addressLine2", 200, false, errors),
            text(in.postalCode(), "postalCode", 10, false, errors),
            text(in.city(), "city", 100, false, errors),
            country);
    return new Dossier.DossierDetails(siret, new CompanyIdentity(name, legalForm, address, naf));
  }

  private static String siret(String siret, List<FieldError> errors) {
    String clean = Texts.trimToNull(Siret.normalise(siret));
    if (clean != null) {
      if (!Siret.isWellFormed(clean)) {
        errors.add(new FieldError("siret", "INVALID_SIRET", "A SIRET has exactly 14 digits."));
      } else if (!Siret.isValid(clean)) {
        errors.add(
            new FieldError(
                "siret",
                "INVALID_SIRET",
                "The SIRET " + clean + " is not valid: its check digit (Luhn) is wrong."));
      }
    }
    return clean;
  }

  private static String naf(String nafCode, List<FieldError> errors) {
    String naf = Texts.trimToNull(nafCode);
    if (naf == null) {
      return null;
    }
    var matcher = NAF.matcher(naf);
    if (matcher.matches()) {
      return matcher.group(1) + "." + matcher.group(2) + matcher.group(3).toUpperCase(Locale.ROOT);
    }
    errors.add(new FieldError("nafCode", "INVALID_NAF_CODE", "A NAF code reads like 69.20Z."));
    return naf;
  }

  private static String text(
      String value, String field, int max, boolean required, List<FieldError> errors) {
    String text = Texts.trimToNull(value);
    if (text == null) {
      if (required) {
        errors.add(new FieldError(field, "REQUIRED", field + " is required."));
      }
      return null;
    }
    if (text.length() > max) {
      errors.add(new FieldError(field, "TOO_LONG", field + " has at most " + max + " characters."));
    } else if (Texts.hasControlCharacter(text)) {
      errors.add(
          new FieldError(
              field, "CONTROL_CHARACTER", field + " cannot contain line breaks or tabs."));
    }
    return text;
  }

  static void checkFiscalYear(
      LocalDate start, LocalDate end, String field, List<FieldError> errors) {
    if (!FiscalYears.isAcceptable(start, end)) {
      errors.add(
          new FieldError(
              field,
              "INVALID_FISCAL_YEAR",
              "A fiscal year ends after it starts and lasts less than "
                  + FiscalYears.MAX_MONTHS
                  + " months."));
    }
  }

  static void throwIfAny(List<FieldError> errors) {
    if (!errors.isEmpty()) {
      throw new DomainException(
          DomainException.Kind.INVALID, "VALIDATION_FAILED", errors.get(0).message(), errors);
    }
  }
}
