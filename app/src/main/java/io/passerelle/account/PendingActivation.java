package io.passerelle.account;

import java.time.Instant;
import java.util.List;

/**
 * A line of the "pending activation" list (seed 002): the address (flagged when invalid), the
 * dossiers the person can switch between, when the invitation went out (empty = never sent), and
 * who invited; for an offer whose clients sign in with Microsoft, the guest invitation's state
 * (issue 23: NOT_SENT, PENDING_ACCEPTANCE, ACCEPTED, FAILED), null otherwise.
 */
public record PendingActivation(
    long invitationId,
    long accountId,
    long contactId,
    String contactName,
    String email,
    boolean emailInvalid,
    InvitationStatus status,
    List<DossierRef> dossiers,
    Instant createdAt,
    Instant sentAt,
    Instant expiresAt,
    int remindersSent,
    InvitedBy invitedBy,
    String guestInvitation) {

  public record DossierRef(long id, String companyName) {}

  /** {@code STAFF} or {@code CLIENT}, and their name. */
  public record InvitedBy(String kind, Long id, String name) {}
}
