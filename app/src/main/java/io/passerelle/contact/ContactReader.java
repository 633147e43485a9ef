package io.passerelle.contact;

import io.passerelle.account.AccountService;
import io.passerelle.account.AccountStatus;
import io.passerelle.catalog.CatalogService;
import io.passerelle.catalog.RoleView;
import io.passerelle.domain.DomainException;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Finds contacts for the use cases (live ones, locked ones) and shows them as {@link ContactView}.
 */
@Component
class ContactReader {

  private final ContactRepository contacts;
  private final CatalogService catalog;
  private final AccountService accounts;

  ContactReader(ContactRepository contacts, CatalogService catalog, AccountService accounts) {
    this.contacts = contacts;
    this.catalog = catalog;
    this.accounts = accounts;
  }

  Contact findLive(long id) {
    Contact contact = find(id);
    if (contact.getStatus() != ContactStatus.ACTIVE) {
      throw DomainException.conflict(
          "CONTACT_INACTIVE",
          "This contact is " + contact.getStatus().name().toLowerCase(Locale.ROOT) + ".");
    }
    return contact;
  }

  /** {@link #findLive}, its row locked for the transaction (identity changes). */
  Contact findLiveForUpdate(long id) {
    contacts
        .findForUpdate(id)
        .orElseThrow(
            () ->
                DomainException.notFound("CONTACT_NOT_FOUND", "No contact has the id " + id + "."));
    return findLive(id);
  }

  Contact find(long id) {
    return contacts
        .findById(id)
        .orElseThrow(
            () ->
                DomainException.notFound("CONTACT_NOT_FOUND", "No contact has the id " + id + "."));
  }

  ContactView view(Contact contact) {
    var d = contact.details();
    RoleView role = catalog.role(d.organisationalRoleId());
    ContactView.Account account =
        accounts
            .forContact(contact.getId())
            .map(a -> new ContactView.Account(a.id(), a.status(), a.colour(), a.statusLabel()))
            .orElse(
                new ContactView.Account(
                    null,
                    AccountStatus.NOT_INVITED,
                    AccountStatus.NOT_INVITED.colour(),
                    AccountStatus.NOT_INVITED.label()));
    return new ContactView(
        contact.getId(),
        d.firstName(),
        d.lastName(),
        d.companyName(),
        d.nameComplement(),
        d.subscriberType(),
        d.advisorType(),
        contact.getEmail(),
        contact.isEmailInvalid(),
        d.phone(),
        new ContactView.Role(role.code(), role.label()),
        d.consultationOnly(),
        d.language(),
        contact.getStatus(),
        account,
        contact.getCreatedAt());
  }
}
