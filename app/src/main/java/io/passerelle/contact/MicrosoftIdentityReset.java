package io.passerelle.contact;

import io.passerelle.account.AccountService;
import io.passerelle.domain.Actor;
import org.springframework.stereotype.Component;

/**
 * Staff forget the Microsoft object id a client's account kept at its first Microsoft sign-in
 * (issue 23). A guest deleted from the firm's tenant and invited again gets a new object id, which
 * the sign-in refuses as another identity with the client's address; once forgotten, the next
 * Microsoft sign-in with the account's address keeps the new one. Who may: the contact's identity
 * managers (the manager of every dossier it is linked to, or the office administrator), as for its
 * e-mail address, which is the other half of that sign-in; one contact's identity changes run one
 * after the other on its row lock.
 */
@Component
class MicrosoftIdentityReset {

  private final ContactReader reader;
  private final ContactIdentityGuard guard;
  private final AccountService accounts;

  MicrosoftIdentityReset(
      ContactReader reader, ContactIdentityGuard guard, AccountService accounts) {
    this.reader = reader;
    this.guard = guard;
    this.accounts = accounts;
  }

  AccountService.MicrosoftIdentityCleared forget(long contactId, Actor actor) {
    ContactRules.requireStaffOrSystem(actor, "forget a client's Microsoft identity");
    Contact contact = reader.findLiveForUpdate(contactId);
    guard.requireIdentityManager(contact, actor);
    return accounts.forgetMicrosoftIdentity(contactId, actor);
  }
}
