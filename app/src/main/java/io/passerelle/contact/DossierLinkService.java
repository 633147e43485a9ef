package io.passerelle.contact;

import io.passerelle.account.AccountService;
import io.passerelle.account.AccountStatus;
import io.passerelle.account.AccountView;
import io.passerelle.activity.ActivityRecord;
import io.passerelle.activity.ActivityService;
import io.passerelle.activity.ActivityType;
import io.passerelle.domain.Actor;
import io.passerelle.domain.CommonErrors;
import io.passerelle.domain.DomainException;
import io.passerelle.domain.Locks;
import io.passerelle.domain.Texts;
import io.passerelle.dossier.DossierErrors;
import io.passerelle.dossier.DossierService;
import java.time.Clock;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who may see which dossier (seeds 000, 001, 003, 004). The rules:
 *
 * <ul>
 *   <li>only the dossier's manager or the office administrator grants, changes or removes access
 *       for external parties; anyone else gets {@code EXTERNAL_ACCESS_MANAGER_ONLY} naming them;
 *   <li>a holder's access can never be withdrawn ({@code HOLDER_ACCESS_PERMANENT}), an advisor's
 *       can;
 *   <li>a holder with an active account may invite family members and (a company's director)
 *       employees to their own dossier, never advisors nor other clients ({@link #grantByClient});
 *   <li>a consultation-only contact gets read-only access;
 *   <li>a person whose account is already active gets a "new access" notice, not an invitation.
 * </ul>
 */
@Service
public class DossierLinkService {

  private final DossierLinkRepository links;
  private final ContactService contacts;
  private final DossierService dossiers;
  private final AccountService accounts;
  private final ActivityService activity;
  private final ApplicationEventPublisher events;
  private final Locks locks;
  private final Clock clock;

  DossierLinkService(
      DossierLinkRepository links,
      ContactService contacts,
      DossierService dossiers,
      AccountService accounts,
      ActivityService activity,
      ApplicationEventPublisher events,
      Locks locks,
      Clock clock) {
    this.links = links;
    this.contacts = contacts;
    this.dossiers = dossiers;
    this.accounts = accounts;
    this.activity = activity;
    this.events = events;
    this.locks = locks;
    this.clock = clock;
  }

  /**
   * Gives the contact access to the dossier. Idempotent: a contact who already has access keeps it
   * unchanged ({@code created} false, notice NONE) — change it with {@link #change}.
   */
  @Transactional
  public LinkResult link(long dossierId, long contactId, LinkTerms terms, Actor actor) {
    if (actor instanceof Actor.Client) {
      throw DomainException.forbidden(
          DossierErrors.EXTERNAL_ACCESS_MANAGER_ONLY,
          "Clients invite through their own space, where the rules for holders apply.");
    }
    dossiers.requireExternalAccessManager(dossierId, actor);
    return grant(dossierId, contactId, terms, actor);
  }

  /**
   * A client invites someone to a dossier they hold (seeds 003 and 004): allowed for a holder whose
   * account is active, for family members and employees, at most at the client's own access level,
   * never as a holder. The contact is created or reused by e-mail. The invitation itself is then
   * issued with the client as the one who invited.
   */
  @Transactional
  public LinkResult grantByClient(
      long dossierId, NewContact person, AccessLevel level, Actor.Client inviter) {
    AccountView account = accounts.get(inviter.accountId());
    if (account.status() != AccountStatus.ACTIVE) {
      throw DomainException.forbidden(
          ContactErrors.CLIENT_NOT_ACTIVE,
          "Only a client whose account is active may invite people to a dossier.");
    }
    DossierLink own =
        links
            .findLive(dossierId, account.contactId())
            .filter(DossierLink::isHolder)
            .orElseThrow(
                () ->
                    DomainException.forbidden(
                        ContactErrors.HOLDER_ONLY,
                        "Only a holder of this dossier may invite people to it; the dossier's"
                            + " manager can give access to anyone."));
    if (person.subscriberType() == SubscriberType.ADVISOR) {
      throw DomainException.forbidden(
          ContactErrors.ADVISOR_ACCESS_MANAGER_ONLY,
          "Only the dossier's manager may give an advisor access; a holder may invite family"
              + " members and a director their employees.");
    }
    if (person.subscriberType() != SubscriberType.FAMILY_MEMBER
        && person.subscriberType() != SubscriberType.EMPLOYEE) {
      throw DomainException.forbidden(
          ContactErrors.CLIENT_MAY_INVITE_FAMILY_OR_EMPLOYEES,
          "A holder may invite family members and a director their employees; other access is"
              + " given by the dossier's manager.");
    }
    AccessLevel granted = level == null ? AccessLevel.READ_ONLY : level;
    if (!granted.atMost(own.getAccessLevel())) {
      throw DomainException.forbidden(
          ContactErrors.ACCESS_ABOVE_INVITER,
          "You can give at most your own access (" + own.getAccessLevel() + ").");
    }
    ContactResult contact = contacts.createOrReuse(person, inviter);
    return grant(dossierId, contact.contact().id(), new LinkTerms(null, granted, false), inviter);
  }

  /** Changes the scope, the level, or makes the contact a holder; never un-makes a holder. */
  @Transactional
  public LinkView change(long dossierId, long linkId, LinkChanges changes, Actor actor) {
    dossiers.requireExternalAccessManager(dossierId, actor);
    DossierLink link = liveLink(dossierId, linkId);
    if (Boolean.FALSE.equals(changes.holder()) && link.isHolder()) {
      throw holderPermanent();
    }
    Contact contact = contacts.find(link.getContactId());
    if (changes.accessLevel() != null) {
      if (changes.accessLevel() == AccessLevel.READ_WRITE && contact.isConsultationOnly()) {
        throw consultationOnly();
      }
      link.changeLevel(changes.accessLevel());
    }
    if (changes.limitedTo() != null) {
      link.limitTo(scope(changes.limitedTo()));
    }
    if (Boolean.TRUE.equals(changes.holder()) && !link.isHolder()) {
      if (contact.getSubscriberType() != SubscriberType.CLIENT) {
        throw holderMustBeClient();
      }
      link.makeHolder();
    }
    links.saveAndFlush(link);
    activity.record(
        ActivityRecord.of(ActivityType.ACCESS_CHANGED, actor, dossierId, link.getContactId())
            .with("linkId", linkId)
            .with("accessLevel", link.getAccessLevel().name())
            .with("holder", link.isHolder()));
    return link.view();
  }

  /** Takes the document store (GED) away alone (seed 000); the rest of the access stays. */
  @Transactional
  public LinkView revokeGed(long dossierId, long linkId, Actor actor) {
    dossiers.requireExternalAccessManager(dossierId, actor);
    DossierLink link = liveLink(dossierId, linkId);
    if (link.isHolder()) {
      throw holderPermanent();
    }
    if (link.hasGedAccess()) {
      link.revokeGed(clock.instant());
      links.saveAndFlush(link);
      activity.record(
          ActivityRecord.of(ActivityType.GED_ACCESS_REVOKED, actor, dossierId, link.getContactId())
              .with("linkId", linkId));
    }
    return link.view();
  }

  @Transactional
  public LinkView restoreGed(long dossierId, long linkId, Actor actor) {
    dossiers.requireExternalAccessManager(dossierId, actor);
    DossierLink link = liveLink(dossierId, linkId);
    if (!link.hasGedAccess()) {
      link.restoreGed();
      links.saveAndFlush(link);
      activity.record(
          ActivityRecord.of(ActivityType.GED_ACCESS_RESTORED, actor, dossierId, link.getContactId())
              .with("linkId", linkId));
    }
    return link.view();
  }

  /**
   * Withdraws the access (an advisor's, a family member's…): kept as history; the contact's
   * services on the dossier are revoked. A holder's access cannot be withdrawn, by anyone.
   */
  @Transactional
  public LinkView withdraw(long dossierId, long linkId, Actor actor) {
    dossiers.requireExternalAccessManager(dossierId, actor);
    DossierLink link =
        links
            .findById(linkId)
            .filter(l -> l.getDossierId() == dossierId)
            .orElseThrow(DossierLinkService::linkNotFound);
    if (!link.isLive()) {
      return link.view();
    }
    if (link.isHolder()) {
      throw holderPermanent();
    }
    link.withdraw(clock.instant());
    links.saveAndFlush(link);
    events.publishEvent(new DossierAccessWithdrawn(dossierId, link.getContactId(), actor));
    activity.record(
        ActivityRecord.of(ActivityType.ACCESS_WITHDRAWN, actor, dossierId, link.getContactId())
            .with("linkId", linkId));
    return link.view();
  }

  @Transactional(readOnly = true)
  public List<LinkView> forDossier(long dossierId, boolean includeWithdrawn) {
    if (!dossiers.exists(dossierId)) {
      throw DomainException.notFound(
          CommonErrors.DOSSIER_UNKNOWN, "No dossier has the id " + dossierId + ".");
    }
    return links.findByDossier(dossierId).stream()
        .filter(l -> includeWithdrawn || l.isLive())
        .map(DossierLink::view)
        .toList();
  }

  @Transactional(readOnly = true)
  public List<LinkView> forContact(long contactId, boolean includeWithdrawn) {
    contacts.find(contactId);
    return links.findByContact(contactId).stream()
        .filter(l -> includeWithdrawn || l.isLive())
        .map(DossierLink::view)
        .toList();
  }

  @Transactional(readOnly = true)
  public java.util.Optional<LinkView> liveLinkOf(long dossierId, long contactId) {
    return links.findLive(dossierId, contactId).map(DossierLink::view);
  }

  @Transactional(readOnly = true)
  public LinkView get(long dossierId, long linkId) {
    return links
        .findById(linkId)
        .filter(l -> l.getDossierId() == dossierId)
        .map(DossierLink::view)
        .orElseThrow(DossierLinkService::linkNotFound);
  }

  // ---- inside ----

  /**
   * Checks the terms for a contact of that type as {@link #link} would (consultation-only contacts
   * read only, holders are clients, the scope's length), without writing: a request that links
   * later (the journey) is refused now with the same errors.
   */
  public void checkTerms(SubscriberType type, boolean consultationOnly, LinkTerms terms) {
    AccessLevel level = terms.accessLevel() == null ? AccessLevel.READ_ONLY : terms.accessLevel();
    if (level == AccessLevel.READ_WRITE && consultationOnly) {
      throw consultationOnly();
    }
    if (terms.holder() && type != SubscriberType.CLIENT) {
      throw holderMustBeClient();
    }
    scope(terms.limitedTo());
  }

  private LinkResult grant(long dossierId, long contactId, LinkTerms terms, Actor actor) {
    Contact contact = contacts.findLive(contactId);
    AccessLevel level = terms.accessLevel() == null ? AccessLevel.READ_ONLY : terms.accessLevel();
    if (level == AccessLevel.READ_WRITE && contact.isConsultationOnly()) {
      throw consultationOnly();
    }
    if (terms.holder() && contact.getSubscriberType() != SubscriberType.CLIENT) {
      throw holderMustBeClient();
    }
    String scope = scope(terms.limitedTo());
    locks.lock("dossier-link", dossierId + ":" + contactId);
    var existing = links.findLive(dossierId, contactId);
    if (existing.isPresent()) {
      return new LinkResult(existing.get().view(), false, LinkResult.Notice.NONE);
    }
    DossierLink link =
        links.saveAndFlush(
            new DossierLink(dossierId, contactId, scope, level, terms.holder(), clock.instant()));
    boolean active = accounts.forContact(contactId).map(AccountView::active).orElse(false);
    activity.record(
        ActivityRecord.of(ActivityType.ACCESS_GRANTED, actor, dossierId, contactId)
            .with("linkId", link.getId())
            .with("accessLevel", level.name())
            .with("holder", terms.holder())
            .with("wholeDossier", scope == null));
    events.publishEvent(new DossierAccessGranted(dossierId, contactId, link.getId(), active));
    return new LinkResult(
        link.view(),
        true,
        active ? LinkResult.Notice.NEW_ACCESS_NOTICE : LinkResult.Notice.INVITATION_NEEDED);
  }

  private DossierLink liveLink(long dossierId, long linkId) {
    return links
        .findById(linkId)
        .filter(l -> l.getDossierId() == dossierId && l.isLive())
        .orElseThrow(DossierLinkService::linkNotFound);
  }

  private static String scope(String limitedTo) {
    String scope = LinkTerms.scope(limitedTo);
    if (scope == null) {
      return null;
    }
    if (scope.length() > 100) {
      throw DomainException.invalid(
          CommonErrors.TOO_LONG, "limitedTo", "limitedTo has at most 100 characters.");
    }
    if (Texts.hasControlCharacter(scope)) {
      throw DomainException.invalid(
          CommonErrors.CONTROL_CHARACTER,
          "limitedTo",
          "limitedTo cannot contain line breaks or tabs.");
    }
    return scope;
  }

  private static DomainException linkNotFound() {
    return DomainException.notFound(
        ContactErrors.LINK_NOT_FOUND, "This contact has no such access to this dossier.");
  }

  private static DomainException holderPermanent() {
    return DomainException.forbidden(
        ContactErrors.HOLDER_ACCESS_PERMANENT,
        "A holder's access to their dossier can never be withdrawn or reduced, by anyone; an"
            + " advisor's or a family member's can.");
  }

  private static DomainException holderMustBeClient() {
    return DomainException.rule(
        ContactErrors.HOLDER_MUST_BE_CLIENT,
        "holder",
        "Only a client (subscriber type CLIENT) holds a dossier.");
  }

  private static DomainException consultationOnly() {
    return DomainException.rule(
        ContactErrors.CONSULTATION_ONLY_CONTACT,
        "accessLevel",
        "This contact has consultation-only access: READ_ONLY.");
  }
}
