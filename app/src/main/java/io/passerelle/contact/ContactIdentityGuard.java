package io.passerelle.contact;

import io.passerelle.catalog.CatalogService;
import io.passerelle.domain.Actor;
import io.passerelle.domain.DomainException;
import io.passerelle.dossier.DossierErrors;
import io.passerelle.dossier.DossierService;
import io.passerelle.staff.StaffRole;
import io.passerelle.staff.StaffService;
import org.springframework.stereotype.Component;

/**
 * Who may change what of a contact: its identity (e-mail, type, organisational role, read-only
 * flag, reactivation) and its existence (deletion, deactivation) belong to the managers of every
 * dossier it is linked to, or the office administrator.
 */
@Component
class ContactIdentityGuard {

  private final DossierLinkRepository links;
  private final DossierService dossiers;
  private final StaffService staff;
  private final CatalogService catalog;

  ContactIdentityGuard(
      DossierLinkRepository links,
      DossierService dossiers,
      StaffService staff,
      CatalogService catalog) {
    this.links = links;
    this.dossiers = dossiers;
    this.staff = staff;
    this.catalog = catalog;
  }

  void requireManagerOfAllLinks(Contact contact, Actor actor, String what) {
    if (actor instanceof Actor.SystemActor || actor.isAdministrator()) {
      return;
    }
    if (!(actor instanceof Actor.Staff member)
        || staff.get(member.staffId()).role() == StaffRole.STAFF) {
      throw DomainException.forbidden(
          DossierErrors.MANAGER_OR_ADMINISTRATOR_ONLY,
          "Only the managers of the contact's dossiers or the office administrator may "
              + what
              + ".");
    }
    for (DossierLink link : links.findByContact(contact.getId())) {
      if (link.isLive()) {
        dossiers.requireExternalAccessManager(link.getDossierId(), actor);
      }
    }
  }

  /**
   * Who may change a contact's identity — its e-mail (its account's sign-in), its type, its
   * organisational role, its read-only flag — or reactivate it: the rule of deactivation, the
   * manager of every dossier the contact is linked to, or the office administrator (the system
   * actor carries a command authorised when it was accepted). Anyone else gets 403 {@code
   * CONTACT_IDENTITY_MANAGER_ONLY} naming who may.
   */
  void requireIdentityManager(Contact contact, Actor actor) {
    if (actor instanceof Actor.SystemActor || actor.isAdministrator()) {
      return;
    }
    var managers = new java.util.TreeSet<String>();
    boolean allowed =
        actor instanceof Actor.Staff member
            && staff.get(member.staffId()).role() != StaffRole.STAFF;
    for (DossierLink link : links.findByContact(contact.getId())) {
      if (link.isLive()) {
        var dossier = dossiers.summary(link.getDossierId());
        managers.add(dossier.managerUsername());
        if (!(actor instanceof Actor.Staff member && member.staffId() == dossier.managerId())) {
          allowed = false;
        }
      }
    }
    if (!allowed) {
      throw DomainException.forbidden(
          ContactErrors.CONTACT_IDENTITY_MANAGER_ONLY,
          "Only "
              + (managers.isEmpty()
                  ? "a manager"
                  : "the manager of every dossier this contact is linked to ("
                      + String.join(", ", managers)
                      + ")")
              + " or the office administrator may change this contact's e-mail address, type,"
              + " organisational role or read-only flag, reactivate it, or forget its kept"
              + " Microsoft identity.");
    }
  }

  /** Whether the changes touch what only {@link #requireIdentityManager} allows. */
  boolean changesIdentity(Contact contact, ContactChanges changes) {
    var current = contact.details();
    if (changes.email() != null && !changes.email().strip().equals(contact.getEmail())) {
      return true;
    }
    if (changes.subscriberType() != null && changes.subscriberType() != current.subscriberType()) {
      return true;
    }
    if (changes.advisorType() != null && changes.advisorType() != current.advisorType()) {
      return true;
    }
    if (changes.consultationOnly() != null
        && changes.consultationOnly() != current.consultationOnly()) {
      return true;
    }
    return changes.organisationalRoleCode() != null
        && !changes
            .organisationalRoleCode()
            .equals(catalog.role(current.organisationalRoleId()).code());
  }
}
