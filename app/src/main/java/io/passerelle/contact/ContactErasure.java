package io.passerelle.contact;

import io.passerelle.account.AccountService;
import io.passerelle.account.AccountView;
import io.passerelle.activity.ActivityRecord;
import io.passerelle.activity.ActivityService;
import io.passerelle.activity.ActivityType;
import io.passerelle.domain.Actor;
import io.passerelle.domain.DomainException;
import java.time.Clock;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * GDPR erasure of a contact ({@link ContactService#erase}): the contact and its account anonymised,
 * every access withdrawn, and every copy of its personal data elsewhere blanked by {@link
 * PersonalDataErasure}, in one transaction.
 */
@Component
class ContactErasure {

  private final ContactRepository contacts;
  private final ContactReader reader;
  private final ContactLifecycle lifecycle;
  private final AccountService accounts;
  private final PersonalDataErasure erasure;
  private final ActivityService activity;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  ContactErasure(
      ContactRepository contacts,
      ContactReader reader,
      ContactLifecycle lifecycle,
      AccountService accounts,
      PersonalDataErasure erasure,
      ActivityService activity,
      ApplicationEventPublisher events,
      Clock clock) {
    this.contacts = contacts;
    this.reader = reader;
    this.lifecycle = lifecycle;
    this.accounts = accounts;
    this.erasure = erasure;
    this.activity = activity;
    this.events = events;
    this.clock = clock;
  }

  ContactView erase(long id, Actor actor) {
    if (!(actor instanceof Actor.SystemActor) && !actor.isAdministrator()) {
      throw DomainException.forbidden(
          "ADMINISTRATOR_ONLY", "Only the office administrator may erase a contact (GDPR).");
    }
    Contact contact = reader.find(id);
    if (contact.getStatus() == ContactStatus.ERASED) {
      return reader.view(contact);
    }
    lifecycle.withdrawAllLinks(contact, actor);
    String anonymous = "erased-" + id + "@erased.invalid";
    var d = contact.details();
    var identity =
        new PersonalDataErasure.Identity(
            id,
            accounts.forContact(id).map(AccountView::id).orElse(null),
            contact.getEmail(),
            java.util.stream.Stream.of(
                    joined(d.firstName(), d.lastName()),
                    joined(d.lastName(), d.firstName()),
                    d.lastName(),
                    d.firstName(),
                    d.companyName(),
                    d.nameComplement())
                .filter(java.util.Objects::nonNull)
                .distinct()
                .toList());
    contact.erase(anonymous, clock.instant());
    contacts.saveAndFlush(contact);
    accounts.anonymiseForContact(id, anonymous, actor);
    var copies = erasure.erase(identity, anonymous);
    events.publishEvent(new ContactDeactivated(id, true, actor));
    var audit = ActivityRecord.of(ActivityType.CONTACT_ERASED, actor, null, id);
    for (var copy : copies.entrySet()) {
      audit = audit.with(copy.getKey(), copy.getValue());
    }
    activity.record(audit);
    return reader.view(contact);
  }

  private static String joined(String first, String second) {
    return first == null || second == null ? null : first + " " + second;
  }
}
