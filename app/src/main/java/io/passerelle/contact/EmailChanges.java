package io.passerelle.contact;

import io.passerelle.account.AccountService;
import io.passerelle.account.AccountStatus;
import io.passerelle.account.AccountView;
import io.passerelle.account.KilledInvitation;
import io.passerelle.activity.ActivityRecord;
import io.passerelle.activity.ActivityService;
import io.passerelle.activity.ActivityType;
import io.passerelle.domain.Actor;
import io.passerelle.domain.DomainException;
import io.passerelle.domain.EmailAddresses;
import io.passerelle.domain.Locks;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A contact's e-mail address, which is its account's sign-in: changed by its identity's managers (a
 * pending invitation's link then dies and {@link ContactEmailChanged} tells the journey), corrected
 * through the journey's correction task, flagged invalid when a mail bounced.
 */
@Component
class EmailChanges {

  private final ContactRepository contacts;
  private final ContactReader reader;
  private final ContactIdentityGuard guard;
  private final AccountService accounts;
  private final ActivityService activity;
  private final ApplicationEventPublisher events;
  private final JdbcTemplate jdbc;
  private final Locks locks;
  private final Clock clock;

  EmailChanges(
      ContactRepository contacts,
      ContactReader reader,
      ContactIdentityGuard guard,
      AccountService accounts,
      ActivityService activity,
      ApplicationEventPublisher events,
      JdbcTemplate jdbc,
      Locks locks,
      Clock clock) {
    this.contacts = contacts;
    this.reader = reader;
    this.guard = guard;
    this.accounts = accounts;
    this.activity = activity;
    this.events = events;
    this.jdbc = jdbc;
    this.locks = locks;
    this.clock = clock;
  }

  ContactEmailChanged changeEmail(long id, String newEmail, Actor actor) {
    ContactRules.requireStaffOrSystem(actor, "change contacts");
    Contact contact = reader.findLiveForUpdate(id);
    guard.requireIdentityManager(contact, actor);
    String email = EmailAddresses.require(newEmail, "email");
    Optional<AccountView> account = accounts.forContact(id);
    Long accountId = account.map(AccountView::id).orElse(null);
    if (email.equals(contact.getEmail())) {
      return new ContactEmailChanged(id, accountId, List.of());
    }
    String previousEmail = contact.getEmail();
    boolean sameMailbox =
        EmailAddresses.comparable(email).equals(EmailAddresses.comparable(contact.getEmail()));
    locks.lock("contact-email", EmailAddresses.comparable(email));
    contacts
        .findByEmailIgnoreCase(email)
        .filter(other -> !other.getId().equals(contact.getId()))
        .ifPresent(
            other -> {
              throw ContactRules.emailTaken(other);
            });
    contact.changeEmail(email, clock.instant());
    contacts.saveAndFlush(contact);
    List<KilledInvitation> killed;
    if (sameMailbox) {
      accounts.respellEmail(id, email);
      killed = List.of();
    } else {
      killed = accounts.changeEmail(id, email, actor);
    }
    activity.record(
        ActivityRecord.of(ActivityType.CONTACT_EMAIL_CHANGED, actor, null, id)
            .with("invitationRequired", !killed.isEmpty()));
    boolean activeLoginChanged =
        !sameMailbox && account.isPresent() && account.get().status() == AccountStatus.ACTIVE;
    var event =
        new ContactEmailChanged(
            id, accountId, killed, activeLoginChanged ? previousEmail : null, activeLoginChanged);
    events.publishEvent(event);
    return event;
  }

  void proposeEmailCorrection(long onboardingId, long contactId, String email, Actor actor) {
    ContactRules.requireStaffOrSystem(actor, "correct contacts' e-mail addresses");
    Contact contact = reader.findLive(contactId);
    guard.requireIdentityManager(contact, actor);
    String address = EmailAddresses.require(email, "correctedEmail");
    jdbc.update(
        "insert into email_correction (onboarding_id, contact_id, email, created_at)"
            + " values (?, ?, ?, ?)",
        onboardingId,
        contactId,
        address,
        java.sql.Timestamp.from(clock.instant()));
  }

  ContactEmailChanged applyEmailCorrection(long onboardingId, long contactId) {
    List<String> proposed =
        jdbc.queryForList(
            "select email from email_correction where onboarding_id = ? and contact_id = ?"
                + " order by id desc limit 1",
            String.class,
            onboardingId,
            contactId);
    if (proposed.isEmpty()) {
      throw DomainException.invalid(
          "INVALID_EMAIL", "correctedEmail", "No corrected address waits for this onboarding.");
    }
    jdbc.update("delete from email_correction where onboarding_id = ?", onboardingId);
    return changeEmail(contactId, proposed.getFirst(), Actor.system("e-mail correction"));
  }

  void markEmailInvalid(long id, Actor actor) {
    Contact contact = reader.find(id);
    if (contact.markEmailInvalid(clock.instant())) {
      contacts.saveAndFlush(contact);
      activity.record(ActivityRecord.of(ActivityType.CONTACT_EMAIL_INVALID, actor, null, id));
    }
  }
}
