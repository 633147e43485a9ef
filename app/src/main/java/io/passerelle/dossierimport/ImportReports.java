package io.passerelle.dossierimport;

import java.time.Instant;
import java.util.List;

/** The report of an import, line by line, at each of its ends: rejected, valid or imported. */
final class ImportReports {

  private ImportReports() {}

  static ImportReport rejected(CheckedFile file, List<ImportPlan> plans) {
    int rejected = (int) plans.stream().filter(p -> !p.accepted()).count();
    return report("REJECTED", null, file, plans, rejected, null);
  }

  static ImportReport valid(CheckedFile file, List<ImportPlan> plans) {
    return report("VALID", null, file, plans, 0, null);
  }

  static ImportReport imported(
      Long importId, CheckedFile file, List<ImportPlan> plans, Instant at) {
    return report("IMPORTED", importId, file, plans, 0, at);
  }

  private static ImportReport report(
      String status,
      Long importId,
      CheckedFile file,
      List<ImportPlan> plans,
      int rejected,
      Instant at) {
    List<ImportReport.Line> lines =
        plans.stream()
            .map(
                p ->
                    new ImportReport.Line(
                        p.line,
                        p.siret,
                        p.company == null ? null : p.company.companyName(),
                        p.accepted() ? "OK" : "ERROR",
                        p.dossierId,
                        p.directorContactId,
                        List.copyOf(p.errors)))
            .toList();
    return new ImportReport(
        status,
        importId,
        file.fileName(),
        file.text().encoding(),
        file.separator(),
        plans.size(),
        "IMPORTED".equals(status) ? plans.size() : 0,
        rejected,
        lines,
        at);
  }
}
