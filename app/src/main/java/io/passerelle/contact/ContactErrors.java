package io.passerelle.contact;

import io.passerelle.domain.ErrorCode;

/**
 * The error codes of this feature (texts: {@code error.<CODE>} in {@code
 * messages/errors*.properties}).
 */
public enum ContactErrors implements ErrorCode {
  ACCESS_ABOVE_INVITER,
  ADVISOR_ACCESS_MANAGER_ONLY,
  ADVISOR_TYPE_NOT_ALLOWED,
  ADVISOR_TYPE_REQUIRED,
  CLIENT_MAY_INVITE_FAMILY_OR_EMPLOYEES,
  CLIENT_NOT_ACTIVE,
  CONSULTATION_ONLY_CONTACT,
  CONTACT_ERASED,
  CONTACT_IDENTITY_MANAGER_ONLY,
  CONTACT_INACTIVE,
  HOLDER_ACCESS_PERMANENT,
  HOLDER_MUST_BE_CLIENT,
  HOLDER_ONLY,
  INVALID_PHONE,
  INVITEE_NOT_ALLOWED,
  LINK_NOT_FOUND,
  NAME_REQUIRED,
  STAFF_ONLY
}
