package io.passerelle.dossiercreation;

import io.passerelle.domain.ErrorCode;

/**
 * The error codes of this feature (texts: {@code error.<CODE>} in {@code
 * messages/errors*.properties}).
 */
public enum DossierCreationErrors implements ErrorCode {
  CONFIRMATION_REQUIRED,
  DIRECTOR_INVITATION_MANAGER_ONLY,
  DOSSIER_CREATION_MANAGER_ONLY,
  DOSSIER_REQUEST_OWNER_ONLY,
  LOOKUP_NOT_PENDING,
  NO_INCIDENT,
  REGISTRY_UNAVAILABLE,
  TASK_NOT_OPEN
}
