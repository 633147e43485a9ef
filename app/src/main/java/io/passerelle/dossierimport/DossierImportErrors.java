package io.passerelle.dossierimport;

import io.passerelle.domain.ErrorCode;

/**
 * The error codes of this feature (texts: {@code error.<CODE>} in {@code
 * messages/errors*.properties}).
 */
public enum DossierImportErrors implements ErrorCode {
  ALREADY_IMPORTED,
  DIRECTOR_MANAGER_ONLY,
  DIRECTOR_REPEATED,
  DUPLICATE_COLUMN,
  EMPTY_FILE,
  FILE_TOO_LARGE,
  FORMULA_NOT_ALLOWED,
  IMPORT_ABORTED,
  IMPORT_NOT_PENDING,
  IMPORT_REJECTED,
  INVALID_CSV,
  INVALID_DATE,
  MARKUP_NOT_ALLOWED,
  MISSING_CELLS,
  MISSING_COLUMN,
  MISSING_COLUMNS,
  NOT_CSV,
  NO_ROWS,
  SIRET_REPEATED,
  UNKNOWN_COLUMN,
  UNKNOWN_COLUMNS
}
