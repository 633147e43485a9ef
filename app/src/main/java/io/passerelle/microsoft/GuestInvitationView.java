package io.passerelle.microsoft;

import java.time.Instant;

/**
 * An onboarding's guest invitation as pages and the API show it: the state, never an address.
 *
 * @param alreadyInTenant the contact was a member or an accepted guest: nothing was sent
 * @param failureCode why it FAILED: {@code INVITATION_REFUSED}, {@code IDENTITY_MISMATCH}, {@code
 *     GUEST_REMOVED}
 */
public record GuestInvitationView(
    long onboardingId,
    GuestInvitationStatus status,
    boolean alreadyInTenant,
    int remindersSent,
    String failureCode,
    String failureMessage,
    Instant sentAt,
    Instant acceptedAt) {

  /** The state of an onboarding that has no guest invitation (yet). */
  public static GuestInvitationView notSent(long onboardingId) {
    return new GuestInvitationView(
        onboardingId, GuestInvitationStatus.NOT_SENT, false, 0, null, null, null, null);
  }
}
