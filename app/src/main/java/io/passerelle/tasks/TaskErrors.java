package io.passerelle.tasks;

import io.passerelle.domain.ErrorCode;

/**
 * The error codes of this feature (texts: {@code error.<CODE>} in {@code
 * messages/errors*.properties}).
 */
public enum TaskErrors implements ErrorCode {
  INVALID_FORM_DATA,
  NOT_ALLOWED
}
