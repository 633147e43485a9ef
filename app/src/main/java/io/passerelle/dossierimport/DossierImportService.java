package io.passerelle.dossierimport;

import io.passerelle.domain.Actor;
import io.passerelle.domain.DomainException;
import io.passerelle.staff.StaffRole;
import io.passerelle.staff.StaffService;
import io.passerelle.staff.StaffView;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Imports client dossiers (and optionally their directors) from a CSV file as French spreadsheets
 * write it (seed 004, "import massif"): UTF-8 with or without a byte-order mark or Windows-1252,
 * comma or semicolon. Every line is checked first and reported on; the file is imported only when
 * every line passes, in one transaction, so nothing is ever imported half-way. A SIRET twice in the
 * file or already in the firm is reported, not duplicated; the same file twice is refused.
 *
 * <p>Hostile content is refused with a clear error: a cell that a spreadsheet would run as a
 * formula ({@code =}, {@code +}, {@code -}, {@code @} at its start: CSV injection, dangerous for
 * whoever exports and opens the data later), markup ({@code <script>}), control characters, a file
 * too big, too many lines, a workbook instead of CSV, missing or unknown columns.
 *
 * <p>Who may import: a manager or the office administrator (as for creating a dossier). A line
 * whose director is to be linked needs the importer to be that dossier's manager or the
 * administrator (external access, seed 003).
 *
 * <p>The work is done by use case: {@link ImportFileCheck} (the file as a whole), {@link
 * ImportRowParser} and {@link ImportPlanner} (each line, then the lines together), {@link
 * ImportExecution} (the writing) and {@link ImportReports} (the report).
 */
@Service
public class DossierImportService {

  private final ImportFileCheck files;
  private final ImportPlanner planner;
  private final ImportExecution execution;
  private final DossierImportRepository imports;
  private final StaffService staff;

  DossierImportService(
      ImportFileCheck files,
      ImportPlanner planner,
      ImportExecution execution,
      DossierImportRepository imports,
      StaffService staff) {
    this.files = files;
    this.planner = planner;
    this.execution = execution;
    this.imports = imports;
    this.staff = staff;
  }

  /** A file every line of which was refused or accepted: the report says which and why. */
  public static class ImportRejectedException extends RuntimeException {
    private final transient ImportReport report;

    ImportRejectedException(ImportReport report) {
      super(
          report.rejected()
              + " of "
              + report.rows()
              + " lines cannot be imported: nothing was imported. Correct them and send the file"
              + " again.");
      this.report = report;
    }

    public ImportReport report() {
      return report;
    }
  }

  /**
   * Checks the file, then imports it whole (or, with {@code dryRun}, only says whether it would).
   *
   * @param defaultDocumentTree the tree of lines whose "arborescence" cell is empty
   * @throws ImportRejectedException when a line is refused (nothing is imported)
   * @throws DomainException when the file as a whole is refused (size, format, columns, already
   *     imported)
   */
  @Transactional
  public ImportReport importFile(
      String fileName, byte[] content, String defaultDocumentTree, boolean dryRun, Actor actor) {
    StaffView me = requireImporter(actor);
    CheckedFile file = files.check(fileName, content);
    List<ImportPlan> plans = planner.plan(file, defaultDocumentTree, me);
    if (plans.stream().anyMatch(p -> !p.accepted())) {
      throw new ImportRejectedException(ImportReports.rejected(file, plans));
    }
    if (dryRun) {
      return ImportReports.valid(file, plans);
    }
    return execution.execute(
        file, plans, new Actor.Staff(me.id(), me.username(), me.administrator()));
  }

  @Transactional(readOnly = true)
  public ImportReport get(long id) {
    return imports
        .findById(id)
        .map(DossierImport::getReport)
        .orElseThrow(
            () ->
                DomainException.notFound(
                    "IMPORT_NOT_FOUND", "No dossier import has the id " + id + "."));
  }

  /** The header line of a file this import reads, for a template to download. */
  public static String templateHeader() {
    return ImportFileCheck.templateHeader(";");
  }

  public long maxFileSize() {
    return files.maxFileSize();
  }

  private StaffView requireImporter(Actor actor) {
    if (actor instanceof Actor.Staff member) {
      StaffView me = staff.get(member.staffId());
      if (me.active() && me.role() != StaffRole.STAFF) {
        return me;
      }
    }
    throw DomainException.forbidden(
        "MANAGER_OR_ADMINISTRATOR_ONLY",
        "Only a manager or the office administrator imports dossiers.");
  }
}
