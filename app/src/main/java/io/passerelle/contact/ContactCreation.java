package io.passerelle.contact;

import io.passerelle.activity.ActivityRecord;
import io.passerelle.activity.ActivityService;
import io.passerelle.activity.ActivityType;
import io.passerelle.domain.Actor;
import io.passerelle.domain.EmailAddresses;
import io.passerelle.domain.Locks;
import java.time.Clock;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * A new contact: made by staff ({@link ContactService#create}), or by the journey's step, which
 * reuses the contact with that e-mail ({@link ContactService#createOrReuse}). One contact per
 * address whatever its case, under the address's lock.
 */
@Component
class ContactCreation {

  private final ContactRepository contacts;
  private final ContactReader reader;
  private final ContactRules rules;
  private final ContactLifecycle lifecycle;
  private final ActivityService activity;
  private final Locks locks;
  private final Clock clock;

  ContactCreation(
      ContactRepository contacts,
      ContactReader reader,
      ContactRules rules,
      ContactLifecycle lifecycle,
      ActivityService activity,
      Locks locks,
      Clock clock) {
    this.contacts = contacts;
    this.reader = reader;
    this.rules = rules;
    this.lifecycle = lifecycle;
    this.activity = activity;
    this.locks = locks;
    this.clock = clock;
  }

  ContactView create(NewContact request, Actor actor) {
    ContactRules.requireStaffOrSystem(actor, "create contacts");
    String email = EmailAddresses.require(request.email(), "email");
    Contact.ContactDetails details = rules.details(request);
    locks.lock("contact-email", EmailAddresses.comparable(email));
    contacts
        .findByEmailIgnoreCase(email)
        .ifPresent(
            existing -> {
              throw ContactRules.emailTaken(existing);
            });
    return reader.view(insert(details, email, actor));
  }

  ContactResult createOrReuse(NewContact request, Actor actor) {
    String email = EmailAddresses.require(request.email(), "email");
    locks.lock("contact-email", EmailAddresses.comparable(email));
    Optional<Contact> existing = contacts.findByEmailIgnoreCase(email);
    if (existing.isPresent()) {
      Contact contact = existing.get();
      if (actor instanceof Actor.Client) {
        ContactRules.refuseForClient(contact);
      }
      if (contact.getStatus() == ContactStatus.DEACTIVATED) {
        lifecycle.reactivate(contact, actor);
      }
      return new ContactResult(reader.view(contact), false);
    }
    Contact.ContactDetails details = rules.details(request);
    return new ContactResult(reader.view(insert(details, email, actor)), true);
  }

  void check(NewContact request) {
    EmailAddresses.require(request.email(), "email");
    rules.details(request);
  }

  private Contact insert(Contact.ContactDetails details, String email, Actor actor) {
    Contact contact = contacts.saveAndFlush(new Contact(details, email, clock.instant()));
    activity.record(
        ActivityRecord.of(ActivityType.CONTACT_CREATED, actor, null, contact.getId())
            .with("subscriberType", details.subscriberType().name()));
    return contact;
  }
}
