package io.passerelle.onboarding;

import io.passerelle.domain.ErrorCode;

/**
 * The error codes of this feature (texts: {@code error.<CODE>} in {@code
 * messages/errors*.properties}).
 */
public enum OnboardingErrors implements ErrorCode {
  CONTACT_REQUIRED,
  DECISION_REQUIRED,
  EMAIL_CORRECTION_PENDING,
  FOLLOW_UP_ALREADY_DECIDED,
  GUEST_RESEND_FAILED,
  HOLDER_BY_MANAGER_ONLY,
  INVALID_NOTE,
  INVITATION_NOT_PENDING,
  NOBODY_TO_INVITE,
  NOT_AN_ONBOARDING,
  NOTHING_SELECTED,
  ONBOARDING_ALREADY_RUNNING,
  ONBOARDING_ENDED,
  PROCESS_INSTANCE_RUNNING,
  SERVICE_ALREADY_ACTIVE,
  TASK_NOT_FOUND,
  TASK_NOT_SUPPORTED,
  TASK_NOT_YOURS,
  TOO_MANY
}
