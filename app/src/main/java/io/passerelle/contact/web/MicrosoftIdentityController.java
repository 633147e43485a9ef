package io.passerelle.contact.web;

import io.passerelle.account.AccountService;
import io.passerelle.contact.ContactService;
import io.passerelle.staff.ScopedResources;
import io.passerelle.staff.StaffPrincipal;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code DELETE /api/accounts/{id}/microsoft-identity}, beside the account's {@code GET}s (issue
 * 23): forgets the Microsoft object id the account kept, so that the client's next Microsoft
 * sign-in keeps their new one (a guest deleted and invited again in the firm's tenant). Here rather
 * than in the account feature because who may is the contact's rule ({@link
 * ContactService#forgetMicrosoftIdentity}).
 */
@RestController
class MicrosoftIdentityController {

  private final AccountService accounts;
  private final ContactService contacts;
  private final ScopedResources scoped;

  MicrosoftIdentityController(
      AccountService accounts, ContactService contacts, ScopedResources scoped) {
    this.accounts = accounts;
    this.contacts = contacts;
    this.scoped = scoped;
  }

  /**
   * 200 with the account after it and {@code cleared} (false: none was kept, nothing changed: the
   * same request twice clears once). An account the reader does not see is the 404 of an unknown
   * one; one they see but whose contact's identity is not theirs to change is 403 {@code
   * CONTACT_IDENTITY_MANAGER_ONLY}.
   */
  @DeleteMapping("/api/accounts/{id}/microsoft-identity")
  AccountService.MicrosoftIdentityCleared forget(
      @PathVariable long id, @AuthenticationPrincipal StaffPrincipal me) {
    scoped.requireVisible(ScopedResources.Kind.ACCOUNT, id);
    return contacts.forgetMicrosoftIdentity(accounts.get(id).contactId(), me.actor());
  }
}
