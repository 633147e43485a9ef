package io.passerelle.contact.web;

import io.passerelle.contact.ContactService;
import io.passerelle.staff.StaffPrincipal;
import org.springframework.stereotype.Component;

/**
 * For the contact's page: whether the signed-in member may change the contact's identity (its
 * e-mail…), so the form shows only to those the service will let through. Templates call it as
 * {@code @identityRules}; the service decides again on submit.
 */
@Component("identityRules")
public class IdentityRules {

  private final ContactService contacts;

  IdentityRules(ContactService contacts) {
    this.contacts = contacts;
  }

  public boolean mayChange(long contactId) {
    var me = StaffPrincipal.current();
    return me != null && contacts.mayChangeIdentity(contactId, me.actor());
  }
}
