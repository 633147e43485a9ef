package io.passerelle.account;

import io.passerelle.domain.DomainException;
import io.passerelle.domain.Locks;
import jakarta.persistence.EntityManager;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * How the invitation use cases find an invitation: by id, by the token of its link, read again
 * under its account's lock; and the refusals they share (a dead link).
 */
@Component
class InvitationFinder {

  private final InvitationRepository invitations;
  private final AccountService accounts;
  private final EntityManager entityManager;
  private final Locks locks;

  InvitationFinder(
      InvitationRepository invitations,
      AccountService accounts,
      EntityManager entityManager,
      Locks locks) {
    this.invitations = invitations;
    this.accounts = accounts;
    this.entityManager = entityManager;
    this.locks = locks;
  }

  Invitation find(long id) {
    return invitations
        .findById(id)
        .orElseThrow(
            () ->
                DomainException.notFound(
                    "INVITATION_NOT_FOUND", "No invitation has the id " + id + "."));
  }

  /**
   * The invitation, read again under its account's lock: the client's acceptance takes the same
   * lock, so a "sent" or "reminded" update never races it.
   */
  Invitation lockAccountOf(long invitationId) {
    return lockAccountOf(find(invitationId));
  }

  /** {@link #lockAccountOf(long)} for an invitation in hand. */
  Invitation lockAccountOf(Invitation invitation) {
    lockAccount(invitation.getAccountId());
    entityManager.refresh(invitation);
    return invitation;
  }

  /** The lock every change to an account's invitations takes. */
  void lockAccount(long accountId) {
    locks.lock("account-invitation", String.valueOf(accountId));
  }

  /** The live invitation behind a link, if any. */
  Optional<Invitation> live(String token) {
    if (!InvitationTokens.plausible(token)) {
      return Optional.empty();
    }
    return invitations
        .findByTokenHash(InvitationTokens.hash(token))
        .filter(i -> i.getStatus().live());
  }

  long contactOf(Invitation invitation) {
    return accounts.find(invitation.getAccountId()).getContactId();
  }

  static void requireLive(Invitation invitation) {
    if (!invitation.getStatus().live()) {
      throw notLive(invitation);
    }
  }

  static DomainException notLive(Invitation invitation) {
    return DomainException.conflict(
        "INVITATION_NOT_LIVE",
        "Invitation "
            + invitation.getId()
            + " is "
            + invitation.getStatus()
            + ": its link is dead.");
  }
}
