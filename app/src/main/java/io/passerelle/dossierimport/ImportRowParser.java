package io.passerelle.dossierimport;

import io.passerelle.domain.DomainException.FieldError;
import io.passerelle.domain.Texts;
import io.passerelle.dossiercreation.CompanyDetails;
import io.passerelle.dossiercreation.CompanyFields;
import io.passerelle.importing.CsvReader;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One data line read on its own, without asking anyone: its cells (trimmed; a formula, markup or a
 * leading control character refused), the SIRET, the company and its address, the fiscal year. The
 * people and the document tree are the {@link ImportPlanner}'s.
 */
final class ImportRowParser {

  private static final Pattern MARKUP = Pattern.compile("<\\s*[A-Za-z!/?]");
  private static final Pattern PHONE = Pattern.compile("\\+?[0-9 ().-]{6,30}");
  private static final List<DateTimeFormatter> DATES =
      List.of(
          DateTimeFormatter.ofPattern("d/M/uuuu").withResolverStyle(ResolverStyle.STRICT),
          DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT));

  private ImportRowParser() {}

  /**
   * The line's cells by column; empty (with the plan's error) when the line has fewer cells than
   * the header.
   */
  static Optional<Map<ImportColumn, String>> cells(
      CsvReader.Line row, Map<ImportColumn, Integer> columns, ImportPlan plan) {
    int expected = columns.values().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
    if (row.fields().size() < expected) {
      plan.errors.add(
          new FieldError(
              "line",
              "MISSING_CELLS",
              "This line has "
                  + row.fields().size()
                  + " cells where the header has "
                  + expected
                  + ": a separator is missing, or the line was cut."));
      return Optional.empty();
    }
    Map<ImportColumn, String> cells = new EnumMap<>(ImportColumn.class);
    for (var entry : columns.entrySet()) {
      String value = cell(row.fields().get(entry.getValue()), entry.getKey(), plan.errors);
      if (value != null) {
        cells.put(entry.getKey(), value);
      }
    }
    return Optional.of(cells);
  }

  /** The SIRET, the company and the fiscal year of the line, into the plan. */
  static void company(ImportPlan plan, Map<ImportColumn, String> cells) {
    plan.siret =
        CompanyFields.siret(
            cells.get(ImportColumn.SIRET), ImportColumn.SIRET.header(), plan.errors);
    List<FieldError> companyErrors = new ArrayList<>();
    plan.company =
        CompanyFields.details(
            new CompanyDetails(
                cells.get(ImportColumn.RAISON_SOCIALE),
                cells.get(ImportColumn.FORME_JURIDIQUE),
                cells.get(ImportColumn.ADRESSE),
                cells.get(ImportColumn.COMPLEMENT_ADRESSE),
                cells.get(ImportColumn.CODE_POSTAL),
                cells.get(ImportColumn.VILLE),
                cells.get(ImportColumn.PAYS),
                cells.get(ImportColumn.CODE_NAF)),
            "",
            true,
            companyErrors);
    for (FieldError error : companyErrors) {
      plan.errors.add(new FieldError(columnOf(error.field()), error.code(), error.message()));
    }
    fiscalYear(plan, cells);
  }

  /** The cell, trimmed; null when blank; refused when it is a formula or markup. */
  static String cell(String raw, ImportColumn column, List<FieldError> errors) {
    String value = Texts.trimToNull(raw);
    if (value == null) {
      return null;
    }
    char first = value.charAt(0);
    boolean phone = column == ImportColumn.DIRIGEANT_TELEPHONE && PHONE.matcher(value).matches();
    boolean leadingControl = raw.startsWith("\t") || raw.startsWith("\r");
    if ((first == '=' || first == '+' || first == '-' || first == '@') && !phone
        || leadingControl) {
      errors.add(
          new FieldError(
              column.header(),
              "FORMULA_NOT_ALLOWED",
              "A cell starting with "
                  + (leadingControl ? "a tab" : "'" + first + "'")
                  + " would run as a formula in a spreadsheet: remove that sign."));
      return null;
    }
    if (MARKUP.matcher(value).find()) {
      errors.add(
          new FieldError(
              column.header(),
              "MARKUP_NOT_ALLOWED",
              "Markup (<…>) is not accepted in an import: type the text without tags."));
      return null;
    }
    return value;
  }

  private static String columnOf(String field) {
    return switch (field) {
      case "companyName" -> ImportColumn.RAISON_SOCIALE.header();
      case "legalForm" -> ImportColumn.FORME_JURIDIQUE.header();
      case "addressLine1" -> ImportColumn.ADRESSE.header();
      case "addressLine2" -> ImportColumn.COMPLEMENT_ADRESSE.header();
      case "postalCode" -> ImportColumn.CODE_POSTAL.header();
      case "city" -> ImportColumn.VILLE.header();
      case "country" -> ImportColumn.PAYS.header();
      case "nafCode" -> ImportColumn.CODE_NAF.header();
      default -> field;
    };
  }

  private static void fiscalYear(ImportPlan plan, Map<ImportColumn, String> cells) {
    LocalDate start =
        date(cells.get(ImportColumn.DEBUT_EXERCICE), ImportColumn.DEBUT_EXERCICE, plan);
    LocalDate end = date(cells.get(ImportColumn.FIN_EXERCICE), ImportColumn.FIN_EXERCICE, plan);
    if (start == null) {
      if (end != null) {
        plan.error(
            ImportColumn.DEBUT_EXERCICE,
            "REQUIRED",
            "Give the start of the fiscal year with its end.");
      }
      return;
    }
    List<FieldError> errors = new ArrayList<>();
    var years =
        CompanyFields.fiscalYears(
            List.of(new CompanyFields.FiscalYear(start, end)), "exercice", errors);
    for (FieldError error : errors) {
      plan.error(ImportColumn.FIN_EXERCICE, error.code(), error.message());
    }
    if (!years.isEmpty()) {
      plan.fiscalYearStart = years.getFirst().start();
      plan.fiscalYearEnd = years.getFirst().end();
    }
  }

  private static LocalDate date(String value, ImportColumn column, ImportPlan plan) {
    if (value == null) {
      return null;
    }
    for (DateTimeFormatter format : DATES) {
      try {
        return LocalDate.parse(value, format);
      } catch (DateTimeParseException e) {
        // try the next format
      }
    }
    plan.error(
        column,
        "INVALID_DATE",
        "'" + Texts.abbreviate(value, 20) + "' is not a date: write 31/12/2026 or 2026-12-31.");
    return null;
  }
}
