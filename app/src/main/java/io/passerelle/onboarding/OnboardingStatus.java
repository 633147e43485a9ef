package io.passerelle.onboarding;

/** Where an onboarding stands, as the firm sees it; the engine holds the details. */
public enum OnboardingStatus {
  /** The request is stored; its process instance is being started. */
  STARTING,
  /** The process runs: steps, invitation, reminders, staff tasks. */
  IN_PROGRESS,
  /** The client is on board: service active, widget enabled, staff told. */
  ONBOARDED,
  /** The firm cancelled it before the client came. */
  CANCELLED,
  /** A business rule refused it (unknown offer, missing role, invalid e-mail...). */
  REJECTED;

  public boolean ended() {
    return this == ONBOARDED || this == CANCELLED || this == REJECTED;
  }
}
