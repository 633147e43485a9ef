package io.passerelle.account;

import io.passerelle.activity.ActivityRecord;
import io.passerelle.activity.ActivityService;
import io.passerelle.activity.ActivityType;
import io.passerelle.domain.Actor;
import io.passerelle.domain.DomainException;
import io.passerelle.domain.Texts;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Issuing a link ({@link InvitationService#issue}): the account checked, the request's key honoured
 * (a redelivered job gets the link it had), the account's older live links superseded, the new one
 * made from a fresh nonce.
 */
@Component
class InvitationIssuing {

  private final InvitationRepository invitations;
  private final AccountService accountService;
  private final ClientAccountRepository accounts;
  private final InvitationFinder finder;
  private final InvitationTokens tokens;
  private final InvitationProperties properties;
  private final ActivityService activity;
  private final EntityManager entityManager;
  private final Clock clock;

  InvitationIssuing(
      InvitationRepository invitations,
      AccountService accountService,
      ClientAccountRepository accounts,
      InvitationFinder finder,
      InvitationTokens tokens,
      InvitationProperties properties,
      ActivityService activity,
      EntityManager entityManager,
      Clock clock) {
    this.invitations = invitations;
    this.accountService = accountService;
    this.accounts = accounts;
    this.finder = finder;
    this.tokens = tokens;
    this.properties = properties;
    this.activity = activity;
    this.entityManager = entityManager;
    this.clock = clock;
  }

  IssuedInvitation issue(IssueInvitation command, Actor actor) {
    finder.lockAccount(command.accountId());
    ClientAccount account = accountService.find(command.accountId());
    requireInvitable(account);
    Inviter inviter = inviter(command, actor);
    String message = message(command.customMessage());
    Duration validity = validity(command.validity());
    var now = clock.instant();
    if (command.requestKey() != null) {
      Optional<Invitation> issued = invitations.findByIssueRequestKey(command.requestKey());
      if (issued.isPresent()) {
        return new IssuedInvitation(issued.get().view(), false);
      }
    }
    List<Invitation> live = invitations.findLiveByAccountId(account.getId());
    for (Invitation old : live) {
      if (command.requestKey() == null
          && command.onboardingId() != null
          && command.onboardingId().equals(old.getOnboardingId())) {
        return new IssuedInvitation(old.view(), false);
      }
    }
    supersede(live, account, actor, now);
    Invitation invitation = create(command, account, inviter, message, now, now.plus(validity));
    for (Invitation old : live) {
      old.supersededBy(invitation.getId());
    }
    account.markPending(now);
    accounts.saveAndFlush(account);
    activity.record(
        ActivityRecord.of(
                ActivityType.INVITATION_ISSUED, actor, command.dossierId(), account.getContactId())
            .with("invitationId", invitation.getId())
            .with("accountId", account.getId()));
    return new IssuedInvitation(invitation.view(), true);
  }

  /**
   * An account already ACTIVE gets no invitation (its client gets the "new access" notice); a
   * DISABLED one neither.
   */
  private static void requireInvitable(ClientAccount account) {
    if (account.getStatus() == AccountStatus.ACTIVE) {
      throw DomainException.conflict(
          "ACCOUNT_ALREADY_ACTIVE",
          "This client's account is already active: they get a notice of their new access, not"
              + " an invitation.");
    }
    if (account.getStatus() == AccountStatus.DISABLED) {
      throw DomainException.conflict(
          "ACCOUNT_DISABLED", "This client's account is disabled: enable the contact first.");
    }
  }

  /** Who the invitation is from: the staff member or client acting, or the one the system names. */
  private static Inviter inviter(IssueInvitation command, Actor actor) {
    return switch (actor) {
      case Actor.Staff staff -> new Inviter(staff.staffId(), null);
      case Actor.Client client -> new Inviter(null, client.accountId());
      case Actor.SystemActor ignored -> {
        if (command.invitedByStaffId() == null) {
          throw DomainException.invalid(
              "REQUIRED", "invitedByStaffId", "Say which staff member the invitation is from.");
        }
        yield new Inviter(command.invitedByStaffId(), null);
      }
    };
  }

  private static String message(String customMessage) {
    String message = Texts.trimToNull(customMessage);
    if (message != null && message.length() > InvitationService.MAX_CUSTOM_MESSAGE) {
      throw DomainException.invalid(
          "TOO_LONG",
          "customMessage",
          "A custom message has at most " + InvitationService.MAX_CUSTOM_MESSAGE + " characters.");
    }
    return message;
  }

  private Duration validity(Duration asked) {
    Duration validity = asked == null ? properties.defaultValidity() : asked;
    if (validity.isNegative() || validity.isZero()) {
      throw DomainException.invalid(
          "INVALID_VALIDITY", "validity", "An invitation lives for a positive duration.");
    }
    return validity;
  }

  /** At most one live link per account: the older ones die (SUPERSEDED, REISSUED). */
  private void supersede(List<Invitation> live, ClientAccount account, Actor actor, Instant now) {
    for (Invitation old : live) {
      old.close(InvitationStatus.SUPERSEDED, "REISSUED", now);
      invitations.saveAndFlush(old);
      activity.record(
          ActivityRecord.of(
                  ActivityType.INVITATION_SUPERSEDED,
                  actor,
                  old.getDossierId(),
                  account.getContactId())
              .with("invitationId", old.getId())
              .with("reason", "REISSUED"));
    }
  }

  private Invitation create(
      IssueInvitation command,
      ClientAccount account,
      Inviter inviter,
      String message,
      Instant now,
      Instant expiresAt) {
    long id = invitations.nextId();
    byte[] nonce = tokens.newNonce();
    var invitation =
        new Invitation(
            id,
            account.getId(),
            command.dossierId(),
            command.collaborativeServiceId(),
            command.onboardingId(),
            account.getEmail(),
            nonce,
            InvitationTokens.hash(tokens.token(id, nonce)),
            inviter.staffId(),
            inviter.clientAccountId(),
            message,
            command.requestKey(),
            now,
            expiresAt);
    entityManager.persist(invitation);
    entityManager.flush();
    return invitation;
  }

  private record Inviter(Long staffId, Long clientAccountId) {}
}
