package io.passerelle.account;

import io.passerelle.activity.ActivityRecord;
import io.passerelle.activity.ActivityService;
import io.passerelle.activity.ActivityType;
import io.passerelle.domain.Actor;
import io.passerelle.domain.CommonErrors;
import io.passerelle.domain.DomainException;
import io.passerelle.domain.Locks;
import io.passerelle.domain.PasswordPolicy;
import io.passerelle.domain.Texts;
import io.passerelle.staff.StaffScope;
import jakarta.persistence.EntityManager;
import jakarta.persistence.criteria.Predicate;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Invitations: issue, send, remind, supersede (resend), cancel, expire, extend, bounce, accept.
 * Every method is idempotent for the journey's at-least-once jobs: asking twice for what is already
 * done changes nothing and answers the same. At most one link per account is live; issuing for
 * another onboarding supersedes the older link (the account is what the client activates, and its
 * activation reaches every onboarding waiting for it).
 */
@Service
public class InvitationService {

  private final StaffScope scopes;

  public static final int MIN_PASSWORD_LENGTH = PasswordPolicy.MIN_LENGTH;
  public static final int MAX_CUSTOM_MESSAGE = 2000;

  private final InvitationRepository invitations;
  private final AccountService accountService;
  private final ClientAccountRepository accounts;
  private final InvitationTokens tokens;
  private final InvitationProperties properties;
  private final PendingActivations pending;
  private final ActivityService activity;
  private final PasswordEncoder passwords;
  private final ApplicationEventPublisher events;
  private final EntityManager entityManager;
  private final Locks locks;
  private final Clock clock;

  InvitationService(
      InvitationRepository invitations,
      AccountService accountService,
      ClientAccountRepository accounts,
      InvitationTokens tokens,
      InvitationProperties properties,
      PendingActivations pending,
      ActivityService activity,
      PasswordEncoder passwords,
      ApplicationEventPublisher events,
      EntityManager entityManager,
      Locks locks,
      Clock clock,
      StaffScope scopes) {
    this.scopes = scopes;
    this.invitations = invitations;
    this.accountService = accountService;
    this.accounts = accounts;
    this.tokens = tokens;
    this.properties = properties;
    this.pending = pending;
    this.activity = activity;
    this.passwords = passwords;
    this.events = events;
    this.entityManager = entityManager;
    this.locks = locks;
    this.clock = clock;
  }

  /**
   * Issues a link for the account (status PENDING_SEND; the account turns PENDING). With the same
   * onboarding id as the live link, returns that link unchanged ({@code created} false). An account
   * already ACTIVE gets no invitation ({@code ACCOUNT_ALREADY_ACTIVE}: send it the "new access"
   * notice instead); a DISABLED one neither ({@code ACCOUNT_DISABLED}).
   */
  @Transactional
  public IssuedInvitation issue(IssueInvitation command, Actor actor) {
    locks.lock("account-invitation", String.valueOf(command.accountId()));
    ClientAccount account = accountService.find(command.accountId());
    if (account.getStatus() == AccountStatus.ACTIVE) {
      throw DomainException.conflict(
          AccountErrors.ACCOUNT_ALREADY_ACTIVE,
          "This client's account is already active: they get a notice of their new access, not"
              + " an invitation.");
    }
    if (account.getStatus() == AccountStatus.DISABLED) {
      throw DomainException.conflict(
          AccountErrors.ACCOUNT_DISABLED,
          "This client's account is disabled: enable the contact first.");
    }
    Long staffId = null;
    Long clientAccountId = null;
    switch (actor) {
      case Actor.Staff staff -> staffId = staff.staffId();
      case Actor.Client client -> clientAccountId = client.accountId();
      case Actor.SystemActor ignored -> {
        if (command.invitedByStaffId() == null) {
          throw DomainException.invalid(
              CommonErrors.REQUIRED,
              "invitedByStaffId",
              "Say which staff member the invitation is from.");
        }
        staffId = command.invitedByStaffId();
      }
    }
    String message = Texts.trimToNull(command.customMessage());
    if (message != null && message.length() > MAX_CUSTOM_MESSAGE) {
      throw DomainException.invalid(
          CommonErrors.TOO_LONG,
          "customMessage",
          "A custom message has at most " + MAX_CUSTOM_MESSAGE + " characters.");
    }
    Duration validity =
        command.validity() == null ? properties.defaultValidity() : command.validity();
    if (validity.isNegative() || validity.isZero()) {
      throw DomainException.invalid(
          AccountErrors.INVALID_VALIDITY,
          "validity",
          "An invitation lives for a positive duration.");
    }
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
            staffId,
            clientAccountId,
            message,
            command.requestKey(),
            now,
            now.plus(validity));
    entityManager.persist(invitation);
    entityManager.flush();
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
   * The link of a live invitation, derived again from its nonce (for the mail, a reminder, a
   * retried send). Never stored. {@code INVITATION_NOT_LIVE} for a dead one.
   */
  @Transactional(readOnly = true)
  public String token(long invitationId) {
    Invitation invitation = find(invitationId);
    requireLive(invitation);
    return tokens.token(invitation.getId(), invitation.getTokenNonce());
  }

  /** The invitation went out (PENDING_SEND → SENT). Already SENT: nothing changes. */
  @Transactional
  public InvitationView markSent(long invitationId, Actor actor) {
    Invitation invitation = lockAccountOf(invitationId);
    requireLive(invitation);
    if (invitation.markSent(clock.instant())) {
      invitations.saveAndFlush(invitation);
      activity.record(
          ActivityRecord.of(
                  ActivityType.INVITATION_SENT,
                  actor,
                  invitation.getDossierId(),
                  contactOf(invitation))
              .with("invitationId", invitationId));
    }
    return invitation.view();
  }

  /**
   * Reminder {@code number} (1, 2…) of a sent invitation: true when it is due now and recorded,
   * false when it was already recorded, or the link is no longer live, or its address is known to
   * be invalid — then no reminder goes out.
   */
  @Transactional
  public boolean recordReminder(long invitationId, int number, Actor actor) {
    if (number < 1) {
      throw new IllegalArgumentException("reminders are numbered from 1");
    }
    Invitation invitation = lockAccountOf(invitationId);
    if (invitation.view().emailInvalid()) {
      return false;
    }
    if (!invitation.recordReminder(number, clock.instant())) {
      return false;
    }
    invitations.saveAndFlush(invitation);
    activity.record(
        ActivityRecord.of(
                ActivityType.INVITATION_REMINDED,
                actor,
                invitation.getDossierId(),
                contactOf(invitation))
            .with("invitationId", invitationId)
            .with("reminderNumber", number));
    return true;
  }

  /** Resend: the link dies (SUPERSEDED); the journey then issues a new one. Idempotent. */
  @Transactional
  public InvitationView supersede(long invitationId, Actor actor) {
    return close(
        invitationId,
        InvitationStatus.SUPERSEDED,
        "RESENT",
        ActivityType.INVITATION_SUPERSEDED,
        actor);
  }

  /**
   * Cancelled by staff (seed 002): the link dies, no more reminders; the account is back to NOT
   * INVITED. Idempotent.
   */
  @Transactional
  public InvitationView cancel(long invitationId, Actor actor) {
    InvitationView view =
        close(
            invitationId,
            InvitationStatus.CANCELLED,
            "CANCELLED_BY_STAFF",
            ActivityType.INVITATION_CANCELLED,
            actor);
    releaseAccount(view.accountId());
    return view;
  }

  /**
   * An onboarding was cancelled and none of the account's links lives any more (cancelled now, or
   * dead before: bounced, expired, superseded): the account is back to NOT INVITED, not left
   * "activation en attente" with no link out. An active or disabled account is left as it is.
   */
  @Transactional
  public void releaseAccount(long accountId) {
    ClientAccount account = accountService.find(accountId);
    if (invitations.findLiveByAccountId(account.getId()).isEmpty()) {
      account.markNotInvited(clock.instant());
      accounts.saveAndFlush(account);
    }
  }

  /** The reminder policy's expiry came: the link dies (EXPIRED); the account stays PENDING. */
  @Transactional
  public InvitationView expire(long invitationId, Actor actor) {
    return close(
        invitationId, InvitationStatus.EXPIRED, "EXPIRED", ActivityType.INVITATION_EXPIRED, actor);
  }

  /**
   * The manager chose to extend (follow-up task): the same link lives on until now + {@code
   * validity}, an expired one comes back to life. Accepted, cancelled, superseded or bounced links
   * stay dead ({@code INVITATION_NOT_LIVE}).
   */
  @Transactional
  public InvitationView extend(long invitationId, Duration validity, Actor actor) {
    Invitation invitation = find(invitationId);
    if (!invitation.getStatus().live() && invitation.getStatus() != InvitationStatus.EXPIRED) {
      throw notLive(invitation);
    }
    locks.lock("account-invitation", String.valueOf(invitation.getAccountId()));
    if (invitation.getStatus() == InvitationStatus.EXPIRED
        && !invitations.findLiveByAccountId(invitation.getAccountId()).isEmpty()) {
      throw DomainException.conflict(
          AccountErrors.NEWER_INVITATION_LIVE,
          "A newer invitation is already out for this account: this one stays expired.");
    }
    var now = clock.instant();
    invitation.extend(now.plus(validity == null ? properties.defaultValidity() : validity), now);
    invitations.saveAndFlush(invitation);
    activity.record(
        ActivityRecord.of(
                ActivityType.INVITATION_EXTENDED,
                actor,
                invitation.getDossierId(),
                contactOf(invitation))
            .with("invitationId", invitationId));
    return invitation.view();
  }

  /**
   * The mail server refused the address: BOUNCED, flagged invalid (no reminder goes to it), and the
   * contact is flagged through {@link InvitationBounced}. Idempotent.
   */
  @Transactional
  public InvitationView markBounced(long invitationId, Actor actor) {
    Invitation invitation = find(invitationId);
    if (invitation.getStatus() == InvitationStatus.BOUNCED) {
      return invitation.view();
    }
    requireLive(invitation);
    invitation.markEmailInvalid();
    InvitationView view =
        close(
            invitationId,
            InvitationStatus.BOUNCED,
            "MAIL_REJECTED",
            ActivityType.INVITATION_BOUNCED,
            actor);
    long contactId = contactOf(invitation);
    events.publishEvent(new InvitationBounced(invitationId, invitation.getAccountId(), contactId));
    return view;
  }

  /**
   * The client used the link and chose a password: the invitation is ACCEPTED, the account ACTIVE
   * (its password hashed), and {@link InvitationAccepted} is published. A used, dead, expired or
   * unknown link is refused with the same code for unknown and malformed tokens.
   */
  @Transactional
  public Acceptance accept(String token, String password) {
    Invitation invitation = live(token).orElseThrow(InvitationService::unknownLink);
    locks.lock("account-invitation", String.valueOf(invitation.getAccountId()));
    entityManager.refresh(invitation);
    requireLive(invitation);
    var now = clock.instant();
    if (invitation.getExpiresAt().isBefore(now)) {
      throw DomainException.conflict(
          AccountErrors.INVITATION_EXPIRED,
          "This invitation link has expired: ask the firm for a new one.");
    }
    ClientAccount account = accountService.find(invitation.getAccountId());
    checkPassword(password, account.getEmail());
    invitation.close(InvitationStatus.ACCEPTED, "ACCEPTED", now);
    invitations.saveAndFlush(invitation);
    account.activate(passwords.encode(password), now);
    accounts.saveAndFlush(account);
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
    events.publishEvent(
        new InvitationAccepted(
            account.getId(),
            account.getContactId(),
            invitation.getId(),
            invitation.getOnboardingId()));
    return new Acceptance(
        account.getId(), account.getContactId(), invitation.getId(), invitation.getOnboardingId());
  }

  /** The live invitation behind a link, if any (the activation page's GET: consumes nothing). */
  @Transactional(readOnly = true)
  public Optional<InvitationView> findLive(String token) {
    return live(token).map(Invitation::view);
  }

  /**
   * The invitation behind a link whatever its state (used, cancelled…), if the link ever existed:
   * the activation page tells a second submit of a used link "already activated, sign in".
   */
  @Transactional(readOnly = true)
  public Optional<InvitationView> findByToken(String token) {
    if (!InvitationTokens.plausible(token)) {
      return Optional.empty();
    }
    return invitations.findByTokenHash(InvitationTokens.hash(token)).map(Invitation::view);
  }

  @Transactional(readOnly = true)
  public InvitationView get(long invitationId) {
    return find(invitationId).view();
  }

  /**
   * Whether this invitation replaced an earlier link (a resend, a new address, a bounce corrected,
   * another dossier's pending link): its mail then says that the earlier link no longer works.
   */
  @Transactional(readOnly = true)
  public boolean replacesEarlierLink(long invitationId) {
    return invitations.replacesAnother(invitationId);
  }

  /** Every invitation of one onboarding, the newest first. */
  @Transactional(readOnly = true)
  public List<InvitationView> forOnboarding(long onboardingId) {
    return invitations.findByOnboardingIdOrderByIdDesc(onboardingId).stream()
        .map(Invitation::view)
        .toList();
  }

  @Transactional(readOnly = true)
  public List<InvitationView> forAccount(long accountId) {
    return invitations.findByAccountIdOrderByIdDesc(accountId).stream()
        .map(Invitation::view)
        .toList();
  }

  @Transactional(readOnly = true)
  public Page<InvitationView> list(InvitationFilter filter, Pageable pageable) {
    var scope = scopes.current();
    Specification<Invitation> spec =
        (root, query, cb) -> {
          List<Predicate> where = new ArrayList<>();
          where.add(scope.dossierOrAccount(cb, root.get("dossierId"), root.get("accountId")));
          if (filter.status() != null) {
            where.add(cb.equal(root.get("status"), filter.status()));
          }
          if (Boolean.TRUE.equals(filter.pending())) {
            where.add(root.get("status").in(InvitationStatus.LIVE));
          }
          if (Boolean.TRUE.equals(filter.neverSent())) {
            where.add(cb.equal(root.get("status"), InvitationStatus.PENDING_SEND));
          }
          if (filter.emailInvalid() != null) {
            where.add(cb.equal(root.get("emailInvalid"), filter.emailInvalid()));
          }
          if (filter.accountId() != null) {
            where.add(cb.equal(root.get("accountId"), filter.accountId()));
          }
          if (filter.dossierId() != null) {
            where.add(cb.equal(root.get("dossierId"), filter.dossierId()));
          }
          return cb.and(where.toArray(Predicate[]::new));
        };
    return invitations.findAll(spec, pageable).map(Invitation::view);
  }

  /** Seed 002's "pending activation" tab. */
  @Transactional(readOnly = true)
  public Page<PendingActivation> pendingActivations(
      Boolean neverSent, Boolean emailInvalid, Pageable pageable) {
    return pending.find(neverSent, emailInvalid, scopes.current(), pageable);
  }

  // ---- inside ----

  private InvitationView close(
      long invitationId, InvitationStatus closing, String reason, ActivityType type, Actor actor) {
    Invitation invitation = find(invitationId);
    if (invitation.getStatus() == closing) {
      return invitation.view();
    }
    if (closing == InvitationStatus.CANCELLED
        && invitation.getStatus() == InvitationStatus.EXPIRED) {
      // an expired link may still be cancelled: the follow-up's "cancel" decision
    } else {
      requireLive(invitation);
    }
    invitation.close(closing, reason, clock.instant());
    invitations.saveAndFlush(invitation);
    activity.record(
        ActivityRecord.of(type, actor, invitation.getDossierId(), contactOf(invitation))
            .with("invitationId", invitationId)
            .with("reason", reason));
    return invitation.view();
  }

  /**
   * The invitation, read again under its account's lock: the client's acceptance takes the same
   * lock, so a "sent" or "reminded" update never races it.
   */
  private Invitation lockAccountOf(long invitationId) {
    Invitation invitation = find(invitationId);
    locks.lock("account-invitation", String.valueOf(invitation.getAccountId()));
    entityManager.refresh(invitation);
    return invitation;
  }

  private Optional<Invitation> live(String token) {
    if (!InvitationTokens.plausible(token)) {
      return Optional.empty();
    }
    return invitations
        .findByTokenHash(InvitationTokens.hash(token))
        .filter(i -> i.getStatus().live());
  }

  private long contactOf(Invitation invitation) {
    return accountService.find(invitation.getAccountId()).getContactId();
  }

  private Invitation find(long id) {
    return invitations
        .findById(id)
        .orElseThrow(
            () ->
                DomainException.notFound(
                    CommonErrors.INVITATION_NOT_FOUND, "No invitation has the id " + id + "."));
  }

  private static void requireLive(Invitation invitation) {
    if (!invitation.getStatus().live()) {
      throw notLive(invitation);
    }
  }

  private static DomainException notLive(Invitation invitation) {
    return DomainException.conflict(
        AccountErrors.INVITATION_NOT_LIVE,
        "Invitation "
            + invitation.getId()
            + " is "
            + invitation.getStatus()
            + ": its link is dead.");
  }

  private static DomainException unknownLink() {
    return DomainException.notFound(
        AccountErrors.INVITATION_LINK_UNKNOWN,
        "This invitation link is not valid (used, replaced, cancelled or unknown): ask the firm for"
            + " a new one.");
  }

  private static void checkPassword(String password, String email) {
    if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
      throw DomainException.invalid(
          CommonErrors.PASSWORD_TOO_SHORT,
          "password",
          "Choose a password of at least " + MIN_PASSWORD_LENGTH + " characters.");
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
