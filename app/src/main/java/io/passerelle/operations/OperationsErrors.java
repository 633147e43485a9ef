package io.passerelle.operations;

import io.passerelle.domain.ErrorCode;

/**
 * The error codes of this feature (texts: {@code error.<CODE>} in {@code
 * messages/errors*.properties}).
 */
public enum OperationsErrors implements ErrorCode {
  INVALID_INCIDENT_KIND,
  NO_INCIDENT_SELECTED
}
