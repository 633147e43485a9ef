package io.passerelle.account;

import io.passerelle.account.MicrosoftSignIn.Outcome;
import io.passerelle.domain.EmailAddresses;
import io.passerelle.microsoft.Identity;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A client signs in with Microsoft ({@link InvitationService#signInWithMicrosoft}). The account is
 * found by the token's object id, else by its address; then, under the account's lock (the one the
 * password activation takes), both must agree with the account: the object id kept at the first
 * sign-in (another one is refused: someone else's Microsoft identity with the same address), and
 * the address. The first sign-in of a Microsoft account ({@code identity}, set when a Microsoft
 * offer invited it) awaiting activation, through its live invitation, is the activation ({@link
 * InvitationAcceptance#acceptWithMicrosoft}): the same invitation ACCEPTED, account ACTIVE, feed
 * entries and {@link InvitationAccepted}. Signing in again changes nothing.
 */
@Component
class MicrosoftSignIns {

  private static final Logger LOG = LoggerFactory.getLogger(MicrosoftSignIns.class);

  private final ClientAccountRepository accounts;
  private final InvitationRepository invitations;
  private final InvitationFinder finder;
  private final InvitationAcceptance acceptance;
  private final EntityManager entityManager;
  private final Clock clock;

  MicrosoftSignIns(
      ClientAccountRepository accounts,
      InvitationRepository invitations,
      InvitationFinder finder,
      InvitationAcceptance acceptance,
      EntityManager entityManager,
      Clock clock) {
    this.accounts = accounts;
    this.invitations = invitations;
    this.finder = finder;
    this.acceptance = acceptance;
    this.entityManager = entityManager;
    this.clock = clock;
  }

  MicrosoftSignIn signIn(MicrosoftIdentity who) {
    String address = EmailAddresses.comparable(who.email());
    Optional<ClientAccount> candidate =
        accounts.findByMicrosoftOid(who.oid()).or(() -> accounts.findByLowerCaseEmail(address));
    if (candidate.isEmpty()) {
      return refused(Outcome.UNKNOWN, null);
    }
    ClientAccount account = candidate.get();
    finder.lockAccount(account.getId());
    entityManager.refresh(account);
    if (account.getMicrosoftOid() != null && !account.getMicrosoftOid().equals(who.oid())) {
      LOG.warn(
          "Microsoft sign-in refused: account {} keeps another object id than {}",
          account.getId(),
          who);
      return refused(Outcome.OTHER_IDENTITY, account);
    }
    if (!EmailAddresses.comparable(account.getEmail()).equals(address)) {
      return refused(Outcome.EMAIL_MISMATCH, account);
    }
    return switch (account.getStatus()) {
      case ACTIVE -> signInActive(account, who);
      case PENDING -> activate(account, who);
      case NOT_INVITED, DISABLED -> refused(Outcome.NOT_ACTIVE, account);
    };
  }

  private MicrosoftSignIn signInActive(ClientAccount account, MicrosoftIdentity who) {
    if (account.getIdentity() != Identity.MICROSOFT) {
      return refused(Outcome.PASSWORD_ACCOUNT, account);
    }
    if (account.getMicrosoftOid() == null) {
      // its login moved to this address since: this identity is the one kept from now on
      account.keepMicrosoftOid(who.oid(), clock.instant());
      accounts.saveAndFlush(account);
    }
    return new MicrosoftSignIn(Outcome.SIGNED_IN, account.view());
  }

  private MicrosoftSignIn activate(ClientAccount account, MicrosoftIdentity who) {
    if (account.getIdentity() != Identity.MICROSOFT) {
      return refused(Outcome.NOT_MICROSOFT, account);
    }
    Instant now = clock.instant();
    Optional<Invitation> live =
        invitations.findLiveByAccountId(account.getId()).stream()
            .filter(i -> i.getExpiresAt().isAfter(now))
            .max(Comparator.comparing(Invitation::getId));
    if (live.isEmpty()) {
      return refused(Outcome.LINK_DEAD, account);
    }
    acceptance.acceptWithMicrosoft(live.get(), account, who.oid());
    return new MicrosoftSignIn(Outcome.ACTIVATED, account.view());
  }

  private static MicrosoftSignIn refused(Outcome outcome, ClientAccount account) {
    return new MicrosoftSignIn(outcome, account == null ? null : account.view());
  }
}
