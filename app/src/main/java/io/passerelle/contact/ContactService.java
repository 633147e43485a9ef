package io.passerelle.contact;

import io.passerelle.account.AccountService;
import io.passerelle.account.InvitationBounced;
import io.passerelle.domain.Actor;
import io.passerelle.domain.DomainException;
import java.util.Optional;
import org.springframework.context.event.EventListener;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Contacts (interlocutors, seed 000): e-mail required, valid and unique in the firm ignoring case;
 * organisational role required and from the catalogue; advisors with their advisor type.
 *
 * <p>For the journey: {@link #createOrReuse} (by e-mail, idempotent), {@link #changeEmail} (the
 * correction task), {@link #markEmailInvalid}. A contact with history is deactivated, never
 * deleted; erasure is a separate act of the administrator that anonymises ({@link #erase}).
 *
 * <p>The door the other features use (the transactions are here); each use case has its own class:
 * {@link ContactCreation}, {@link ContactEditing}, {@link EmailChanges} (identity: the address),
 * {@link ContactLifecycle} (delete, deactivate, reactivate), {@link ContactErasure} (GDPR), {@link
 * ContactSearch} (the list's filters), with {@link ContactRules} and {@link ContactIdentityGuard}
 * for the rules they share.
 */
@Service
public class ContactService {

  private final ContactRepository contacts;
  private final ContactReader reader;
  private final ContactCreation creation;
  private final ContactEditing editing;
  private final EmailChanges emails;
  private final ContactLifecycle lifecycle;
  private final ContactErasure erasure;
  private final ContactSearch search;
  private final ContactIdentityGuard guard;
  private final MicrosoftIdentityReset microsoft;

  ContactService(
      ContactRepository contacts,
      ContactReader reader,
      ContactCreation creation,
      ContactEditing editing,
      EmailChanges emails,
      ContactLifecycle lifecycle,
      ContactErasure erasure,
      ContactSearch search,
      ContactIdentityGuard guard,
      MicrosoftIdentityReset microsoft) {
    this.contacts = contacts;
    this.reader = reader;
    this.creation = creation;
    this.editing = editing;
    this.emails = emails;
    this.lifecycle = lifecycle;
    this.erasure = erasure;
    this.search = search;
    this.guard = guard;
    this.microsoft = microsoft;
  }

  /**
   * Creates a contact; an e-mail already used (whatever its case) is {@code CONTACT_EMAIL_TAKEN}.
   */
  @Transactional
  public ContactView create(NewContact request, Actor actor) {
    return creation.create(request, actor);
  }

  /**
   * The journey's step: the contact with this e-mail (reactivated if it was deactivated, its
   * details left as they are), or a new one. Idempotent; two concurrent calls make one contact.
   */
  @Transactional
  public ContactResult createOrReuse(NewContact request, Actor actor) {
    return creation.createOrReuse(request, actor);
  }

  /**
   * Checks a new contact's data as {@link #create} and {@link #createOrReuse} would (e-mail, names,
   * subscriber and advisor type, phone, an existing organisational role), without writing: a
   * request that will create the contact later (the journey) is refused now with the same errors.
   */
  @Transactional(readOnly = true)
  public void check(NewContact request) {
    creation.check(request);
  }

  @Transactional
  public ContactView update(long id, ContactChanges changes, Actor actor) {
    return editing.change(id, changes, actor).contact();
  }

  /** What {@link #change} did: the contact after it, and the e-mail change (null when none). */
  public record Changed(ContactView contact, ContactEmailChanged emailChange) {}

  /**
   * Changes a contact in one transaction. The e-mail, type, organisational role and read-only flag
   * are checked by {@link #requireIdentityManager} before anything is written; the other fields
   * stay open to the staff.
   */
  @Transactional
  public Changed change(long id, ContactChanges changes, Actor actor) {
    return editing.change(id, changes, actor);
  }

  /**
   * Changes the contact's e-mail (and so its account's sign-in). A pending invitation's link dies
   * and {@link ContactEmailChanged} tells the journey a new invitation is needed. The same address
   * in another case changes only its spelling.
   */
  @Transactional
  public ContactEmailChanged changeEmail(long id, String newEmail, Actor actor) {
    return emails.changeEmail(id, newEmail, actor);
  }

  /**
   * Keeps the address a manager typed in the correction task of onboarding {@code onboardingId}
   * until the journey's step applies it ({@link #applyEmailCorrection}): the address never travels
   * through the engine's variables. The same check as {@link #changeEmail} first.
   */
  @Transactional
  public void proposeEmailCorrection(long onboardingId, long contactId, String email, Actor actor) {
    emails.proposeEmailCorrection(onboardingId, contactId, email, actor);
  }

  /**
   * The journey's step: applies the latest address proposed for the onboarding ({@link
   * #changeEmail}, as the system) and forgets every proposal of it. None waiting is {@code
   * INVALID_EMAIL} (the model sends the task back to the manager).
   */
  @Transactional
  public ContactEmailChanged applyEmailCorrection(long onboardingId, long contactId) {
    return emails.applyEmailCorrection(onboardingId, contactId);
  }

  /**
   * Forgets the Microsoft identity (object id) the contact's account kept at its first Microsoft
   * sign-in, so that the next one keeps the new identity of a guest deleted and invited again in
   * the firm's tenant (issue 23). Part of the contact's identity: {@link #requireIdentityManager}'s
   * rule. Idempotent: twice is once, one feed entry.
   */
  @Transactional
  public AccountService.MicrosoftIdentityCleared forgetMicrosoftIdentity(long id, Actor actor) {
    return microsoft.forget(id, actor);
  }

  /** The address bounced: flag it (seed 002's red mark). Idempotent. */
  @Transactional
  public void markEmailInvalid(long id, Actor actor) {
    emails.markEmailInvalid(id, actor);
  }

  @EventListener
  void onInvitationBounced(InvitationBounced bounced) {
    markEmailInvalid(bounced.contactId(), Actor.system("mail bounce"));
  }

  /** What {@link #delete} did. */
  public enum Deletion {
    DELETED,
    DEACTIVATED
  }

  /**
   * Deleting is rare and explicit: a contact with history (dossier links, an account, services) is
   * deactivated — its live links withdrawn, its account disabled, its pending link dead — and kept;
   * one without history is deleted. A holder can only be erased (GDPR), not deactivated.
   */
  @Transactional
  public Deletion delete(long id, Actor actor) {
    return lifecycle.delete(id, actor);
  }

  /** Brings a deactivated contact back (its former access is not restored: grant it again). */
  @Transactional
  public ContactView reactivate(long id, Actor actor) {
    return lifecycle.reactivate(id, actor);
  }

  /**
   * GDPR erasure, by the office administrator only: every personal field blanked, the e-mail
   * replaced by an address that cannot receive mail, every access withdrawn (holders' too: the law
   * wins over the firm's rule), the account disabled and anonymised. Ids stay, so the activity feed
   * still reads (it holds no personal data).
   */
  @Transactional
  public ContactView erase(long id, Actor actor) {
    return erasure.erase(id, actor);
  }

  @Transactional(readOnly = true)
  public ContactView get(long id) {
    return reader.view(reader.find(id));
  }

  @Transactional(readOnly = true)
  public Optional<ContactView> byEmail(String email) {
    return email == null
        ? Optional.empty()
        : contacts.findByEmailIgnoreCase(email.strip()).map(reader::view);
  }

  @Transactional(readOnly = true)
  public Page<ContactView> list(ContactFilter filter, Pageable pageable) {
    return search.list(filter, pageable);
  }

  /**
   * Who may change a contact's identity — its e-mail (its account's sign-in), its type, its
   * organisational role, its read-only flag — or reactivate it: the rule of deactivation ({@link
   * #delete}), the manager of every dossier the contact is linked to, or the office administrator
   * (the system actor carries a command authorised when it was accepted). Anyone else gets 403
   * {@code CONTACT_IDENTITY_MANAGER_ONLY} naming who may.
   */
  @Transactional(readOnly = true)
  public void requireIdentityManager(long contactId, Actor actor) {
    guard.requireIdentityManager(reader.find(contactId), actor);
  }

  /** Whether {@link #requireIdentityManager} lets the actor through (the pages show the form). */
  @Transactional(readOnly = true)
  public boolean mayChangeIdentity(long contactId, Actor actor) {
    try {
      guard.requireIdentityManager(reader.find(contactId), actor);
      return true;
    } catch (DomainException e) {
      return false;
    }
  }

  // ---- used by the dossier links ----

  Contact findLive(long id) {
    return reader.findLive(id);
  }

  Contact find(long id) {
    return reader.find(id);
  }
}
