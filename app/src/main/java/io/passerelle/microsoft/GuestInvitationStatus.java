package io.passerelle.microsoft;

/** Where an onboarding's guest invitation to the firm's tenant stands (issue 23). */
public enum GuestInvitationStatus {
  /** Not sent (yet): a PASSERELLE offer, or the journey has not reached it. */
  NOT_SENT,
  /** Sent by Microsoft; the guest has not redeemed it. */
  PENDING_ACCEPTANCE,
  /** The contact is in the tenant: redeemed, already there, or kept by the staff. */
  ACCEPTED,
  /** Refused by Microsoft, redeemed with another address, or the guest was removed. */
  FAILED
}
