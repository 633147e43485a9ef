package io.passerelle.catalog;

import io.passerelle.domain.ErrorCode;

/**
 * The error codes of this feature (texts: {@code error.<CODE>} in {@code
 * messages/errors*.properties}).
 */
public enum CatalogErrors implements ErrorCode {
  INVALID_CODE,
  MICROSOFT_NOT_CONFIGURED,
  OFFER_CODE_TAKEN,
  OFFER_NOT_FOUND,
  OFFER_UNKNOWN,
  ROLE_MISSING,
  ROLE_NOT_FOUND
}
