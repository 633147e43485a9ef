package io.passerelle.account;

import io.passerelle.domain.ErrorCode;

/**
 * The error codes of this feature (texts: {@code error.<CODE>} in {@code
 * messages/errors*.properties}).
 */
public enum AccountErrors implements ErrorCode {
  ACCOUNT_ALREADY_ACTIVE,
  ACCOUNT_DISABLED,
  ACCOUNT_NOT_ACTIVE,
  ACCOUNT_SIGNS_IN_WITH_MICROSOFT,
  INVALID_VALIDITY,
  INVITATION_EXPIRED,
  INVITATION_LINK_UNKNOWN,
  INVITATION_NOT_LIVE,
  NEWER_INVITATION_LIVE
}
