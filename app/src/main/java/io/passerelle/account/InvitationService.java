package io.passerelle.account;

import io.passerelle.domain.Actor;
import io.passerelle.domain.PasswordPolicy;
import io.passerelle.staff.StaffScope;
import jakarta.persistence.criteria.Predicate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Invitations: issue, send, remind, supersede (resend), cancel, expire, extend, bounce, accept.
 * Every method is idempotent for the journey's at-least-once jobs: asking twice for what is already
 * done changes nothing and answers the same. At most one link per account is live; issuing for
 * another onboarding supersedes the older link (the account is what the client activates, and its
 * activation reaches every onboarding waiting for it).
 *
 * <p>The door the other features use; each use case has its own class: issuing ({@link
 * InvitationIssuing}), the link's life ({@link InvitationLifecycle}), the client's acceptance
 * ({@link InvitationAcceptance}). The reads are here.
 */
@Service
public class InvitationService {

  public static final int MIN_PASSWORD_LENGTH = PasswordPolicy.MIN_LENGTH;
  public static final int MAX_CUSTOM_MESSAGE = 2000;

  private final InvitationIssuing issuing;
  private final InvitationLifecycle lifecycle;
  private final InvitationAcceptance acceptance;
  private final InvitationFinder finder;
  private final MicrosoftSignIns microsoft;
  private final InvitationRepository invitations;
  private final InvitationTokens tokens;
  private final PendingActivations pending;
  private final StaffScope scopes;

  InvitationService(
      InvitationIssuing issuing,
      InvitationLifecycle lifecycle,
      InvitationAcceptance acceptance,
      InvitationFinder finder,
      MicrosoftSignIns microsoft,
      InvitationRepository invitations,
      InvitationTokens tokens,
      PendingActivations pending,
      StaffScope scopes) {
    this.issuing = issuing;
    this.lifecycle = lifecycle;
    this.acceptance = acceptance;
    this.finder = finder;
    this.microsoft = microsoft;
    this.invitations = invitations;
    this.tokens = tokens;
    this.pending = pending;
    this.scopes = scopes;
  }

  /**
   * Issues a link for the account (status PENDING_SEND; the account turns PENDING). With the same
   * onboarding id as the live link, returns that link unchanged ({@code created} false). An account
   * already ACTIVE gets no invitation ({@code ACCOUNT_ALREADY_ACTIVE}: send it the "new access"
   * notice instead); a DISABLED one neither ({@code ACCOUNT_DISABLED}).
   */
  @Transactional
  public IssuedInvitation issue(IssueInvitation command, Actor actor) {
    return issuing.issue(command, actor);
  }

  /**
   * The link of a live invitation, derived again from its nonce (for the mail, a reminder, a
   * retried send). Never stored. {@code INVITATION_NOT_LIVE} for a dead one.
   */
  @Transactional(readOnly = true)
  public String token(long invitationId) {
    Invitation invitation = finder.find(invitationId);
    InvitationFinder.requireLive(invitation);
    return tokens.token(invitation.getId(), invitation.getTokenNonce());
  }

  /** The invitation went out (PENDING_SEND → SENT). Already SENT: nothing changes. */
  @Transactional
  public InvitationView markSent(long invitationId, Actor actor) {
    return lifecycle.markSent(invitationId, actor);
  }

  /**
   * Reminder {@code number} (1, 2…) of a sent invitation: true when it is due now and recorded,
   * false when it was already recorded, or the link is no longer live, or its address is known to
   * be invalid — then no reminder goes out.
   */
  @Transactional
  public boolean recordReminder(long invitationId, int number, Actor actor) {
    return lifecycle.recordReminder(invitationId, number, actor);
  }

  /** Resend: the link dies (SUPERSEDED); the journey then issues a new one. Idempotent. */
  @Transactional
  public InvitationView supersede(long invitationId, Actor actor) {
    return lifecycle.supersede(invitationId, actor);
  }

  /**
   * Cancelled by staff (seed 002): the link dies, no more reminders; the account is back to NOT
   * INVITED. Idempotent.
   */
  @Transactional
  public InvitationView cancel(long invitationId, Actor actor) {
    return lifecycle.cancel(invitationId, actor);
  }

  /**
   * An onboarding was cancelled and none of the account's links lives any more (cancelled now, or
   * dead before: bounced, expired, superseded): the account is back to NOT INVITED, not left
   * "activation en attente" with no link out. An active or disabled account is left as it is.
   */
  @Transactional
  public void releaseAccount(long accountId) {
    lifecycle.releaseAccount(accountId);
  }

  /** The reminder policy's expiry came: the link dies (EXPIRED); the account stays PENDING. */
  @Transactional
  public InvitationView expire(long invitationId, Actor actor) {
    return lifecycle.expire(invitationId, actor);
  }

  /**
   * The manager chose to extend (follow-up task): the same link lives on until now + {@code
   * validity}, an expired one comes back to life. Accepted, cancelled, superseded or bounced links
   * stay dead ({@code INVITATION_NOT_LIVE}).
   */
  @Transactional
  public InvitationView extend(long invitationId, Duration validity, Actor actor) {
    return lifecycle.extend(invitationId, validity, actor);
  }

  /**
   * The mail server refused the address: BOUNCED, flagged invalid (no reminder goes to it), and the
   * contact is flagged through {@link InvitationBounced}. Idempotent.
   */
  @Transactional
  public InvitationView markBounced(long invitationId, Actor actor) {
    return lifecycle.markBounced(invitationId, actor);
  }

  /**
   * The client used the link and chose a password: the invitation is ACCEPTED, the account ACTIVE
   * (its password hashed), and {@link InvitationAccepted} is published. A used, dead, expired or
   * unknown link is refused with the same code for unknown and malformed tokens.
   */
  @Transactional
  public Acceptance accept(String token, String password) {
    return acceptance.accept(token, password);
  }

  /**
   * A client signed in with Microsoft (issue 23): the account with this object id, else this
   * address, signs in; the first sign-in of a Microsoft account awaiting activation, through its
   * live invitation, activates it as {@link #accept} does, without a password. Idempotent: the same
   * sign-in again only signs in.
   */
  @Transactional
  public MicrosoftSignIn signInWithMicrosoft(MicrosoftIdentity identity) {
    return microsoft.signIn(identity);
  }

  /** The live invitation behind a link, if any (the activation page's GET: consumes nothing). */
  @Transactional(readOnly = true)
  public Optional<InvitationView> findLive(String token) {
    return finder.live(token).map(Invitation::view);
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
    return finder.find(invitationId).view();
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
}
