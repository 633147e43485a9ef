package io.passerelle.account.web;

import io.passerelle.account.AccountService;
import io.passerelle.account.AccountStatus;
import io.passerelle.account.AccountView;
import io.passerelle.account.InvitationFilter;
import io.passerelle.account.InvitationService;
import io.passerelle.account.InvitationStatus;
import io.passerelle.account.InvitationView;
import io.passerelle.account.PendingActivation;
import io.passerelle.staff.ScopedResources;
import io.passerelle.web.ApiPaging;
import java.util.List;
import java.util.Set;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.web.PageableDefault;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/accounts} and {@code /api/invitations}: read-only for staff. Invitations are issued,
 * resent and cancelled by the onboarding journey, which calls {@link InvitationService}.
 */
@RestController
class AccountController {

  private static final Set<String> ACCOUNT_SORTABLE = Set.of("email", "createdAt", "status", "id");
  private static final Set<String> INVITATION_SORTABLE =
      Set.of("createdAt", "sentAt", "expiresAt", "status", "id");

  private final AccountService accounts;
  private final InvitationService invitations;
  private final ScopedResources scoped;

  AccountController(
      AccountService accounts, InvitationService invitations, ScopedResources scoped) {
    this.accounts = accounts;
    this.invitations = invitations;
    this.scoped = scoped;
  }

  @GetMapping("/api/accounts")
  Page<AccountView> accounts(
      @RequestParam(required = false) AccountStatus status,
      @RequestParam(required = false) String q,
      @PageableDefault(sort = "email") Pageable pageable) {
    return accounts.list(status, q, ApiPaging.check(pageable, ACCOUNT_SORTABLE));
  }

  @GetMapping("/api/accounts/{id}")
  AccountView account(@PathVariable long id) {
    return accounts.get(id);
  }

  @GetMapping("/api/accounts/{id}/invitations")
  List<InvitationView> accountInvitations(@PathVariable long id) {
    accounts.get(id);
    return scoped.keepVisible(invitations.forAccount(id), InvitationView::dossierId);
  }

  /**
   * Invitations; {@code pending=true}: live ones; {@code neverSent=true}: issued but never sent;
   * {@code emailInvalid=true}: bounced addresses. Sort by {@code sentAt}, {@code createdAt}…
   */
  @GetMapping("/api/invitations")
  Page<InvitationView> invitations(
      @RequestParam(required = false) InvitationStatus status,
      @RequestParam(required = false) Boolean pending,
      @RequestParam(required = false) Boolean neverSent,
      @RequestParam(required = false) Boolean emailInvalid,
      @RequestParam(required = false) Long accountId,
      @RequestParam(required = false) Long dossierId,
      @PageableDefault(sort = "createdAt", direction = Sort.Direction.DESC) Pageable pageable) {
    return invitations.list(
        new InvitationFilter(status, pending, neverSent, emailInvalid, accountId, dossierId),
        ApiPaging.check(pageable, INVITATION_SORTABLE));
  }

  /**
   * Seed 002's "pending activation" tab: live invitations with the person, their dossiers, when the
   * invitation was sent (sort {@code sentAt,asc}: never sent first) and who invited.
   */
  @GetMapping("/api/invitations/pending")
  Page<PendingActivation> pending(
      @RequestParam(required = false) Boolean neverSent,
      @RequestParam(required = false) Boolean emailInvalid,
      @PageableDefault(sort = "sentAt") Pageable pageable) {
    return invitations.pendingActivations(neverSent, emailInvalid, pageable);
  }

  @GetMapping("/api/invitations/{id}")
  InvitationView invitation(@PathVariable long id) {
    return invitations.get(id);
  }
}
