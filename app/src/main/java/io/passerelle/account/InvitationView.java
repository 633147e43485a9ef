package io.passerelle.account;

import java.time.Instant;

/** An invitation as staff and the journey see it: never its token, nor the token's hash. */
public record InvitationView(
    long id,
    long accountId,
    Long dossierId,
    Long collaborativeServiceId,
    Long onboardingId,
    String email,
    InvitationStatus status,
    String closedReason,
    InvitedBy invitedBy,
    String customMessage,
    int remindersSent,
    Instant lastReminderAt,
    boolean emailInvalid,
    Instant createdAt,
    Instant sentAt,
    Instant expiresAt,
    Instant acceptedAt,
    Instant cancelledAt,
    Instant closedAt,
    Long supersededById) {

  /**
   * Who invited: a staff member ({@code STAFF}, staffId) or a client ({@code CLIENT}, accountId).
   */
  public record InvitedBy(String kind, Long staffId, Long accountId) {}
}
