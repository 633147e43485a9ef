package io.passerelle.web.pages;

import io.passerelle.contact.ContactService;
import org.springframework.stereotype.Component;

/**
 * For the contact's page: whether the signed-in member may change the contact's identity (its
 * e-mail…), so the form shows only to those the service will let through. Templates call it as
 * {@code @identityRules}; the service decides again on submit.
 */
@Component("identityRules")
public class IdentityRules {

  private final ContactService contacts;
  private final StaffNav nav;

  IdentityRules(ContactService contacts, StaffNav nav) {
    this.contacts = contacts;
    this.nav = nav;
  }

  public boolean mayChange(long contactId) {
    var me = nav.me();
    return me != null && contacts.mayChangeIdentity(contactId, me.actor());
  }
}
