package io.passerelle.microsoft;

import io.passerelle.web.Links;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * The guest invitation of an onboarding's contact to the firm's Microsoft tenant (issue 23): sent
 * through Microsoft Graph, re-sent by the reminders, checked until the guest accepts; its state is
 * kept (guest_invitation) for the pages. No Graph call runs inside a database transaction; each
 * step is idempotent for the key its caller names.
 */
@Service
public class GuestInvitationService {

  private static final Logger LOG = LoggerFactory.getLogger(GuestInvitationService.class);

  /** What a check of the guest found. */
  public enum Check {
    PENDING,
    ACCEPTED,
    IDENTITY_MISMATCH,
    GUEST_REMOVED
  }

  /**
   * An invitation to send.
   *
   * @param requestKey the idempotency key of this attempt (a repeat with it sends nothing)
   * @param processInstanceKey the process instance that asked (its staff tasks are the
   *     onboarding's)
   */
  public record Invite(
      long onboardingId,
      long requestKey,
      long processInstanceKey,
      String email,
      String customMessage) {}

  private final GuestInvitationRepository invitations;
  private final GraphClient graph;
  private final MicrosoftProperties properties;
  private final Links links;
  private final Clock clock;

  GuestInvitationService(
      GuestInvitationRepository invitations,
      GraphClient graph,
      MicrosoftProperties properties,
      Links links,
      Clock clock) {
    this.invitations = invitations;
    this.graph = graph;
    this.properties = properties;
    this.links = links;
    this.clock = clock;
  }

  /**
   * Invites the contact unless already in the tenant (a member, or a guest who accepted).
   *
   * @return true when the contact is in the tenant already (nothing was sent)
   * @throws GraphException.Refused when Graph refuses the data (recorded FAILED first)
   */
  public boolean invite(Invite invite) {
    Optional<GuestInvitation> known = invitations.findById(invite.onboardingId());
    if (known.isPresent()
        && Long.valueOf(invite.requestKey()).equals(known.get().getRequestKey())
        && known.get().getStatus() != GuestInvitationStatus.FAILED) {
      return known.get().getStatus() == GuestInvitationStatus.ACCEPTED;
    }
    GuestInvitation invitation =
        known.orElseGet(() -> new GuestInvitation(invite.onboardingId(), clock.instant()));
    invitation.request(
        invite.requestKey(), invite.processInstanceKey(), invite.email(), clock.instant());
    Optional<GraphUser> found = graph.findUser(invite.email());
    if (found.isPresent() && found.get().inTenant()) {
      invitation.inTenant(found.get().id(), clock.instant());
      invitations.saveAndFlush(invitation);
      return true;
    }
    try {
      String id = graph.invite(invite.email(), redirectUrl(), invite.customMessage());
      invitation.sent(id, clock.instant());
      invitations.saveAndFlush(invitation);
      return false;
    } catch (GraphException.Refused e) {
      invitation.failed("INVITATION_REFUSED", e.getMessage(), null, clock.instant());
      invitations.saveAndFlush(invitation);
      throw e;
    }
  }

  /** Re-sends a pending invitation (reminder 1 or 2); once per reminder number. */
  public void resend(long onboardingId, int reminderNumber, String customMessage) {
    GuestInvitation invitation = find(onboardingId);
    if (invitation.getStatus() != GuestInvitationStatus.PENDING_ACCEPTANCE
        || invitation.getRemindersSent() >= reminderNumber) {
      return;
    }
    graph.invite(invitation.getInvitedEmail(), redirectUrl(), customMessage);
    invitation.reminded(reminderNumber, clock.instant());
    invitations.saveAndFlush(invitation);
  }

  /** A staff's resend within this time of the last sending sends nothing (a double click). */
  public static final Duration STAFF_RESEND_QUIET = Duration.ofMinutes(1);

  /**
   * The staff's "resend" while the guest has not accepted: {@code POST /invitations} again (Graph
   * mails the guest again). Outside any transaction; two at once or a second within {@link
   * #STAFF_RESEND_QUIET} send once (the row's version and sending time decide).
   *
   * @return true when sent, false when there was nothing to send or it went out moments ago
   * @throws GraphException when Graph did not send it (nothing recorded)
   */
  public boolean resendByStaff(long onboardingId, String customMessage) {
    Optional<GuestInvitation> known = invitations.findById(onboardingId);
    if (known.isEmpty() || known.get().getStatus() != GuestInvitationStatus.PENDING_ACCEPTANCE) {
      return false;
    }
    GuestInvitation invitation = known.get();
    Instant previous = invitation.getSentAt();
    // as PostgreSQL keeps it, so that the row read back after a failure compares equal
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    if (previous != null && previous.isAfter(now.minus(STAFF_RESEND_QUIET))) {
      return false;
    }
    invitation.resentByStaff(now);
    try {
      invitation = invitations.saveAndFlush(invitation);
    } catch (OptimisticLockingFailureException e) {
      return false; // another resend claimed it at the same moment
    }
    try {
      graph.invite(invitation.getInvitedEmail(), redirectUrl(), customMessage);
      return true;
    } catch (GraphException e) {
      GuestInvitation again = find(onboardingId);
      if (now.equals(again.getSentAt()) && previous != null) {
        again.resentByStaff(previous);
        invitations.saveAndFlush(again);
      }
      throw e;
    }
  }

  /** Reads the guest in the tenant; records an acceptance, a mismatch or a removal. */
  public Check check(long onboardingId) {
    GuestInvitation invitation = find(onboardingId);
    if (invitation.getStatus() == GuestInvitationStatus.ACCEPTED) {
      return Check.ACCEPTED;
    }
    Optional<GraphUser> user = graph.user(invitation.getGraphUserId());
    if (user.isEmpty()) {
      invitation.failed(
          "GUEST_REMOVED", "The guest is no longer in the firm's tenant.", null, clock.instant());
      invitations.saveAndFlush(invitation);
      return Check.GUEST_REMOVED;
    }
    if (!user.get().inTenant()) {
      return Check.PENDING;
    }
    if (!user.get().hasAddress(invitation.getInvitedEmail())) {
      invitation.failed(
          "IDENTITY_MISMATCH",
          "The guest accepted with another address than the contact's.",
          user.get().mail(),
          clock.instant());
      invitations.saveAndFlush(invitation);
      return Check.IDENTITY_MISMATCH;
    }
    invitation.accepted(clock.instant());
    invitations.saveAndFlush(invitation);
    return Check.ACCEPTED;
  }

  /** The staff kept the guest as it is: accepted. Idempotent. */
  public void acceptAsIs(long onboardingId) {
    GuestInvitation invitation = find(onboardingId);
    if (invitation.getStatus() != GuestInvitationStatus.ACCEPTED) {
      invitation.accepted(clock.instant());
      invitations.saveAndFlush(invitation);
    }
  }

  /** What cancelling an onboarding did to its guest invitation. */
  public enum Cancellation {
    /** Nothing pending: never sent, accepted (a member or a guest who redeemed), or failed. */
    NOTHING_PENDING,
    /** The pending guest was deleted from the tenant (or was gone already). */
    GUEST_DELETED,
    /** The guest redeemed meanwhile: kept in the tenant. */
    GUEST_KEPT,
    /** Graph could not be reached: recorded, retried by {@link #retryCancellations()}. */
    DELETION_DEFERRED
  }

  /** Failure code of a cancelled invitation whose pending guest was deleted (or gone). */
  public static final String GUEST_DELETED = "GUEST_DELETED";

  /** Failure code of a cancelled invitation whose guest had redeemed meanwhile (kept). */
  public static final String GUEST_KEPT = "GUEST_KEPT";

  /** Failure code of a cancelled invitation whose guest is still to delete (Graph unreachable). */
  public static final String GUEST_DELETION_PENDING = "GUEST_DELETION_PENDING";

  /**
   * The onboarding is cancelled: a guest Passerelle invited who has not redeemed is deleted from
   * the tenant ({@code DELETE /users/{id}}); never a member, a guest already in the tenant when
   * invited, nor one who redeemed (read again just before). The state becomes FAILED with the code
   * saying what happened. Idempotent (a 404 is done); a Graph outage does not throw: it is recorded
   * ({@link #GUEST_DELETION_PENDING}) and retried by {@link #retryCancellations()}.
   */
  public Cancellation cancel(long onboardingId) {
    Optional<GuestInvitation> known = invitations.findById(onboardingId);
    if (known.isEmpty() || !deletable(known.get())) {
      return Cancellation.NOTHING_PENDING;
    }
    GuestInvitation invitation = known.get();
    try {
      Optional<GraphUser> user = graph.user(invitation.getGraphUserId());
      if (user.isPresent() && user.get().inTenant()) {
        invitation.failed(
            GUEST_KEPT, "Cancelled after the guest redeemed: kept.", null, clock.instant());
        invitations.saveAndFlush(invitation);
        return Cancellation.GUEST_KEPT;
      }
      if (user.isPresent()) {
        graph.deleteUser(invitation.getGraphUserId());
      }
      invitation.failed(
          GUEST_DELETED, "Cancelled: the pending guest was deleted.", null, clock.instant());
      invitations.saveAndFlush(invitation);
      return Cancellation.GUEST_DELETED;
    } catch (GraphException e) {
      LOG.warn("Onboarding {}: pending guest not deleted yet: {}", onboardingId, e.getMessage());
      invitation.failed(GUEST_DELETION_PENDING, e.getMessage(), null, clock.instant());
      invitations.saveAndFlush(invitation);
      return Cancellation.DELETION_DEFERRED;
    }
  }

  /**
   * The onboarding is cancelled inside a transaction (no Graph call there): a pending guest is
   * marked {@link #GUEST_DELETION_PENDING}, deleted by the next {@link #retryCancellations()}.
   */
  public void cancelLater(long onboardingId) {
    invitations
        .findById(onboardingId)
        .filter(GuestInvitationService::deletable)
        .filter(invitation -> invitation.getStatus() == GuestInvitationStatus.PENDING_ACCEPTANCE)
        .ifPresent(
            invitation -> {
              invitation.failed(
                  GUEST_DELETION_PENDING,
                  "Cancelled: the pending guest is deleted at the next retry.",
                  null,
                  clock.instant());
              invitations.saveAndFlush(invitation);
            });
  }

  /** Retries the deletions Graph could not do at the cancellation (every 10 minutes). */
  @Scheduled(
      fixedDelayString = "${passerelle.microsoft.guest-deletion-retry:PT10M}",
      initialDelayString = "${passerelle.microsoft.guest-deletion-retry:PT10M}")
  public void retryCancellations() {
    for (long onboardingId : invitations.onboardingsWithFailure(GUEST_DELETION_PENDING)) {
      try {
        cancel(onboardingId);
      } catch (RuntimeException e) {
        LOG.warn("Onboarding {}: guest deletion retry failed: {}", onboardingId, e.getMessage());
      }
    }
  }

  private static boolean deletable(GuestInvitation invitation) {
    boolean pending =
        invitation.getStatus() == GuestInvitationStatus.PENDING_ACCEPTANCE
            || (invitation.getStatus() == GuestInvitationStatus.FAILED
                && GUEST_DELETION_PENDING.equals(invitation.getFailureCode()));
    return pending && !invitation.isAlreadyInTenant() && invitation.getGraphUserId() != null;
  }

  /** The onboarding's guest invitation; NOT_SENT when there is none. */
  public GuestInvitationView state(long onboardingId) {
    return invitations
        .findById(onboardingId)
        .map(GuestInvitation::view)
        .orElseGet(() -> GuestInvitationView.notSent(onboardingId));
  }

  /** The guest invitations of these onboardings (those that have one). */
  public Map<Long, GuestInvitationView> states(Collection<Long> onboardingIds) {
    if (onboardingIds.isEmpty()) {
      return Map.of();
    }
    List<GuestInvitation> found = invitations.findAllByIds(onboardingIds);
    return found.stream()
        .map(GuestInvitation::view)
        .collect(Collectors.toMap(GuestInvitationView::onboardingId, Function.identity()));
  }

  /** The onboarding whose guest invitation process this is, if any. */
  public Optional<Long> onboardingOfProcess(long processInstanceKey) {
    return invitations.onboardingOfProcess(processInstanceKey);
  }

  private GuestInvitation find(long onboardingId) {
    return invitations
        .findById(onboardingId)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "Onboarding " + onboardingId + " has no guest invitation: invite first"));
  }

  private URI redirectUrl() {
    return properties.inviteRedirectUrl() != null
        ? properties.inviteRedirectUrl()
        : URI.create(links.clientSignIn());
  }
}
