package io.passerelle.dossiercreation;

import java.time.LocalDate;

/** A fiscal year as a request stores it in its row's JSON (ISO dates). */
record StoredFiscalYear(String start, String end) {

  static StoredFiscalYear of(CompanyFields.FiscalYear year) {
    return new StoredFiscalYear(year.start().toString(), year.end().toString());
  }

  CompanyFields.FiscalYear toYear() {
    return new CompanyFields.FiscalYear(LocalDate.parse(start), LocalDate.parse(end));
  }
}
