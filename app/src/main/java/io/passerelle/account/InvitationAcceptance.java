package io.passerelle.account;

import io.passerelle.activity.ActivityRecord;
import io.passerelle.activity.ActivityService;
import io.passerelle.activity.ActivityType;
import io.passerelle.domain.Actor;
import io.passerelle.domain.CommonErrors;
import io.passerelle.domain.DomainException;
import io.passerelle.microsoft.Identity;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * The client uses the link ({@link InvitationService#accept}): the password checked, the invitation
 * ACCEPTED, the account ACTIVE, and {@link InvitationAccepted} published for the journey.
 */
@Component
class InvitationAcceptance {

  private final InvitationRepository invitations;
  private final InvitationFinder finder;
  private final AccountService accountService;
  private final ClientAccountRepository accounts;
  private final PasswordEncoder passwords;
  private final ActivityService activity;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  InvitationAcceptance(
      InvitationRepository invitations,
      InvitationFinder finder,
      AccountService accountService,
      ClientAccountRepository accounts,
      PasswordEncoder passwords,
      ActivityService activity,
      ApplicationEventPublisher events,
      Clock clock) {
    this.invitations = invitations;
    this.finder = finder;
    this.accountService = accountService;
    this.accounts = accounts;
    this.passwords = passwords;
    this.activity = activity;
    this.events = events;
    this.clock = clock;
  }

  Acceptance accept(String token, String password) {
    Invitation invitation = finder.live(token).orElseThrow(InvitationAcceptance::unknownLink);
    finder.lockAccountOf(invitation);
    InvitationFinder.requireLive(invitation);
    var now = clock.instant();
    if (invitation.getExpiresAt().isBefore(now)) {
      throw DomainException.conflict(
          AccountErrors.INVITATION_EXPIRED,
          "This invitation link has expired: ask the firm for a new one.");
    }
    ClientAccount account = accountService.find(invitation.getAccountId());
    if (account.getIdentity() == Identity.MICROSOFT) {
      throw DomainException.conflict(
          AccountErrors.ACCOUNT_SIGNS_IN_WITH_MICROSOFT,
          "This client signs in with their Microsoft account: Passerelle keeps no password for it.");
    }
    checkPassword(password, account.getEmail());
    invitation.close(InvitationStatus.ACCEPTED, "ACCEPTED", now);
    invitations.saveAndFlush(invitation);
    account.activate(passwords.encode(password), now);
    return activated(invitation, account);
  }

  /**
   * The client's first sign-in with Microsoft (issue 23): the same activation as {@link #accept},
   * without a password. The caller holds the account's lock and checked the invitation is live,
   * unexpired and for this account.
   */
  Acceptance acceptWithMicrosoft(Invitation invitation, ClientAccount account, String oid) {
    var now = clock.instant();
    invitation.close(InvitationStatus.ACCEPTED, "ACCEPTED", now);
    invitations.saveAndFlush(invitation);
    account.activateWithMicrosoft(oid, now);
    return activated(invitation, account);
  }

  /** The account is ACTIVE: saved, recorded in the feed, and the journey told (after commit). */
  private Acceptance activated(Invitation invitation, ClientAccount account) {
    accounts.saveAndFlush(account);
    recordActivation(invitation, account);
    events.publishEvent(
        new InvitationAccepted(
            account.getId(),
            account.getContactId(),
            invitation.getId(),
            invitation.getOnboardingId()));
    return new Acceptance(
        account.getId(), account.getContactId(), invitation.getId(), invitation.getOnboardingId());
  }

  private void recordActivation(Invitation invitation, ClientAccount account) {
    Actor client = new Actor.Client(account.getId());
    activity.record(
        ActivityRecord.of(
                ActivityType.INVITATION_ACCEPTED,
                client,
                invitation.getDossierId(),
                account.getContactId())
            .with("invitationId", invitation.getId()));
    activity.record(
        ActivityRecord.of(
                ActivityType.ACCOUNT_ACTIVATED,
                client,
                invitation.getDossierId(),
                account.getContactId())
            .with("accountId", account.getId()));
  }

  private static DomainException unknownLink() {
    return DomainException.notFound(
        AccountErrors.INVITATION_LINK_UNKNOWN,
        "This invitation link is not valid (used, replaced, cancelled or unknown): ask the firm for"
            + " a new one.");
  }

  private static void checkPassword(String password, String email) {
    int min = InvitationService.MIN_PASSWORD_LENGTH;
    if (password == null || password.length() < min) {
      throw DomainException.invalid(
          CommonErrors.PASSWORD_TOO_SHORT,
          "password",
          "Choose a password of at least " + min + " characters.");
    }
    // bcrypt hashes at most 72 bytes and Spring's encoder refuses more (domain.PasswordPolicy)
    if (password.getBytes(StandardCharsets.UTF_8).length > 72) {
      throw DomainException.invalid(
          CommonErrors.TOO_LONG, "password", "A password has at most 72 bytes in UTF-8.");
    }
    if (password.chars().anyMatch(Character::isISOControl)) {
      throw DomainException.invalid(
          CommonErrors.PASSWORD_CONTROL_CHARACTER,
          "password",
          "A password cannot contain control characters (NUL, tab, line break).");
    }
    if (password.strip().equalsIgnoreCase(email)) {
      throw DomainException.invalid(
          CommonErrors.PASSWORD_IS_EMAIL,
          "password",
          "Your password cannot be your e-mail address.");
    }
  }
}
