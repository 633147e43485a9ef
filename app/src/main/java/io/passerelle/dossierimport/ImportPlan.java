package io.passerelle.dossierimport;

import io.passerelle.contact.NewContact;
import io.passerelle.domain.DomainException.FieldError;
import io.passerelle.dossiercreation.CompanyDetails;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * One data line of an import, checked: what it will create, or why it cannot (its errors, each
 * named by its column). Filled by {@link ImportRowParser} and {@link ImportPlanner}, carried out by
 * {@link ImportExecution}, reported by {@link ImportReports}.
 */
final class ImportPlan {
  final int line;
  final List<FieldError> errors = new ArrayList<>();
  String siret;
  CompanyDetails company;
  LocalDate fiscalYearStart;
  LocalDate fiscalYearEnd;
  Long managerId;
  List<Long> staffIds = List.of();
  String documentTreeCode;
  NewContact director;
  Long dossierId;
  Long directorContactId;

  ImportPlan(int line) {
    this.line = line;
  }

  boolean accepted() {
    return errors.isEmpty();
  }

  void error(ImportColumn column, String code, String message) {
    errors.add(new FieldError(column.header(), code, message));
  }
}
