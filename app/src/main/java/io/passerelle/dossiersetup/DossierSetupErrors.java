package io.passerelle.dossiersetup;

import io.passerelle.domain.ErrorCode;

/**
 * The error codes of this feature (texts: {@code error.<CODE>} in {@code
 * messages/errors*.properties}).
 */
public enum DossierSetupErrors implements ErrorCode {
  ACCESS_NOT_ALLOWED,
  DOCUMENT_TREE_REQUIRED,
  DOCUMENT_TREE_UNKNOWN,
  PARTNER_APPLICATION_INVALID,
  PARTNER_APPLICATION_REPEATED,
  PARTNER_APPLICATION_UNKNOWN,
  PORTAL_FOR_REDIRECT_ONLY,
  SETTING_INVALID,
  SETTING_REQUIRED,
  SETTING_UNKNOWN
}
