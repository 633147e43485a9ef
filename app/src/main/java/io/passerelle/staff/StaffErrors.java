package io.passerelle.staff;

import io.passerelle.domain.ErrorCode;

/**
 * The error codes of this feature (texts: {@code error.<CODE>} in {@code
 * messages/errors*.properties}).
 */
public enum StaffErrors implements ErrorCode {
  ADMINISTRATOR_ONLY,
  INVALID_USERNAME,
  LAST_ADMINISTRATOR,
  STAFF_NOT_FOUND,
  STAFF_UNKNOWN,
  TOO_MANY_SIGN_IN_ATTEMPTS
}
