package io.passerelle.notification;

import io.passerelle.domain.ErrorCode;

/**
 * The error codes of this feature (texts: {@code error.<CODE>} in {@code
 * messages/errors*.properties}).
 */
public enum NotificationErrors implements ErrorCode {
  NOTIFICATION_NOT_FOUND
}
