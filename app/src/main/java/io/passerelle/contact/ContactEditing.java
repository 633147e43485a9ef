package io.passerelle.contact;

import io.passerelle.activity.ActivityRecord;
import io.passerelle.activity.ActivityService;
import io.passerelle.activity.ActivityType;
import io.passerelle.catalog.CatalogService;
import io.passerelle.domain.Actor;
import java.time.Clock;
import org.springframework.stereotype.Component;

/**
 * Changes a contact's details in one transaction ({@link ContactService#change}): what touches its
 * identity is checked by {@link ContactIdentityGuard} first, the rest stays open to the staff; a
 * new e-mail goes through {@link EmailChanges}.
 */
@Component
class ContactEditing {

  private final ContactRepository contacts;
  private final ContactReader reader;
  private final ContactRules rules;
  private final ContactIdentityGuard guard;
  private final EmailChanges emails;
  private final CatalogService catalog;
  private final ActivityService activity;
  private final Clock clock;

  ContactEditing(
      ContactRepository contacts,
      ContactReader reader,
      ContactRules rules,
      ContactIdentityGuard guard,
      EmailChanges emails,
      CatalogService catalog,
      ActivityService activity,
      Clock clock) {
    this.contacts = contacts;
    this.reader = reader;
    this.rules = rules;
    this.guard = guard;
    this.emails = emails;
    this.catalog = catalog;
    this.activity = activity;
    this.clock = clock;
  }

  ContactService.Changed change(long id, ContactChanges changes, Actor actor) {
    ContactRules.requireStaffOrSystem(actor, "change contacts");
    Contact contact = reader.findLiveForUpdate(id);
    if (guard.changesIdentity(contact, changes)) {
      guard.requireIdentityManager(contact, actor);
    }
    Contact.ContactDetails details = rules.details(merged(contact, changes));
    contact.describe(details, clock.instant());
    contacts.saveAndFlush(contact);
    activity.record(ActivityRecord.of(ActivityType.CONTACT_UPDATED, actor, null, id));
    ContactEmailChanged emailChange = null;
    if (changes.email() != null) {
      emailChange = emails.changeEmail(id, changes.email(), actor);
    }
    return new ContactService.Changed(reader.view(contact), emailChange);
  }

  /** The contact's details with the changes over them (its e-mail as it is: changed apart). */
  private NewContact merged(Contact contact, ContactChanges changes) {
    var current = contact.details();
    String roleCode =
        changes.organisationalRoleCode() != null
            ? changes.organisationalRoleCode()
            : catalog.role(current.organisationalRoleId()).code();
    return new NewContact(
        or(changes.firstName(), current.firstName()),
        or(changes.lastName(), current.lastName()),
        or(changes.companyName(), current.companyName()),
        or(changes.nameComplement(), current.nameComplement()),
        changes.subscriberType() != null ? changes.subscriberType() : current.subscriberType(),
        changes.subscriberType() != null || changes.advisorType() != null
            ? changes.advisorType()
            : current.advisorType(),
        contact.getEmail(),
        or(changes.phone(), current.phone()),
        roleCode,
        changes.consultationOnly() != null
            ? changes.consultationOnly()
            : current.consultationOnly(),
        changes.language() != null ? changes.language() : current.language());
  }

  private static String or(String change, String current) {
    return change != null ? change : current;
  }
}
