package io.passerelle.contact;

import io.passerelle.account.AccountCriteria;
import io.passerelle.account.AccountService;
import io.passerelle.account.AccountStatus;
import io.passerelle.account.AccountView;
import io.passerelle.account.InvitationBounced;
import io.passerelle.account.KilledInvitation;
import io.passerelle.activity.ActivityRecord;
import io.passerelle.activity.ActivityService;
import io.passerelle.activity.ActivityType;
import io.passerelle.catalog.CatalogService;
import io.passerelle.catalog.RoleView;
import io.passerelle.domain.Actor;
import io.passerelle.domain.CommonErrors;
import io.passerelle.domain.DomainException;
import io.passerelle.domain.DomainException.FieldError;
import io.passerelle.domain.EmailAddresses;
import io.passerelle.domain.Locks;
import io.passerelle.domain.Texts;
import io.passerelle.dossier.DossierErrors;
import io.passerelle.dossier.DossierService;
import io.passerelle.staff.StaffErrors;
import io.passerelle.staff.StaffRole;
import io.passerelle.staff.StaffScope;
import io.passerelle.staff.StaffService;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Subquery;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Contacts (interlocutors, seed 000): e-mail required, valid and unique in the firm ignoring case;
 * organisational role required and from the catalogue; advisors with their advisor type.
 *
 * <p>For the journey: {@link #createOrReuse} (by e-mail, idempotent), {@link #changeEmail} (the
 * correction task), {@link #markEmailInvalid}. A contact with history is deactivated, never
 * deleted; erasure is a separate act of the administrator that anonymises ({@link #erase}).
 */
@Service
public class ContactService {

  private final StaffScope scopes;

  private static final Pattern PHONE = Pattern.compile("[+0-9 ().-]{4,30}");

  private final ContactRepository contacts;
  private final DossierLinkRepository links;
  private final CatalogService catalog;
  private final AccountService accounts;
  private final DossierService dossiers;
  private final StaffService staff;
  private final ActivityService activity;
  private final ApplicationEventPublisher events;
  private final JdbcTemplate jdbc;
  private final Locks locks;
  private final Clock clock;
  private final PersonalDataErasure erasure;

  ContactService(
      ContactRepository contacts,
      DossierLinkRepository links,
      CatalogService catalog,
      AccountService accounts,
      DossierService dossiers,
      StaffService staff,
      ActivityService activity,
      ApplicationEventPublisher events,
      JdbcTemplate jdbc,
      Locks locks,
      Clock clock,
      PersonalDataErasure erasure,
      StaffScope scopes) {
    this.erasure = erasure;
    this.scopes = scopes;
    this.contacts = contacts;
    this.links = links;
    this.catalog = catalog;
    this.accounts = accounts;
    this.dossiers = dossiers;
    this.staff = staff;
    this.activity = activity;
    this.events = events;
    this.jdbc = jdbc;
    this.locks = locks;
    this.clock = clock;
  }

  /**
   * Creates a contact; an e-mail already used (whatever its case) is {@code CONTACT_EMAIL_TAKEN}.
   */
  @Transactional
  public ContactView create(NewContact request, Actor actor) {
    requireStaffOrSystem(actor, "create contacts");
    String email = EmailAddresses.require(request.email(), "email");
    Contact.ContactDetails details = details(request);
    locks.lock("contact-email", EmailAddresses.comparable(email));
    contacts
        .findByEmailIgnoreCase(email)
        .ifPresent(
            existing -> {
              throw emailTaken(existing);
            });
    return view(insert(details, email, actor));
  }

  /**
   * The journey's step: the contact with this e-mail (reactivated if it was deactivated, its
   * details left as they are), or a new one. Idempotent; two concurrent calls make one contact.
   */
  @Transactional
  public ContactResult createOrReuse(NewContact request, Actor actor) {
    String email = EmailAddresses.require(request.email(), "email");
    locks.lock("contact-email", EmailAddresses.comparable(email));
    Optional<Contact> existing = contacts.findByEmailIgnoreCase(email);
    if (existing.isPresent()) {
      Contact contact = existing.get();
      if (actor instanceof Actor.Client) {
        refuseForClient(contact);
      }
      if (contact.getStatus() == ContactStatus.DEACTIVATED) {
        reactivate(contact, actor);
      }
      return new ContactResult(view(contact), false);
    }
    Contact.ContactDetails details = details(request);
    return new ContactResult(view(insert(details, email, actor)), true);
  }

  /**
   * Checks a new contact's data as {@link #create} and {@link #createOrReuse} would (e-mail, names,
   * subscriber and advisor type, phone, an existing organisational role), without writing: a
   * request that will create the contact later (the journey) is refused now with the same errors.
   */
  @Transactional(readOnly = true)
  public void check(NewContact request) {
    EmailAddresses.require(request.email(), "email");
    details(request);
  }

  @Transactional
  public ContactView update(long id, ContactChanges changes, Actor actor) {
    return change(id, changes, actor).contact();
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
    requireStaffOrSystem(actor, "change contacts");
    Contact contact = findLiveForUpdate(id);
    var current = contact.details();
    if (changesIdentity(contact, changes)) {
      requireIdentityManager(contact, actor);
    }
    String roleCode =
        changes.organisationalRoleCode() != null
            ? changes.organisationalRoleCode()
            : catalog.role(current.organisationalRoleId()).code();
    var merged =
        new NewContact(
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
    Contact.ContactDetails details = details(merged);
    contact.describe(details, clock.instant());
    contacts.saveAndFlush(contact);
    activity.record(ActivityRecord.of(ActivityType.CONTACT_UPDATED, actor, null, id));
    ContactEmailChanged emailChange = null;
    if (changes.email() != null) {
      emailChange = changeEmail(id, changes.email(), actor);
    }
    return new Changed(view(contact), emailChange);
  }

  /**
   * Changes the contact's e-mail (and so its account's sign-in). A pending invitation's link dies
   * and {@link ContactEmailChanged} tells the journey a new invitation is needed. The same address
   * in another case changes only its spelling.
   */
  @Transactional
  public ContactEmailChanged changeEmail(long id, String newEmail, Actor actor) {
    requireStaffOrSystem(actor, "change contacts");
    Contact contact = findLiveForUpdate(id);
    requireIdentityManager(contact, actor);
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
              throw emailTaken(other);
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

  /**
   * Keeps the address a manager typed in the correction task of onboarding {@code onboardingId}
   * until the journey's step applies it ({@link #applyEmailCorrection}): the address never travels
   * through the engine's variables. The same check as {@link #changeEmail} first.
   */
  @Transactional
  public void proposeEmailCorrection(long onboardingId, long contactId, String email, Actor actor) {
    requireStaffOrSystem(actor, "correct contacts' e-mail addresses");
    Contact contact = findLive(contactId);
    requireIdentityManager(contact, actor);
    String address = EmailAddresses.require(email, "correctedEmail");
    jdbc.update(
        "insert into email_correction (onboarding_id, contact_id, email, created_at)"
            + " values (?, ?, ?, ?)",
        onboardingId,
        contactId,
        address,
        java.sql.Timestamp.from(clock.instant()));
  }

  /**
   * The journey's step: applies the latest address proposed for the onboarding ({@link
   * #changeEmail}, as the system) and forgets every proposal of it. None waiting is {@code
   * INVALID_EMAIL} (the model sends the task back to the manager).
   */
  @Transactional
  public ContactEmailChanged applyEmailCorrection(long onboardingId, long contactId) {
    List<String> proposed =
        jdbc.queryForList(
            "select email from email_correction where onboarding_id = ? and contact_id = ?"
                + " order by id desc limit 1",
            String.class,
            onboardingId,
            contactId);
    if (proposed.isEmpty()) {
      throw DomainException.invalid(
          CommonErrors.INVALID_EMAIL,
          "correctedEmail",
          "No corrected address waits for this onboarding.");
    }
    jdbc.update("delete from email_correction where onboarding_id = ?", onboardingId);
    return changeEmail(contactId, proposed.getFirst(), Actor.system("e-mail correction"));
  }

  /** The address bounced: flag it (seed 002's red mark). Idempotent. */
  @Transactional
  public void markEmailInvalid(long id, Actor actor) {
    Contact contact = find(id);
    if (contact.markEmailInvalid(clock.instant())) {
      contacts.saveAndFlush(contact);
      activity.record(ActivityRecord.of(ActivityType.CONTACT_EMAIL_INVALID, actor, null, id));
    }
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
    Contact contact = find(id);
    requireManagerOfAllLinks(contact, actor, "delete or deactivate this contact");
    if (contact.getStatus() == ContactStatus.ERASED) {
      throw DomainException.conflict(ContactErrors.CONTACT_ERASED, "This contact was erased.");
    }
    if (!hasHistory(id)) {
      contacts.delete(contact);
      contacts.flush();
      activity.record(ActivityRecord.of(ActivityType.CONTACT_DELETED, actor, null, id));
      return Deletion.DELETED;
    }
    if (contact.getStatus() == ContactStatus.DEACTIVATED) {
      return Deletion.DEACTIVATED;
    }
    for (DossierLink link : links.findByContact(id)) {
      if (link.isLive() && link.isHolder()) {
        throw DomainException.forbidden(
            ContactErrors.HOLDER_ACCESS_PERMANENT,
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
    return Deletion.DEACTIVATED;
  }

  /** Brings a deactivated contact back (its former access is not restored: grant it again). */
  @Transactional
  public ContactView reactivate(long id, Actor actor) {
    requireStaffOrSystem(actor, "reactivate contacts");
    Contact contact = find(id);
    if (contact.getStatus() == ContactStatus.ERASED) {
      throw DomainException.conflict(ContactErrors.CONTACT_ERASED, "This contact was erased.");
    }
    requireIdentityManager(contact, actor);
    if (contact.getStatus() == ContactStatus.DEACTIVATED) {
      reactivate(contact, actor);
    }
    return view(contact);
  }

  /**
   * GDPR erasure, by the office administrator only: every personal field blanked, the e-mail
   * replaced by an address that cannot receive mail, every access withdrawn (holders' too: the law
   * wins over the firm's rule), the account disabled and anonymised. Ids stay, so the activity feed
   * still reads (it holds no personal data).
   */
  @Transactional
  public ContactView erase(long id, Actor actor) {
    if (!(actor instanceof Actor.SystemActor) && !actor.isAdministrator()) {
      throw DomainException.forbidden(
          StaffErrors.ADMINISTRATOR_ONLY,
          "Only the office administrator may erase a contact (GDPR).");
    }
    Contact contact = find(id);
    if (contact.getStatus() == ContactStatus.ERASED) {
      return view(contact);
    }
    withdrawAllLinks(contact, actor);
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
    return view(contact);
  }

  @Transactional(readOnly = true)
  public ContactView get(long id) {
    return view(find(id));
  }

  @Transactional(readOnly = true)
  public Optional<ContactView> byEmail(String email) {
    return email == null
        ? Optional.empty()
        : contacts.findByEmailIgnoreCase(email.strip()).map(this::view);
  }

  @Transactional(readOnly = true)
  public Page<ContactView> list(ContactFilter filter, Pageable pageable) {
    var scope = scopes.current();
    Specification<Contact> spec =
        (root, query, cb) -> {
          List<Predicate> where = new ArrayList<>();
          where.add(scope.contact(cb, root.get("id")));
          if (filter.q() != null && !filter.q().isBlank()) {
            String like = "%" + filter.q().strip().toLowerCase(Locale.ROOT) + "%";
            where.add(
                cb.or(
                    cb.like(cb.lower(root.get("firstName")), like),
                    cb.like(cb.lower(root.get("lastName")), like),
                    cb.like(cb.lower(root.get("companyName")), like),
                    cb.like(cb.lower(root.get("email")), like)));
          }
          if (filter.status() != null) {
            where.add(cb.equal(root.get("status"), filter.status()));
          }
          if (filter.subscriberType() != null) {
            where.add(cb.equal(root.get("subscriberType"), filter.subscriberType()));
          }
          if (filter.emailInvalid() != null) {
            where.add(cb.equal(root.get("emailInvalid"), filter.emailInvalid()));
          }
          if (filter.dossierId() != null) {
            Subquery<Long> linked = query.subquery(Long.class);
            var link = linked.from(DossierLink.class);
            linked
                .select(link.get("contactId"))
                .where(
                    cb.equal(link.get("dossierId"), filter.dossierId()),
                    cb.isNull(link.get("withdrawnAt")));
            where.add(root.get("id").in(linked));
          }
          if (filter.accountStatus() != null) {
            Predicate matches =
                AccountCriteria.contactHasAccountStatus(
                    query, cb, root.get("id"), filter.accountStatus());
            where.add(matches);
          }
          return cb.and(where.toArray(Predicate[]::new));
        };
    return contacts.findAll(spec, pageable).map(this::view);
  }

  // ---- used by the dossier links ----

  Contact findLive(long id) {
    Contact contact = find(id);
    if (contact.getStatus() != ContactStatus.ACTIVE) {
      throw DomainException.conflict(
          ContactErrors.CONTACT_INACTIVE,
          "This contact is " + contact.getStatus().name().toLowerCase(Locale.ROOT) + ".");
    }
    return contact;
  }

  /** {@link #findLive}, its row locked for the transaction (identity changes). */
  private Contact findLiveForUpdate(long id) {
    contacts
        .findForUpdate(id)
        .orElseThrow(
            () ->
                DomainException.notFound(
                    CommonErrors.CONTACT_NOT_FOUND, "No contact has the id " + id + "."));
    return findLive(id);
  }

  Contact find(long id) {
    return contacts
        .findById(id)
        .orElseThrow(
            () ->
                DomainException.notFound(
                    CommonErrors.CONTACT_NOT_FOUND, "No contact has the id " + id + "."));
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

  // ---- inside ----

  private Contact insert(Contact.ContactDetails details, String email, Actor actor) {
    Contact contact = contacts.saveAndFlush(new Contact(details, email, clock.instant()));
    activity.record(
        ActivityRecord.of(ActivityType.CONTACT_CREATED, actor, null, contact.getId())
            .with("subscriberType", details.subscriberType().name()));
    return contact;
  }

  private void reactivate(Contact contact, Actor actor) {
    contact.reactivate(clock.instant());
    contacts.saveAndFlush(contact);
    accounts.enableForContact(contact.getId(), actor);
    activity.record(
        ActivityRecord.of(ActivityType.CONTACT_REACTIVATED, actor, null, contact.getId()));
  }

  private void withdrawAllLinks(Contact contact, Actor actor) {
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

  private void requireManagerOfAllLinks(Contact contact, Actor actor, String what) {
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
   * organisational role, its read-only flag — or reactivate it: the rule of deactivation ({@link
   * #delete}), the manager of every dossier the contact is linked to, or the office administrator
   * (the system actor carries a command authorised when it was accepted). Anyone else gets 403
   * {@code CONTACT_IDENTITY_MANAGER_ONLY} naming who may.
   */
  @Transactional(readOnly = true)
  public void requireIdentityManager(long contactId, Actor actor) {
    requireIdentityManager(find(contactId), actor);
  }

  /** Whether {@link #requireIdentityManager} lets the actor through (the pages show the form). */
  @Transactional(readOnly = true)
  public boolean mayChangeIdentity(long contactId, Actor actor) {
    try {
      requireIdentityManager(find(contactId), actor);
      return true;
    } catch (DomainException e) {
      return false;
    }
  }

  private void requireIdentityManager(Contact contact, Actor actor) {
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
              + " organisational role or read-only flag, or reactivate it.");
    }
  }

  /** Whether the changes touch what only {@link #requireIdentityManager} allows. */
  private boolean changesIdentity(Contact contact, ContactChanges changes) {
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

  /**
   * A client invites family members and employees: an address the firm gave an advisor, a client,
   * or a contact it deactivated or erased is never reused (nor its account enabled again). The
   * refusal says no more than that the firm must do it.
   */
  private static void refuseForClient(Contact contact) {
    boolean reusable =
        contact.getStatus() == ContactStatus.ACTIVE
            && (contact.getSubscriberType() == SubscriberType.FAMILY_MEMBER
                || contact.getSubscriberType() == SubscriberType.EMPLOYEE);
    if (!reusable) {
      throw DomainException.conflict(
          ContactErrors.INVITEE_NOT_ALLOWED,
          "email",
          "This person cannot be invited from the client space: ask the dossier's manager.");
    }
  }

  private static void requireStaffOrSystem(Actor actor, String what) {
    if (actor instanceof Actor.Client) {
      throw DomainException.forbidden(
          ContactErrors.STAFF_ONLY, "Only the firm's staff may " + what + " directly.");
    }
  }

  private static DomainException emailTaken(Contact existing) {
    return DomainException.conflict(
        CommonErrors.CONTACT_EMAIL_TAKEN,
        "email",
        "Another contact (id "
            + existing.getId()
            + ") already uses this e-mail address"
            + (existing.getStatus() == ContactStatus.DEACTIVATED ? " (deactivated)" : "")
            + ".");
  }

  private static String joined(String first, String second) {
    return first == null || second == null ? null : first + " " + second;
  }

  private static String or(String change, String current) {
    return change != null ? change : current;
  }

  private Contact.ContactDetails details(NewContact request) {
    List<FieldError> errors = new ArrayList<>();
    String first = text(request.firstName(), "firstName", 100, errors);
    String last = text(request.lastName(), "lastName", 100, errors);
    String company = text(request.companyName(), "companyName", 200, errors);
    String complement = text(request.nameComplement(), "nameComplement", 100, errors);
    if (first == null && last == null && company == null) {
      errors.add(
          new FieldError(
              "lastName",
              ContactErrors.NAME_REQUIRED,
              "Give a first name, a last name or a company name."));
    }
    if (request.subscriberType() == null) {
      errors.add(
          new FieldError(
              "subscriberType",
              CommonErrors.REQUIRED,
              "Choose the subscriber type: CLIENT, FAMILY_MEMBER, EMPLOYEE or ADVISOR."));
    } else if (request.subscriberType() == SubscriberType.ADVISOR
        && request.advisorType() == null) {
      errors.add(
          new FieldError(
              "advisorType",
              ContactErrors.ADVISOR_TYPE_REQUIRED,
              "Say which kind of advisor: BANKER, NOTARY, LAWYER or OTHER."));
    } else if (request.subscriberType() != SubscriberType.ADVISOR
        && request.advisorType() != null) {
      errors.add(
          new FieldError(
              "advisorType",
              ContactErrors.ADVISOR_TYPE_NOT_ALLOWED,
              "Only advisors have an advisor type."));
    }
    String phone = Texts.trimToNull(request.phone());
    if (phone != null && !PHONE.matcher(phone).matches()) {
      errors.add(
          new FieldError(
              "phone",
              ContactErrors.INVALID_PHONE,
              "A phone number has 4 to 30 digits, spaces, + ( ) . -"));
    }
    if (!errors.isEmpty()) {
      throw new DomainException(
          DomainException.Kind.INVALID,
          CommonErrors.VALIDATION_FAILED,
          errors.get(0).message(),
          errors);
    }
    RoleView role = catalog.requireRole(request.organisationalRoleCode(), "organisationalRoleCode");
    return new Contact.ContactDetails(
        first,
        last,
        company,
        complement,
        request.subscriberType(),
        request.advisorType(),
        phone,
        role.id(),
        request.consultationOnly(),
        request.language() == null ? Language.fr : request.language());
  }

  private static String text(String value, String field, int max, List<FieldError> errors) {
    String text = Texts.trimToNull(value);
    if (text == null) {
      return null;
    }
    if (text.length() > max) {
      errors.add(
          new FieldError(
              field, CommonErrors.TOO_LONG, field + " has at most " + max + " characters."));
    } else if (Texts.hasControlCharacter(text)) {
      errors.add(
          new FieldError(
              field,
              CommonErrors.CONTROL_CHARACTER,
              field + " cannot contain line breaks or tabs."));
    }
    return text;
  }
}
