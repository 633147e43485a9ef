package io.passerelle.onboarding;

import io.passerelle.domain.Actor;
import io.passerelle.domain.CommonErrors;
import io.passerelle.domain.DomainException;
import io.passerelle.staff.StaffScope;
import jakarta.persistence.criteria.Predicate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The journey's door for the other features and the web: propose a collaborative service (which
 * starts {@code Process_ClientOnboarding}), send a kept invitation now, resend, cancel, and read
 * onboardings. Each use case has its own class: a proposal by the firm ({@link StaffProposal}) or
 * by a client ({@link ClientProposal}), both recorded and started by {@link OnboardingRequests};
 * the commands on a running journey ({@link JourneyCommands}). The request is checked here, at
 * once, with the same rules the steps apply later, so that a person gets a clear answer instead of
 * a process that ends "rejected" a second later; the process still handles a rule that fails later
 * (an offer withdrawn from the catalogue in between, say).
 *
 * <p>Nothing talks to the engine inside a transaction that may still roll back: the process is
 * started after the commit ({@link OnboardingStarter}, the STARTING row being the durable order),
 * and messages are written to the engine command outbox in the command's transaction and relayed
 * after its commit ({@link JourneyMessages}). The one exception: a resend while the follow-up task
 * is open completes that task at once, because the engine's answer decides the reply (a task
 * completed meanwhile elsewhere is a 409); an engine down then is a 503 and nothing is recorded.
 */
@Service
public class OnboardingService {

  static final EnumSet<OnboardingStatus> RUNNING =
      EnumSet.of(OnboardingStatus.STARTING, OnboardingStatus.IN_PROGRESS);

  private final OnboardingRepository onboardings;
  private final StaffProposal staffProposal;
  private final ClientProposal clientProposal;
  private final JourneyCommands commands;
  private final StaffScope scopes;
  private final GuestResends guestResends;
  private final TransactionTemplate tx;

  OnboardingService(
      OnboardingRepository onboardings,
      StaffProposal staffProposal,
      ClientProposal clientProposal,
      JourneyCommands commands,
      StaffScope scopes,
      GuestResends guestResends,
      PlatformTransactionManager transactions) {
    this.guestResends = guestResends;
    this.tx = new TransactionTemplate(transactions);
    this.onboardings = onboardings;
    this.staffProposal = staffProposal;
    this.clientProposal = clientProposal;
    this.commands = commands;
    this.scopes = scopes;
  }

  /**
   * Proposes the offer to the contact for the dossier and starts the onboarding. Staff: the
   * dossier's manager or the office administrator (seed 003). A client: an active holder inviting a
   * family member or an employee, at most at their own level (seeds 003 and 004); their contact and
   * link are made now, under those rules.
   */
  @Transactional
  public OnboardingView propose(ProposeCollaborativeService command, Actor actor) {
    return switch (actor) {
      case Actor.Staff staff -> staffProposal.propose(command, staff);
      case Actor.Client client -> clientProposal.propose(command, client);
      case Actor.SystemActor ignored ->
          throw new IllegalArgumentException("the system proposes through a bulk invitation");
    };
  }

  /**
   * One item of a bulk invitation: an existing contact, linked to the dossier already, invited by
   * the staff member who started the bulk. Idempotent per item: the item's onboarding is returned
   * when it exists.
   */
  @Transactional
  OnboardingView proposeForBulkItem(
      long bulkItemId,
      long dossierId,
      long contactId,
      String offerCode,
      String customMessage,
      long staffId) {
    return staffProposal.forBulkItem(
        bulkItemId, dossierId, contactId, offerCode, customMessage, staffId);
  }

  @Transactional(readOnly = true)
  public OnboardingView get(long id) {
    return find(onboardings, id).view();
  }

  @Transactional(readOnly = true)
  public Optional<OnboardingView> byInvitationProcess(long invitationProcessKey) {
    return onboardings.findByInvitationProcessKey(invitationProcessKey).map(Onboarding::view);
  }

  @Transactional(readOnly = true)
  public Optional<OnboardingView> byProcessInstance(long processInstanceKey) {
    return onboardings.findByProcessInstanceKey(processInstanceKey).map(Onboarding::view);
  }

  @Transactional(readOnly = true)
  public Page<OnboardingView> list(OnboardingFilter filter, Pageable pageable) {
    var scope = scopes.current();
    Specification<Onboarding> spec =
        (root, query, cb) -> {
          List<Predicate> where = new ArrayList<>();
          where.add(scope.dossier(cb, root.get("dossierId")));
          if (filter.dossierId() != null) {
            where.add(cb.equal(root.get("dossierId"), filter.dossierId()));
          }
          if (filter.contactId() != null) {
            where.add(cb.equal(root.get("contactId"), filter.contactId()));
          }
          if (filter.status() != null) {
            where.add(cb.equal(root.get("status"), filter.status()));
          }
          if (filter.offerCode() != null && !filter.offerCode().isBlank()) {
            where.add(cb.equal(root.get("offerCode"), filter.offerCode()));
          }
          if (filter.bulkId() != null) {
            var items = query.subquery(Long.class);
            var item = items.from(BulkInvitationItem.class);
            items.select(item.get("id")).where(cb.equal(item.get("bulkId"), filter.bulkId()));
            where.add(root.get("bulkItemId").in(items));
          }
          return cb.and(where.toArray(Predicate[]::new));
        };
    return onboardings.findAll(spec, pageable).map(Onboarding::view);
  }

  /**
   * "Send the invitation now" for an onboarding proposed with "send later" (seed 002: access
   * granted, invitation not sent). Asking again changes nothing: the order is given once.
   */
  @Transactional
  public OnboardingView sendNow(long onboardingId, Actor actor) {
    return commands.sendNow(onboardingId, actor);
  }

  /**
   * Resends the invitation (seeds 000 and 002): a new link goes out, the old one dies, and the
   * reminder schedule restarts from now. While the stalled-activation follow-up task is open, this
   * is that task's "resend" decision; an invitation kept for later is sent now. Resending the same
   * pending invitation twice sends one new link, and a resend within a minute of a resent link's
   * issue changes nothing (a double click that arrives after the new link is out). While the
   * journey waits for the client to accept the firm's Microsoft guest invitation (no service
   * invitation yet), the guest invitation goes out again instead ({@link GuestResends}, a Graph
   * call outside any transaction); the rest runs in one transaction.
   */
  public OnboardingView resend(long onboardingId, Actor actor) {
    return guestResends
        .resendIfWaitingForGuest(onboardingId, actor)
        .orElseGet(() -> tx.execute(status -> commands.resend(onboardingId, actor)));
  }

  /**
   * Cancels the onboarding's invitation (seed 002: "the user can no longer sign in with the link"):
   * the live link dies at once, no reminder follows, and the process ends "cancelled" (a follow-up
   * or correction task still open is withdrawn). An onboarding already ended stays as it is;
   * cancelling twice changes nothing.
   */
  @Transactional
  public OnboardingView cancel(long onboardingId, Actor actor) {
    return commands.cancel(onboardingId, actor);
  }

  /**
   * The mail system reports that an invitation bounced (a delivery status notification that came
   * after the SMTP server had accepted the mail): the journey marks it BOUNCED, sends no more
   * reminders to that address and asks the dossier's manager to correct it. Reporting it twice
   * changes nothing.
   */
  @Transactional
  public OnboardingView reportBounce(long invitationId, Actor actor) {
    return commands.reportBounce(invitationId, actor);
  }

  static Onboarding find(OnboardingRepository onboardings, long id) {
    return onboardings
        .findById(id)
        .orElseThrow(
            () ->
                DomainException.notFound(
                    CommonErrors.ONBOARDING_NOT_FOUND, "No onboarding has the id " + id + "."));
  }
}
