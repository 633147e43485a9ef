package io.passerelle.collaboration;

import io.passerelle.domain.ErrorCode;

/**
 * The error codes of this feature (texts: {@code error.<CODE>} in {@code
 * messages/errors*.properties}).
 */
public enum CollaborationErrors implements ErrorCode {
  CONTACT_NOT_LINKED,
  SERVICE_ACTIVE,
  SERVICE_ENDED
}
