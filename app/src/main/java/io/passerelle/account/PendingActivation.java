package io.passerelle.account;

import java.time.Instant;
import java.util.List;

/**
 * A line of the "pending activation" list (seed 002): the address (flagged when invalid), the
 * dossiers the person can switch between, when the invitation went out (empty = never sent), and
 * who invited; for an offer whose clients sign in with Microsoft, the guest invitation's state
 * (issue 23: NOT_SENT, PENDING_ACCEPTANCE, ACCEPTED, FAILED), null otherwise.
 *
 * <p>Two kinds of line: {@code INVITATION}, a live service invitation ({@code invitationId}); and
 * {@code GUEST_INVITATION}, an onboarding of a Microsoft offer that has no service invitation yet
 * because it waits for the client to accept the firm's guest invitation ({@code invitationId},
 * {@code status}, {@code sentAt} and {@code expiresAt} empty: the service invitation has not been
 * issued; {@code remindersSent} is the guest invitation's). Batch actions name the first by {@code
 * invitationId}, the second by {@code onboardingId}.
 *
 * @param onboardingId the onboarding that invites (null for an invitation sent outside one)
 * @param guestSentAt when the guest invitation last went out through Microsoft Graph
 * @param guestFailureCode why the guest invitation FAILED ({@code INVITATION_REFUSED}…)
 */
public record PendingActivation(
    Kind kind,
    Long invitationId,
    Long onboardingId,
    Long accountId,
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
    String guestInvitation,
    Instant guestSentAt,
    String guestFailureCode) {

  /** What a line stands for, and so which id its actions take. */
  public enum Kind {
    /** A live service invitation: acted on by {@code invitationId}. */
    INVITATION,
    /**
     * An onboarding waiting for the Microsoft guest's acceptance: acted on by {@code onboardingId}.
     */
    GUEST_INVITATION
  }

  public boolean guestRow() {
    return kind == Kind.GUEST_INVITATION;
  }

  public record DossierRef(long id, String companyName) {}

  /** {@code STAFF} or {@code CLIENT}, and their name. */
  public record InvitedBy(String kind, Long id, String name) {}
}
