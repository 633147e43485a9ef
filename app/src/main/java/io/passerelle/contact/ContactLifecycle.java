package io.passerelle.contact;

import io.passerelle.account.AccountService;
import io.passerelle.activity.ActivityRecord;
import io.passerelle.activity.ActivityService;
import io.passerelle.activity.ActivityType;
import io.passerelle.domain.Actor;
import io.passerelle.domain.DomainException;
import java.time.Clock;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A contact's existence: deleted when it has no history, else deactivated (its live links
 * withdrawn, its account disabled) and kept; reactivated later (its former access not restored).
 */
@Component
class ContactLifecycle {

  private final ContactRepository contacts;
  private final DossierLinkRepository links;
  private final ContactReader reader;
  private final ContactIdentityGuard guard;
  private final AccountService accounts;
  private final ActivityService activity;
  private final ApplicationEventPublisher events;
  private final JdbcTemplate jdbc;
  private final Clock clock;

  ContactLifecycle(
      ContactRepository contacts,
      DossierLinkRepository links,
      ContactReader reader,
      ContactIdentityGuard guard,
      AccountService accounts,
      ActivityService activity,
      ApplicationEventPublisher events,
      JdbcTemplate jdbc,
      Clock clock) {
    this.contacts = contacts;
    this.links = links;
    this.reader = reader;
    this.guard = guard;
    this.accounts = accounts;
    this.activity = activity;
    this.events = events;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  ContactService.Deletion delete(long id, Actor actor) {
    Contact contact = reader.find(id);
    guard.requireManagerOfAllLinks(contact, actor, "delete or deactivate this contact");
    if (contact.getStatus() == ContactStatus.ERASED) {
      throw DomainException.conflict("CONTACT_ERASED", "This contact was erased.");
    }
    if (!hasHistory(id)) {
      contacts.delete(contact);
      contacts.flush();
      activity.record(ActivityRecord.of(ActivityType.CONTACT_DELETED, actor, null, id));
      return ContactService.Deletion.DELETED;
    }
    if (contact.getStatus() == ContactStatus.DEACTIVATED) {
      return ContactService.Deletion.DEACTIVATED;
    }
    for (DossierLink link : links.findByContact(id)) {
      if (link.isLive() && link.isHolder()) {
        throw DomainException.forbidden(
            "HOLDER_ACCESS_PERMANENT",
            "This contact holds a dossier: a holder's access can never be withdrawn, so the"
                + " contact cannot be deactivated. Erasure (GDPR) by the office administrator is"
                + " the only way.");
      }
    }
    withdrawAllLinks(contact, actor);
    contact.deactivate(clock.instant());
    contacts.saveAndFlush(contact);
    accounts.disableForContact(id, actor);
    events.publishEvent(new ContactDeactivated(id, false, actor));
    activity.record(ActivityRecord.of(ActivityType.CONTACT_DEACTIVATED, actor, null, id));
    return ContactService.Deletion.DEACTIVATED;
  }

  ContactView reactivate(long id, Actor actor) {
    ContactRules.requireStaffOrSystem(actor, "reactivate contacts");
    Contact contact = reader.find(id);
    if (contact.getStatus() == ContactStatus.ERASED) {
      throw DomainException.conflict("CONTACT_ERASED", "This contact was erased.");
    }
    guard.requireIdentityManager(contact, actor);
    if (contact.getStatus() == ContactStatus.DEACTIVATED) {
      reactivate(contact, actor);
    }
    return reader.view(contact);
  }

  /** Brings the contact back and enables its account (a reuse by the journey, or staff's ask). */
  void reactivate(Contact contact, Actor actor) {
    contact.reactivate(clock.instant());
    contacts.saveAndFlush(contact);
    accounts.enableForContact(contact.getId(), actor);
    activity.record(
        ActivityRecord.of(ActivityType.CONTACT_REACTIVATED, actor, null, contact.getId()));
  }

  /** Every live link of the contact withdrawn, each told ({@link DossierAccessWithdrawn}). */
  void withdrawAllLinks(Contact contact, Actor actor) {
    var now = clock.instant();
    for (DossierLink link : links.findByContact(contact.getId())) {
      if (link.isLive()) {
        link.withdraw(now);
        links.saveAndFlush(link);
        events.publishEvent(
            new DossierAccessWithdrawn(link.getDossierId(), contact.getId(), actor));
        activity.record(
            ActivityRecord.of(
                    ActivityType.ACCESS_WITHDRAWN, actor, link.getDossierId(), contact.getId())
                .with("linkId", link.getId()));
      }
    }
  }

  private boolean hasHistory(long contactId) {
    if (links.existsByContactId(contactId) || accounts.forContact(contactId).isPresent()) {
      return true;
    }
    Boolean services =
        jdbc.queryForObject(
            "select exists (select 1 from collaborative_service where contact_id = ?)",
            Boolean.class,
            contactId);
    return Boolean.TRUE.equals(services);
  }
}
