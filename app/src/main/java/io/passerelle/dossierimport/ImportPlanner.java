package io.passerelle.dossierimport;

import io.passerelle.domain.DomainException;
import io.passerelle.domain.EmailAddresses;
import io.passerelle.dossiersetup.DossierSetupProperties.DocumentTreeTemplate;
import io.passerelle.dossiersetup.DossierSetupService;
import io.passerelle.importing.CsvReader;
import io.passerelle.staff.StaffView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The plan of a checked file: every line read ({@link ImportRowParser}), its people ({@link
 * ImportPeople}) and document tree resolved, then the lines against each other and the firm (the
 * same SIRET or director twice in the file; a SIRET the firm has already). Nothing is written.
 */
@Component
class ImportPlanner {

  private final ImportPeople people;
  private final DossierSetupService setup;
  private final JdbcClient jdbc;

  ImportPlanner(ImportPeople people, DossierSetupService setup, JdbcClient jdbc) {
    this.people = people;
    this.setup = setup;
    this.jdbc = jdbc;
  }

  /**
   * @param defaultDocumentTree the tree of lines whose "arborescence" cell is empty
   */
  List<ImportPlan> plan(CheckedFile file, String defaultDocumentTree, StaffView me) {
    List<ImportPlan> plans = new ArrayList<>();
    for (CsvReader.Line row : file.rows()) {
      plans.add(line(row, file.columns(), defaultDocumentTree, me));
    }
    crossCheck(plans);
    return plans;
  }

  private ImportPlan line(
      CsvReader.Line row,
      Map<ImportColumn, Integer> columns,
      String defaultDocumentTree,
      StaffView me) {
    ImportPlan plan = new ImportPlan(row.number());
    var read = ImportRowParser.cells(row, columns, plan);
    if (read.isEmpty()) {
      return plan;
    }
    Map<ImportColumn, String> cells = read.get();
    ImportRowParser.company(plan, cells);
    people.manager(plan, cells.get(ImportColumn.RESPONSABLE), me);
    people.collaborators(plan, cells.get(ImportColumn.COLLABORATEURS));
    documentTree(plan, cells.getOrDefault(ImportColumn.ARBORESCENCE, defaultDocumentTree));
    people.director(plan, cells, me);
    return plan;
  }

  private void documentTree(ImportPlan plan, String tree) {
    try {
      plan.documentTreeCode =
          setup
              .resolveDocumentTree(tree, ImportColumn.ARBORESCENCE.header())
              .map(DocumentTreeTemplate::code)
              .orElse(null);
    } catch (DomainException e) {
      plan.error(ImportColumn.ARBORESCENCE, e.code(), e.getMessage());
    }
  }

  /** The same SIRET or director twice in the file; a SIRET the firm has already. */
  private void crossCheck(List<ImportPlan> plans) {
    Map<String, Integer> sirets = new HashMap<>();
    Map<String, Integer> emails = new HashMap<>();
    for (ImportPlan plan : plans) {
      if (plan.siret != null) {
        Integer first = sirets.putIfAbsent(plan.siret, plan.line);
        if (first != null) {
          plan.error(
              ImportColumn.SIRET,
              "SIRET_REPEATED",
              "The SIRET " + plan.siret + " is on line " + first + " already.");
        }
      }
      if (plan.director != null) {
        Integer first =
            emails.putIfAbsent(EmailAddresses.comparable(plan.director.email()), plan.line);
        if (first != null) {
          plan.error(
              ImportColumn.DIRIGEANT_EMAIL,
              "DIRECTOR_REPEATED",
              "This director is on line "
                  + first
                  + " already: a person holds one dossier"
                  + " per line; link them to the other dossier afterwards.");
        }
      }
    }
    if (!sirets.isEmpty()) {
      siretsAlreadyUsed(plans, sirets);
    }
  }

  private void siretsAlreadyUsed(List<ImportPlan> plans, Map<String, Integer> sirets) {
    Map<String, Long> known = new HashMap<>();
    jdbc.sql("select siret, id from dossier where siret in (:sirets)")
        .param("sirets", sirets.keySet())
        .query(
            rs -> {
              known.put(rs.getString(1), rs.getLong(2));
            });
    for (ImportPlan plan : plans) {
      Long existing = plan.siret == null ? null : known.get(plan.siret);
      if (existing != null) {
        plan.error(
            ImportColumn.SIRET,
            "SIRET_ALREADY_USED",
            "The SIRET " + plan.siret + " is already used by dossier " + existing + ".");
      }
    }
  }
}
