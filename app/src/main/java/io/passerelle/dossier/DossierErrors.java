package io.passerelle.dossier;

import io.passerelle.domain.ErrorCode;

/**
 * The error codes of this feature (texts: {@code error.<CODE>} in {@code
 * messages/errors*.properties}).
 */
public enum DossierErrors implements ErrorCode {
  DOSSIER_MANAGER_ONLY,
  DOSSIER_STAFF_ONLY,
  EXTERNAL_ACCESS_MANAGER_ONLY,
  INVALID_COUNTRY,
  INVALID_FISCAL_YEAR,
  INVALID_NAF_CODE,
  MANAGER_OR_ADMINISTRATOR_ONLY,
  MANAGER_ROLE_REQUIRED,
  MANAGER_STAYS_ASSIGNED,
  OFFER_NOT_ACTIVE
}
