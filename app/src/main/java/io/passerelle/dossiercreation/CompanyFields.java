package io.passerelle.dossiercreation;

import io.passerelle.domain.CommonErrors;
import io.passerelle.domain.DomainException;
import io.passerelle.domain.DomainException.FieldError;
import io.passerelle.domain.Texts;
import io.passerelle.dossier.DossierErrors;
import io.passerelle.dossier.FiscalYears;
import io.passerelle.dossier.Siret;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The checks a dossier's identity passes before anything is written, so that a request (or a CSV
 * row) is refused with every field at fault at once, in the words the dossier service would use:
 * SIRET (14 digits, Luhn), one-line texts within the dossier's column sizes, the NAF code ({@code
 * 69.20Z}, also typed {@code 6920z}), a two-letter country, fiscal years.
 */
public final class CompanyFields {

  private static final Pattern NAF = Pattern.compile("([0-9]{2})\\.?([0-9]{2})([A-Za-z])");
  private static final Pattern COUNTRY = Pattern.compile("[A-Za-z]{2}");

  private CompanyFields() {}

  /** The SIRET without spaces, or null when blank; INVALID_SIRET on {@code field} otherwise. */
  public static String siret(String input, String field, List<FieldError> errors) {
    String siret = Texts.trimToNull(Siret.normalise(input));
    if (siret == null) {
      return null;
    }
    if (!Siret.isWellFormed(siret)) {
      errors.add(
          new FieldError(field, CommonErrors.INVALID_SIRET, "A SIRET has exactly 14 digits."));
      return null;
    }
    if (!Siret.isValid(siret)) {
      errors.add(
          new FieldError(
              field,
              CommonErrors.INVALID_SIRET,
              "The SIRET " + siret + " is not valid: its check digit (Luhn) is wrong."));
      return null;
    }
    return siret;
  }

  /**
   * The details cleaned (trimmed, NAF and country normalised); blank fields become null.
   *
   * @param prefix e.g. {@code "company."} for field names
   * @param nameRequired whether the company name must be there
   */
  public static CompanyDetails details(
      CompanyDetails input, String prefix, boolean nameRequired, List<FieldError> errors) {
    CompanyDetails d = input == null ? CompanyDetails.EMPTY : input;
    String name = text(d.companyName(), prefix + "companyName", 200, errors);
    if (name == null && nameRequired) {
      errors.add(
          new FieldError(
              prefix + "companyName",
              CommonErrors.REQUIRED,
              "Give the company's name (raison sociale)."));
    }
    String country = Texts.trimToNull(d.country());
    if (country != null) {
      if (COUNTRY.matcher(country).matches()) {
        country = country.toUpperCase(Locale.ROOT);
      } else {
        errors.add(
            new FieldError(
                prefix + "country",
                DossierErrors.INVALID_COUNTRY,
                "A country is a 2-letter ISO code (FR)."));
        country = null;
      }
    }
    return new CompanyDetails(
        name,
        text(d.legalForm(), prefix + "legalForm", 60, errors),
        text(d.addressLine1(), prefix + "addressLine1", 200, errors),
        text(d.addressLine2(), prefix + "addressLine2", 200, errors),
        text(d.postalCode(), prefix + "postalCode", 10, errors),
        text(d.city(), prefix + "city", 100, errors),
        country,
        naf(d.nafCode(), prefix + "nafCode", errors));
  }

  /** {@code 6920z} → {@code 69.20Z}; null when blank; INVALID_NAF_CODE otherwise. */
  public static String naf(String input, String field, List<FieldError> errors) {
    String naf = Texts.trimToNull(input);
    if (naf == null) {
      return null;
    }
    var matcher = NAF.matcher(naf);
    if (!matcher.matches()) {
      errors.add(
          new FieldError(field, DossierErrors.INVALID_NAF_CODE, "A NAF code reads like 69.20Z."));
      return null;
    }
    return matcher.group(1) + "." + matcher.group(2) + matcher.group(3).toUpperCase(Locale.ROOT);
  }

  /** One line of at most {@code max} characters, or null when blank. */
  public static String text(String value, String field, int max, List<FieldError> errors) {
    String text = Texts.trimToNull(value);
    if (text == null) {
      return null;
    }
    if (text.length() > max) {
      errors.add(
          new FieldError(
              field, CommonErrors.TOO_LONG, field + " has at most " + max + " characters."));
      return null;
    }
    if (Texts.hasControlCharacter(text)) {
      errors.add(
          new FieldError(
              field,
              CommonErrors.CONTROL_CHARACTER,
              field + " cannot contain line breaks or tabs."));
      return null;
    }
    return text;
  }

  /** A fiscal year as a request holds it: the end defaults to 12 months after the start. */
  public record FiscalYear(LocalDate start, LocalDate end) {}

  /**
   * Fiscal years checked one by one (start required, end proposed 12 months later, at most {@link
   * FiscalYears#MAX_MONTHS} months) and against each other (no overlap), sorted by start.
   */
  public static List<FiscalYear> fiscalYears(
      List<FiscalYear> input, String field, List<FieldError> errors) {
    if (input == null || input.isEmpty()) {
      return List.of();
    }
    List<FiscalYear> years = new ArrayList<>();
    for (int i = 0; i < input.size(); i++) {
      FiscalYear year = input.get(i);
      String at = field + "[" + i + "]";
      if (year == null || year.start() == null) {
        errors.add(
            new FieldError(
                at + ".start", CommonErrors.REQUIRED, "Give the first day of the fiscal year."));
        continue;
      }
      LocalDate end = year.end() == null ? FiscalYears.defaultEnd(year.start()) : year.end();
      if (!FiscalYears.isAcceptable(year.start(), end)) {
        errors.add(
            new FieldError(
                at + ".end",
                DossierErrors.INVALID_FISCAL_YEAR,
                "A fiscal year ends after it starts and lasts less than "
                    + FiscalYears.MAX_MONTHS
                    + " months."));
        continue;
      }
      for (FiscalYear other : years) {
        if (!year.start().isAfter(other.end()) && !end.isBefore(other.start())) {
          errors.add(
              new FieldError(
                  at + ".start",
                  CommonErrors.FISCAL_YEAR_OVERLAP,
                  "This fiscal year overlaps the one starting on " + other.start() + "."));
        }
      }
      years.add(new FiscalYear(year.start(), end));
    }
    years.sort(java.util.Comparator.comparing(FiscalYear::start));
    return List.copyOf(years);
  }

  /** Refuses with every field error at once (400 VALIDATION_FAILED). */
  public static void throwIfAny(List<FieldError> errors) {
    if (!errors.isEmpty()) {
      throw new DomainException(
          DomainException.Kind.INVALID,
          CommonErrors.VALIDATION_FAILED,
          errors.get(0).message(),
          errors);
    }
  }
}
