package io.passerelle.dossierimport;

import io.passerelle.domain.DomainException;
import io.passerelle.domain.DomainException.FieldError;
import io.passerelle.domain.Texts;
import io.passerelle.importing.CsvReader;
import io.passerelle.importing.CsvText;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The file as a whole, before any line is looked at: not empty, not too big, not a workbook, text
 * in a known encoding, CSV that parses within the limits, a header naming known columns (the
 * required ones among them), at least one data line, and not a file imported already.
 */
@Component
class ImportFileCheck {

  static final int MAX_CELL = 500;

  private final DossierImportProperties properties;
  private final DossierImportRepository imports;

  ImportFileCheck(DossierImportProperties properties, DossierImportRepository imports) {
    this.properties = properties;
    this.imports = imports;
  }

  long maxFileSize() {
    return properties.maxFileSize().toBytes();
  }

  /**
   * @throws DomainException when the file as a whole is refused (size, format, columns, already
   *     imported)
   */
  CheckedFile check(String fileName, byte[] content) {
    checkBytes(content);
    CsvText text = CsvText.decode(content);
    if (text.text().indexOf('\u0000') >= 0) {
      throw fileRefused(
          "NOT_CSV",
          "The file is not text this import can read (UTF-16 without a mark, or binary): save it"
              + " as CSV UTF-8 or \"CSV (séparateur : point-virgule)\".");
    }
    char separator = CsvReader.separatorOf(text.text());
    List<CsvReader.Line> lines;
    try {
      lines = new CsvReader(properties.maxRows() + 1, MAX_CELL).read(text.text());
    } catch (CsvReader.CsvFormatException e) {
      throw fileRefused("INVALID_CSV", e.getMessage());
    }
    if (lines.isEmpty()) {
      throw fileRefused("EMPTY_FILE", "The file is empty.");
    }
    Map<ImportColumn, Integer> columns = columns(lines.getFirst());
    List<CsvReader.Line> rows = lines.subList(1, lines.size());
    if (rows.isEmpty()) {
      throw fileRefused("NO_ROWS", "The file has its header line and no dossier under it.");
    }
    byte[] hash = sha256(content);
    Optional<DossierImport> earlier = imports.findByFileSha256(hash);
    if (earlier.isPresent()) {
      throw DomainException.conflict(
          "ALREADY_IMPORTED",
          "This very file was imported already (import "
              + earlier.get().getId()
              + "): its dossiers exist.");
    }
    return new CheckedFile(
        cleanFileName(fileName), text, String.valueOf(separator), columns, rows, hash);
  }

  private void checkBytes(byte[] content) {
    if (content == null || content.length == 0) {
      throw fileRefused("EMPTY_FILE", "The file is empty.");
    }
    if (content.length > maxFileSize()) {
      throw new DomainException(
          DomainException.Kind.INVALID,
          "FILE_TOO_LARGE",
          "The file is larger than "
              + properties.maxFileSize().toMegabytes()
              + " MB: split it into several files.");
    }
    if (startsWith(content, 0x50, 0x4B, 0x03, 0x04)
        || startsWith(content, 0xD0, 0xCF, 0x11, 0xE0)) {
      throw fileRefused(
          "NOT_CSV",
          "This is a spreadsheet workbook, not CSV: in the spreadsheet, \"Save as\" CSV UTF-8 or"
              + " \"CSV (séparateur : point-virgule)\", then send that file.");
    }
  }

  private static boolean startsWith(byte[] content, int... prefix) {
    if (content.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if ((content[i] & 0xFF) != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static Map<ImportColumn, Integer> columns(CsvReader.Line header) {
    Map<ImportColumn, Integer> columns = new EnumMap<>(ImportColumn.class);
    List<FieldError> errors = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    for (int i = 0; i < header.fields().size(); i++) {
      String name = header.fields().get(i);
      if (name.isBlank()) {
        continue;
      }
      Optional<ImportColumn> column = ImportColumn.of(name);
      if (column.isEmpty()) {
        String shown = Texts.abbreviate(name.strip(), 40);
        unknown.add(shown);
        errors.add(new FieldError(shown, "UNKNOWN_COLUMN", "Unknown column '" + shown + "'."));
      } else if (columns.putIfAbsent(column.get(), i) != null) {
        errors.add(
            new FieldError(
                column.get().header(),
                "DUPLICATE_COLUMN",
                "The column " + column.get().header() + " appears twice."));
      }
    }
    for (ImportColumn column : ImportColumn.values()) {
      if (column.required() && !columns.containsKey(column)) {
        errors.add(
            new FieldError(
                column.header(),
                "MISSING_COLUMN",
                "The column " + column.header() + " is missing."));
      }
    }
    if (!errors.isEmpty()) {
      throw headerRefused(errors, unknown);
    }
    return columns;
  }

  private static DomainException headerRefused(List<FieldError> errors, List<String> unknown) {
    List<String> missing =
        errors.stream()
            .filter(e -> e.code().equals("MISSING_COLUMN"))
            .map(FieldError::field)
            .toList();
    return new DomainException(
        DomainException.Kind.RULE,
        missing.isEmpty() ? "UNKNOWN_COLUMNS" : "MISSING_COLUMNS",
        (missing.isEmpty()
                ? "The header line has columns this import does not know: "
                    + String.join(", ", unknown)
                    + "."
                : "The header line lacks " + String.join(", ", missing) + ".")
            + " The columns are: "
            + templateHeader(", ")
            + ".",
        errors);
  }

  /** The columns' headers, in their order, joined by {@code separator}. */
  static String templateHeader(String separator) {
    return String.join(
        separator, Arrays.stream(ImportColumn.values()).map(ImportColumn::header).toList());
  }

  private static DomainException fileRefused(String code, String message) {
    return new DomainException(
        DomainException.Kind.INVALID,
        code,
        message,
        List.of(new FieldError("file", code, message)));
  }

  /** The name as the person gave it, without control characters, at most 255 characters. */
  static String cleanFileName(String name) {
    String clean = Texts.trimToNull(name);
    if (clean == null) {
      return null;
    }
    clean = clean.replaceAll("\\p{Cntrl}", "");
    return clean.length() > 255 ? clean.substring(0, 255) : clean;
  }

  private static byte[] sha256(byte[] content) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(content);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
