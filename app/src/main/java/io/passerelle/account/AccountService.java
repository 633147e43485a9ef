package io.passerelle.account;

import io.passerelle.activity.ActivityRecord;
import io.passerelle.activity.ActivityService;
import io.passerelle.activity.ActivityType;
import io.passerelle.domain.Actor;
import io.passerelle.domain.CommonErrors;
import io.passerelle.domain.DomainException;
import io.passerelle.domain.EmailAddresses;
import io.passerelle.domain.Locks;
import io.passerelle.microsoft.Identity;
import io.passerelle.staff.StaffScope;
import jakarta.persistence.criteria.Predicate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Client accounts: one per e-mail across the firm's dossiers, tied to the contact that carries the
 * address. The contact feature tells this service when the address changes, or the contact goes;
 * live invitation links die then (design: "the old link dies").
 */
@Service
public class AccountService {

  private final StaffScope scopes;

  private final ClientAccountRepository accounts;
  private final InvitationRepository invitations;
  private final ActivityService activity;
  private final Locks locks;
  private final Clock clock;

  AccountService(
      ClientAccountRepository accounts,
      InvitationRepository invitations,
      ActivityService activity,
      Locks locks,
      Clock clock,
      StaffScope scopes) {
    this.scopes = scopes;
    this.accounts = accounts;
    this.invitations = invitations;
    this.activity = activity;
    this.locks = locks;
    this.clock = clock;
  }

  /**
   * The contact's account, created NOT_INVITED when it has none. Idempotent, and safe when two
   * callers race: they serialise on the contact and the second finds the first's account.
   */
  @Transactional
  public AccountView findOrCreate(long contactId, String email, Actor actor) {
    String address = EmailAddresses.require(email, "email");
    locks.lock("account-contact", String.valueOf(contactId));
    var existing = accounts.findByContactId(contactId);
    if (existing.isPresent()) {
      return existing.get().view();
    }
    String comparable = EmailAddresses.comparable(address);
    locks.lock("account-email", comparable);
    accounts
        .findByLowerCaseEmail(comparable)
        .ifPresent(
            other -> {
              throw DomainException.conflict(
                  CommonErrors.ACCOUNT_EMAIL_TAKEN,
                  "email",
                  "Another client account already signs in with this e-mail address.");
            });
    ClientAccount account =
        accounts.saveAndFlush(new ClientAccount(contactId, address, clock.instant()));
    activity.record(
        ActivityRecord.of(ActivityType.ACCOUNT_CREATED, actor, null, contactId)
            .with("accountId", account.getId()));
    return account.view();
  }

  @Transactional(readOnly = true)
  public Optional<AccountView> forContact(long contactId) {
    return accounts.findByContactId(contactId).map(ClientAccount::view);
  }

  @Transactional(readOnly = true)
  public Optional<AccountView> byEmail(String email) {
    return email == null
        ? Optional.empty()
        : accounts.findByEmailIgnoreCase(email.strip()).map(ClientAccount::view);
  }

  @Transactional(readOnly = true)
  public AccountView get(long id) {
    return find(id).view();
  }

  @Transactional(readOnly = true)
  public Page<AccountView> list(AccountStatus status, String q, Pageable pageable) {
    var scope = scopes.current();
    Specification<ClientAccount> spec =
        (root, query, cb) -> {
          List<Predicate> where = new ArrayList<>();
          where.add(scope.contact(cb, root.get("contactId")));
          if (status != null) {
            where.add(cb.equal(root.get("status"), status));
          }
          if (q != null && !q.isBlank()) {
            where.add(
                cb.like(
                    cb.lower(root.get("email")), "%" + q.strip().toLowerCase(Locale.ROOT) + "%"));
          }
          return cb.and(where.toArray(Predicate[]::new));
        };
    return accounts.findAll(spec, pageable).map(ClientAccount::view);
  }

  /**
   * The contact's address changed: the account follows (it is the sign-in), and every live link to
   * the old address dies (SUPERSEDED, reason EMAIL_CHANGED). Returns the links that died: if any, a
   * new invitation to the new address is needed.
   */
  @Transactional
  public List<KilledInvitation> changeEmail(long contactId, String newEmail, Actor actor) {
    var found = accounts.findByContactId(contactId);
    if (found.isEmpty()) {
      return List.of();
    }
    ClientAccount account = found.get();
    String address = EmailAddresses.require(newEmail, "email");
    String comparable = EmailAddresses.comparable(address);
    locks.lock("account-email", comparable);
    accounts
        .findByLowerCaseEmail(comparable)
        .filter(other -> !other.getId().equals(account.getId()))
        .ifPresent(
            other -> {
              throw DomainException.conflict(
                  CommonErrors.ACCOUNT_EMAIL_TAKEN,
                  "email",
                  "Another client account already signs in with this e-mail address.");
            });
    var now = clock.instant();
    if (!EmailAddresses.comparable(account.getEmail()).equals(comparable)) {
      // another mailbox is another Microsoft identity: the next sign-in keeps its own object id
      account.forgetMicrosoftOid();
    }
    account.changeEmail(address, now);
    List<KilledInvitation> killed =
        killLiveInvitations(account, InvitationStatus.SUPERSEDED, "EMAIL_CHANGED", actor);
    accounts.saveAndFlush(account);
    return killed;
  }

  /** The same mailbox written in another case: the sign-in follows, every link stays valid. */
  @Transactional
  public void respellEmail(long contactId, String email) {
    accounts
        .findByContactId(contactId)
        .ifPresent(
            account -> {
              account.changeEmail(email, clock.instant());
              accounts.saveAndFlush(account);
            });
  }

  /** The contact was deactivated or erased: no more sign-in, no live link. */
  @Transactional
  public List<KilledInvitation> disableForContact(long contactId, Actor actor) {
    var found = accounts.findByContactId(contactId);
    if (found.isEmpty()) {
      return List.of();
    }
    ClientAccount account = found.get();
    List<KilledInvitation> killed =
        killLiveInvitations(account, InvitationStatus.CANCELLED, "CONTACT_DEACTIVATED", actor);
    if (account.getStatus() != AccountStatus.DISABLED) {
      account.disable(clock.instant());
      activity.record(
          ActivityRecord.of(ActivityType.ACCOUNT_DISABLED, actor, null, contactId)
              .with("accountId", account.getId()));
    }
    accounts.saveAndFlush(account);
    return killed;
  }

  /** The contact is back: ACTIVE again if it ever had a password, otherwise NOT_INVITED. */
  @Transactional
  public void enableForContact(long contactId, Actor actor) {
    accounts
        .findByContactId(contactId)
        .filter(a -> a.getStatus() == AccountStatus.DISABLED)
        .ifPresent(
            account -> {
              account.enable(clock.instant());
              accounts.saveAndFlush(account);
              activity.record(
                  ActivityRecord.of(ActivityType.ACCOUNT_ENABLED, actor, null, contactId)
                      .with("accountId", account.getId()));
            });
  }

  /** GDPR erasure: the account keeps its row (ids in the feed) with nothing personal left. */
  @Transactional
  public void anonymiseForContact(long contactId, String anonymousEmail, Actor actor) {
    disableForContact(contactId, actor);
    accounts
        .findByContactId(contactId)
        .ifPresent(
            account -> {
              account.anonymise(anonymousEmail, clock.instant());
              accounts.saveAndFlush(account);
            });
  }

  /** What {@link #forgetMicrosoftIdentity} did: the account after it, and whether one was kept. */
  public record MicrosoftIdentityCleared(AccountView account, boolean cleared) {}

  /**
   * Forgets the Microsoft object id the contact's account kept at its first Microsoft sign-in
   * (issue 23): a guest deleted from the firm's tenant and invited again has a new one, which the
   * sign-in refuses ({@code OTHER_IDENTITY}) until then; the next Microsoft sign-in with the
   * account's address keeps the new one. Under the account's lock, the one the sign-in takes;
   * idempotent: nothing kept, nothing written (no second feed entry). The caller checked who may
   * (the contact's identity managers); a contact with no account is {@code ACCOUNT_NOT_FOUND}.
   */
  @Transactional
  public MicrosoftIdentityCleared forgetMicrosoftIdentity(long contactId, Actor actor) {
    ClientAccount account =
        accounts
            .findByContactId(contactId)
            .orElseThrow(
                () ->
                    DomainException.notFound(
                        CommonErrors.ACCOUNT_NOT_FOUND, "This contact has no client account."));
    long id = account.getId();
    locks.lock("account-invitation", String.valueOf(id));
    boolean cleared = accounts.forgetMicrosoftOid(id, clock.instant()) == 1;
    if (cleared) {
      activity.record(
          ActivityRecord.of(ActivityType.ACCOUNT_MICROSOFT_IDENTITY_CLEARED, actor, null, contactId)
              .with("accountId", id));
    }
    return new MicrosoftIdentityCleared(find(id).view(), cleared);
  }

  /** What the clients' sign-in checks: an ACTIVE account and its password hash. */
  public record Credentials(AccountView account, String passwordHash) {}

  /**
   * The credentials of the ACTIVE account signing in with this address (whatever its case); none
   * for an unknown, pending, never invited or disabled account, so only activated clients sign in.
   */
  @Transactional(readOnly = true)
  public Optional<Credentials> activeCredentials(String email) {
    if (email == null || email.isBlank() || email.length() > 320) {
      return Optional.empty();
    }
    return accounts
        .findByEmailIgnoreCase(email.strip())
        .filter(a -> a.getStatus() == AccountStatus.ACTIVE && a.getPasswordHash() != null)
        .map(a -> new Credentials(a.view(), a.getPasswordHash()));
  }

  /**
   * The client chose a new password through a reset link (the caller checked the link and the
   * password policy, and hashed it). Only an ACTIVE account changes its password ({@code
   * ACCOUNT_NOT_ACTIVE} otherwise).
   */
  @Transactional
  public void changePassword(long accountId, String passwordHash, Actor actor) {
    if (passwordHash == null || passwordHash.isBlank()) {
      throw new IllegalArgumentException("a password hash is required");
    }
    ClientAccount account = find(accountId);
    if (account.getStatus() != AccountStatus.ACTIVE) {
      throw DomainException.conflict(
          AccountErrors.ACCOUNT_NOT_ACTIVE, "Only an activated account can choose a new password.");
    }
    if (account.getIdentity() == Identity.MICROSOFT) {
      throw DomainException.conflict(
          AccountErrors.ACCOUNT_SIGNS_IN_WITH_MICROSOFT,
          "This client signs in with their Microsoft account: Passerelle keeps no password for it.");
    }
    account.changePassword(passwordHash, clock.instant());
    accounts.saveAndFlush(account);
    activity.record(
        ActivityRecord.of(ActivityType.ACCOUNT_PASSWORD_RESET, actor, null, account.getContactId())
            .with("accountId", account.getId()));
  }

  /**
   * The client of an onboarding whose offer signs in with {@code identity} (issue 23): an account
   * not yet active takes that identity; an active one keeps its own. Idempotent.
   */
  @Transactional
  public AccountView signInWith(long accountId, Identity identity) {
    ClientAccount account = find(accountId);
    if (account.signInWith(identity, clock.instant())) {
      accounts.saveAndFlush(account);
    }
    return account.view();
  }

  /** A successful sign-in: the first one is kept, the last one moves (seed 000's "Accès"). */
  @Transactional
  public void recordLogin(long accountId) {
    ClientAccount account = find(accountId);
    account.recordLogin(clock.instant());
    accounts.saveAndFlush(account);
  }

  ClientAccount find(long id) {
    return accounts
        .findById(id)
        .orElseThrow(
            () ->
                DomainException.notFound(
                    CommonErrors.ACCOUNT_NOT_FOUND, "No client account has the id " + id + "."));
  }

  private List<KilledInvitation> killLiveInvitations(
      ClientAccount account, InvitationStatus closing, String reason, Actor actor) {
    var now = clock.instant();
    List<KilledInvitation> killed = new ArrayList<>();
    for (Invitation invitation : invitations.findLiveByAccountId(account.getId())) {
      invitation.close(closing, reason, now);
      invitations.save(invitation);
      killed.add(new KilledInvitation(invitation.getId(), invitation.getOnboardingId(), closing));
      activity.record(
          ActivityRecord.of(
                  closing == InvitationStatus.CANCELLED
                      ? ActivityType.INVITATION_CANCELLED
                      : ActivityType.INVITATION_SUPERSEDED,
                  actor,
                  invitation.getDossierId(),
                  account.getContactId())
              .with("invitationId", invitation.getId())
              .with("reason", reason));
    }
    invitations.flush();
    return killed;
  }
}
