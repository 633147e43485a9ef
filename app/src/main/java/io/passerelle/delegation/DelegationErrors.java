package io.passerelle.delegation;

import io.passerelle.domain.ErrorCode;

/**
 * The error codes of this feature (texts: {@code error.<CODE>} in {@code
 * messages/errors*.properties}).
 */
public enum DelegationErrors implements ErrorCode {
  CONTACT_NOT_ADVISOR
}
