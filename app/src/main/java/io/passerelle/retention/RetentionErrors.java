package io.passerelle.retention;

import io.passerelle.domain.ErrorCode;

/**
 * The error codes of this feature (texts: {@code error.<CODE>} in {@code
 * messages/errors*.properties}).
 */
public enum RetentionErrors implements ErrorCode {
  RETENTION_RUNNING
}
