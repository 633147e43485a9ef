package io.passerelle.onboarding.web;

import io.passerelle.account.InvitationService;
import io.passerelle.account.InvitationView;
import io.passerelle.contact.AccessLevel;
import io.passerelle.contact.NewContactRequest;
import io.passerelle.domain.DomainException;
import io.passerelle.engine.EngineException;
import io.passerelle.engine.InstanceState;
import io.passerelle.engine.ProcessEngine;
import io.passerelle.onboarding.OnboardingErrors;
import io.passerelle.onboarding.OnboardingFilter;
import io.passerelle.onboarding.OnboardingService;
import io.passerelle.onboarding.OnboardingStatus;
import io.passerelle.onboarding.OnboardingView;
import io.passerelle.onboarding.ProposeCollaborativeService;
import io.passerelle.staff.ScopedResources;
import io.passerelle.staff.StaffPrincipal;
import io.passerelle.web.ApiPaging;
import io.passerelle.web.PlainText;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.web.PageableDefault;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/onboardings}: "propose a collaborative service" starts a client onboarding (202: it
 * runs in the engine); send the invitation now, resend, cancel. Also the pending-activation tab's
 * batch actions on invitations (seed 002: select several, resend or cancel).
 */
@RestController
class OnboardingController {

  private final ScopedResources scoped;

  private static final Set<String> SORTABLE = Set.of("createdAt", "status", "id");

  private final OnboardingService onboardings;
  private final InvitationService invitations;
  private final ProcessEngine engine;
  private final TransactionTemplate eachItem;

  OnboardingController(
      OnboardingService onboardings,
      InvitationService invitations,
      ProcessEngine engine,
      ScopedResources scoped,
      PlatformTransactionManager transactions) {
    this.scoped = scoped;
    this.onboardings = onboardings;
    this.invitations = invitations;
    this.engine = engine;
    // Each item of a batch in a transaction of its own: a refused item (a DomainException out of a
    // @Transactional service) marks its own transaction rollback-only, not the request's — with
    // an Idempotency-Key the whole request runs in the key's transaction (web.IdempotencyFilter),
    // which a refusal inside used to doom (500, the valid items rolled back).
    this.eachItem = new TransactionTemplate(transactions);
    this.eachItem.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /**
   * Proposes an offer to a contact (existing, or new: reused by e-mail) for a dossier and starts
   * its onboarding: 202 Accepted with the onboarding, which the engine carries on. Send an {@code
   * Idempotency-Key} to make a retry harmless.
   */
  @PostMapping("/api/onboardings")
  ResponseEntity<OnboardingView> propose(
      @Valid @RequestBody ProposeRequest request, @AuthenticationPrincipal StaffPrincipal me) {
    OnboardingView onboarding = onboardings.propose(request.command(), me.actor());
    return ResponseEntity.accepted()
        .location(URI.create("/api/onboardings/" + onboarding.id()))
        .body(onboarding);
  }

  @GetMapping("/api/onboardings")
  Page<OnboardingView> list(
      @RequestParam(required = false) Long dossierId,
      @RequestParam(required = false) Long contactId,
      @RequestParam(required = false) OnboardingStatus status,
      @RequestParam(required = false) String offerCode,
      @RequestParam(required = false) Long bulkId,
      @PageableDefault(sort = "createdAt", direction = Sort.Direction.DESC) Pageable pageable) {
    return onboardings.list(
        new OnboardingFilter(dossierId, contactId, status, offerCode, bulkId),
        ApiPaging.check(pageable, SORTABLE));
  }

  /** The onboarding, its invitations (newest first) and where its process instances stand. */
  @GetMapping("/api/onboardings/{id}")
  OnboardingDetail get(@PathVariable long id) {
    OnboardingView onboarding = onboardings.get(id);
    return new OnboardingDetail(
        onboarding,
        invitations.forOnboarding(id),
        state(onboarding.processInstanceKey()),
        state(onboarding.invitationProcessKey()));
  }

  @PostMapping("/api/onboardings/{id}/send-now")
  ResponseEntity<OnboardingView> sendNow(
      @PathVariable long id, @AuthenticationPrincipal StaffPrincipal me) {
    return ResponseEntity.accepted().body(onboardings.sendNow(id, me.actor()));
  }

  @PostMapping("/api/onboardings/{id}/resend")
  ResponseEntity<OnboardingView> resend(
      @PathVariable long id, @AuthenticationPrincipal StaffPrincipal me) {
    return ResponseEntity.accepted().body(onboardings.resend(id, me.actor()));
  }

  @PostMapping("/api/onboardings/{id}/cancellation")
  ResponseEntity<OnboardingView> cancel(
      @PathVariable long id, @AuthenticationPrincipal StaffPrincipal me) {
    return ResponseEntity.accepted().body(onboardings.cancel(id, me.actor()));
  }

  /**
   * A bounce reported by the mail system after the SMTP server had accepted the invitation (a
   * delivery status notification): the journey marks it BOUNCED and asks for a corrected address.
   */
  @PostMapping("/api/invitations/{id}/bounce")
  ResponseEntity<OnboardingView> bounce(
      @PathVariable long id, @AuthenticationPrincipal StaffPrincipal me) {
    return ResponseEntity.accepted().body(onboardings.reportBounce(id, me.actor()));
  }

  /**
   * Seed 002's "resend to selected": each invitation's onboarding resends (or sends a kept
   * invitation now), and each onboarding named by {@code onboardingIds} (the list's lines of
   * Microsoft offers waiting for the guest's acceptance, which have no invitation yet: their guest
   * invitation goes out again) resends; the answer says, per item, what happened.
   */
  @PostMapping("/api/invitations/resend")
  List<BatchOutcome> resendInvitations(
      @Valid @RequestBody InvitationSelection selection,
      @AuthenticationPrincipal StaffPrincipal me) {
    return batch(selection, me, true);
  }

  /**
   * Seed 002's "cancel the selected invitations": their links die, no more reminders; an onboarding
   * named by {@code onboardingIds} is cancelled (a pending Microsoft guest is deleted from the
   * firm's tenant).
   */
  @PostMapping("/api/invitations/cancellation")
  List<BatchOutcome> cancelInvitations(
      @Valid @RequestBody InvitationSelection selection,
      @AuthenticationPrincipal StaffPrincipal me) {
    return batch(selection, me, false);
  }

  private List<BatchOutcome> batch(
      InvitationSelection selection, StaffPrincipal me, boolean resend) {
    selection.check();
    List<BatchOutcome> outcomes = new ArrayList<>();
    for (long invitationId : selection.invitations()) {
      try {
        outcomes.add(eachItem.execute(status -> item(invitationId, me, resend)));
      } catch (DomainException e) {
        outcomes.add(new BatchOutcome(invitationId, null, "REFUSED", e.code(), e.getMessage()));
      }
    }
    for (long onboardingId : selection.onboardings()) {
      try {
        outcomes.add(isolated(() -> onboardingItem(onboardingId, me, resend)));
      } catch (DomainException e) {
        outcomes.add(new BatchOutcome(null, onboardingId, "REFUSED", e.code(), e.getMessage()));
      }
    }
    return outcomes;
  }

  private BatchOutcome item(long invitationId, StaffPrincipal me, boolean resend) {
    // one outside the member's dossiers is refused as unknown, naming nothing
    scoped.requireVisible(ScopedResources.Kind.INVITATION, invitationId);
    InvitationView invitation = invitations.get(invitationId);
    if (invitation.onboardingId() == null) {
      throw DomainException.conflict(
          OnboardingErrors.NOT_AN_ONBOARDING,
          "This invitation was not sent by an onboarding: nothing to "
              + (resend ? "resend" : "cancel")
              + " here.");
    }
    if (resend) {
      onboardings.resend(invitation.onboardingId(), me.actor());
    } else {
      onboardings.cancel(invitation.onboardingId(), me.actor());
    }
    return new BatchOutcome(
        invitationId, invitation.onboardingId(), resend ? "RESENT" : "CANCELLED", null, null);
  }

  private BatchOutcome onboardingItem(long onboardingId, StaffPrincipal me, boolean resend) {
    // one outside the member's dossiers is refused as unknown, naming nothing
    scoped.requireVisible(ScopedResources.Kind.ONBOARDING, onboardingId);
    if (resend) {
      onboardings.resend(onboardingId, me.actor());
    } else {
      onboardings.cancel(onboardingId, me.actor());
    }
    return new BatchOutcome(null, onboardingId, resend ? "RESENT" : "CANCELLED", null, null);
  }

  /**
   * An onboarding's item in a transaction of its own when the request has one (an Idempotency-Key:
   * a refusal must not doom it, as for the invitations); otherwise in none, so that a guest resend
   * calls Microsoft Graph outside any transaction ({@code GuestResends}).
   */
  private BatchOutcome isolated(Supplier<BatchOutcome> item) {
    return TransactionSynchronizationManager.isActualTransactionActive()
        ? eachItem.execute(status -> item.get())
        : item.get();
  }

  private InstanceState state(Long processInstanceKey) {
    if (processInstanceKey == null) {
      return null;
    }
    try {
      return engine.instanceState(processInstanceKey);
    } catch (EngineException e) {
      return null;
    }
  }

  /** An onboarding with its invitations and where its process instances stand (null: unknown). */
  record OnboardingDetail(
      OnboardingView onboarding,
      List<InvitationView> invitations,
      InstanceState onboardingProcess,
      InstanceState invitationProcess) {}

  /**
   * The lines selected on the pending-activation list: invitations by id, and the onboardings of
   * Microsoft offers that wait for the guest's acceptance (no invitation yet) by onboarding id. At
   * least one, at most {@value #MAX} in all; an onboarding named twice is acted on once.
   */
  record InvitationSelection(
      @Size(max = MAX) List<@NotNull Long> invitationIds,
      @Size(max = MAX) List<@NotNull Long> onboardingIds) {

    static final int MAX = 500;

    List<Long> invitations() {
      return invitationIds == null ? List.of() : invitationIds;
    }

    List<Long> onboardings() {
      return onboardingIds == null ? List.of() : onboardingIds.stream().distinct().toList();
    }

    void check() {
      int selected = invitations().size() + onboardings().size();
      if (selected == 0) {
        throw DomainException.invalid(
            OnboardingErrors.NOTHING_SELECTED,
            "invitationIds",
            "Select at least one line: invitationIds, onboardingIds (the lines waiting for the"
                + " Microsoft guest's acceptance), or both.");
      }
      if (selected > MAX) {
        throw DomainException.invalid(
            OnboardingErrors.TOO_MANY,
            "onboardingIds",
            "At most " + MAX + " lines at once (invitationIds and onboardingIds together).");
      }
    }
  }

  /**
   * What a batch action did for one line: an invitation ({@code invitationId}, with its onboarding)
   * or an onboarding named by id ({@code invitationId} null).
   */
  record BatchOutcome(
      Long invitationId, Long onboardingId, String outcome, String code, String message) {}

  /**
   * @param contactId an existing contact, or null with {@code contact}
   * @param contact a new contact's details, or null with {@code contactId}
   * @param sendNow default true; false keeps the invitation until "send-now"
   */
  record ProposeRequest(
      @NotNull Long dossierId,
      Long contactId,
      @Valid NewContactRequest contact,
      @Size(max = 100) @PlainText String limitedTo,
      AccessLevel accessLevel,
      Boolean holder,
      @NotBlank @Size(max = 40) String offerCode,
      @Size(max = 2000) String customMessage,
      Boolean sendNow) {

    ProposeCollaborativeService command() {
      return new ProposeCollaborativeService(
          dossierId,
          contactId,
          contact == null ? null : contact.command(),
          limitedTo,
          accessLevel,
          Boolean.TRUE.equals(holder),
          offerCode,
          customMessage,
          !Boolean.FALSE.equals(sendNow));
    }
  }
}
