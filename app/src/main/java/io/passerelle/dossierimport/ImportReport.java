package io.passerelle.dossierimport;

import io.passerelle.domain.DomainException.FieldError;
import java.time.Instant;
import java.util.List;

/**
 * What an import did, or would do, line by line.
 *
 * @param status {@code IMPORTED} (every line created, in one transaction), {@code VALID} (a dry run
 *     that would import every line) or {@code REJECTED} (nothing imported: see the lines' errors)
 * @param importId the stored import, when IMPORTED
 */
public record ImportReport(
    String status,
    Long importId,
    String fileName,
    String encoding,
    String separator,
    int rows,
    int imported,
    int rejected,
    List<Line> lines,
    Instant importedAt) {

  /**
   * One data line of the file.
   *
   * @param line its line number in the file (the header is line 1)
   * @param errors the cells at fault, each named by its column
   */
  public record Line(
      int line,
      String siret,
      String companyName,
      String status,
      Long dossierId,
      Long directorContactId,
      List<FieldError> errors) {}
}
