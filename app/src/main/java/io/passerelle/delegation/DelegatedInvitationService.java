package io.passerelle.delegation;

import io.passerelle.account.AccountStatus;
import io.passerelle.activity.ActivityRecord;
import io.passerelle.activity.ActivityService;
import io.passerelle.activity.ActivityType;
import io.passerelle.contact.AccessLevel;
import io.passerelle.contact.ContactErrors;
import io.passerelle.contact.ContactService;
import io.passerelle.contact.ContactStatus;
import io.passerelle.contact.ContactView;
import io.passerelle.contact.DossierLinkService;
import io.passerelle.contact.Language;
import io.passerelle.contact.LinkTerms;
import io.passerelle.contact.LinkView;
import io.passerelle.contact.NewContact;
import io.passerelle.contact.SubscriberType;
import io.passerelle.domain.Actor;
import io.passerelle.domain.DomainException;
import io.passerelle.domain.Texts;
import io.passerelle.dossier.DossierService;
import io.passerelle.onboarding.OnboardingService;
import io.passerelle.onboarding.OnboardingView;
import io.passerelle.onboarding.ProposeCollaborativeService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Access given by someone else than the firm's staff at large (seeds 003 and 004):
 *
 * <ul>
 *   <li>only the dossier's manager (or the office administrator) registers an advisor in a dossier,
 *       with their type (banker, notary, lawyer, other), and invites them; a co-holder never does;
 *   <li>a co-holder with an active account invites family members; a company's director (a holder
 *       with an active account) invites employees, read-only unless they choose otherwise, never
 *       above their own access; the invitation shows that client as who invited, and the dossier's
 *       manager is notified;
 *   <li>what an outside person may then do follows from their access ({@link #permissions}).
 * </ul>
 *
 * The rules themselves live in {@link DossierLinkService} (who links whom) and {@link
 * OnboardingService#propose} (who proposes); this service composes them for the two delegated paths
 * and adds what they lack (the advisor's type as a requirement, the manager's notification).
 */
@Service
public class DelegatedInvitationService {

  static final String ADVISOR_ROLE = "CONSEILLER";
  static final String DEFAULT_OFFER = "START";

  private final ContactService contacts;
  private final DossierLinkService links;
  private final DossierService dossiers;
  private final OnboardingService onboardings;
  private final ActivityService activity;

  DelegatedInvitationService(
      ContactService contacts,
      DossierLinkService links,
      DossierService dossiers,
      OnboardingService onboardings,
      ActivityService activity) {
    this.contacts = contacts;
    this.links = links;
    this.dossiers = dossiers;
    this.onboardings = onboardings;
    this.activity = activity;
  }

  /**
   * Registers an advisor in the dossier (seed 003: "Ajouter un conseiller", then their access) and,
   * with {@code invite}, proposes them the client space. The dossier's manager or the office
   * administrator only; the advisor's type is required; an address that belongs to someone who is
   * not an advisor is refused. Repeating it changes nothing (the same contact, the same link).
   */
  @Transactional
  public AdvisorRegistration registerAdvisor(
      long dossierId,
      NewAdvisor advisor,
      AccessLevel level,
      boolean invite,
      String offerCode,
      String customMessage,
      boolean sendNow,
      Actor actor) {
    if (!(actor instanceof Actor.Staff)) {
      throw DomainException.forbidden(
          ContactErrors.ADVISOR_ACCESS_MANAGER_ONLY,
          "Only the dossier's manager gives an advisor access; a holder may invite family members"
              + " and a director their employees.");
    }
    dossiers.requireExternalAccessManager(dossierId, actor);
    if (advisor.advisorType() == null) {
      throw DomainException.invalid(
          ContactErrors.ADVISOR_TYPE_REQUIRED,
          "advisorType",
          "Say which kind of advisor this is: BANKER, NOTARY, LAWYER or OTHER.");
    }
    ContactView contact = advisorContact(advisor, actor);
    LinkView link =
        links
            .link(
                dossierId,
                contact.id(),
                new LinkTerms(null, level == null ? AccessLevel.READ_ONLY : level, false),
                actor)
            .link();
    activity.record(
        ActivityRecord.of(ActivityType.ADVISOR_REGISTERED, actor, dossierId, contact.id())
            .with("advisorType", contact.advisorType().name())
            .with("accessLevel", link.accessLevel().name())
            .dedupKey("advisor-registered/" + dossierId + "/" + contact.id()));
    Long onboardingId =
        invite
            ? proposeSpace(dossierId, contact, link, offerCode, customMessage, sendNow, actor)
            : null;
    return new AdvisorRegistration(contacts.get(contact.id()), link, onboardingId);
  }

  /** The advisor's contact, created or the one with that address, which must be an advisor's. */
  private ContactView advisorContact(NewAdvisor advisor, Actor actor) {
    String role = Texts.trimToNull(advisor.organisationalRoleCode());
    NewContact data =
        new NewContact(
            advisor.firstName(),
            advisor.lastName(),
            advisor.companyName(),
            null,
            SubscriberType.ADVISOR,
            advisor.advisorType(),
            advisor.email(),
            advisor.phone(),
            role == null ? ADVISOR_ROLE : role,
            false,
            Language.fr);
    contacts.check(data);
    ContactView contact = contacts.createOrReuse(data, actor).contact();
    if (contact.subscriberType() != SubscriberType.ADVISOR) {
      throw DomainException.conflict(
          DelegationErrors.CONTACT_NOT_ADVISOR,
          "email",
          "This address belongs to a contact who is not an advisor ("
              + contact.subscriberType()
              + "): register the advisor with their own address.");
    }
    return contact;
  }

  /** Proposes the advisor the client space with their access; returns the onboarding's id. */
  private long proposeSpace(
      long dossierId,
      ContactView contact,
      LinkView link,
      String offerCode,
      String customMessage,
      boolean sendNow,
      Actor actor) {
    return onboardings
        .propose(
            new ProposeCollaborativeService(
                dossierId,
                contact.id(),
                null,
                link.limitedTo(),
                link.accessLevel(),
                false,
                offerCode == null ? DEFAULT_OFFER : offerCode,
                customMessage,
                sendNow),
            actor)
        .id();
  }

  /**
   * A client invites someone to a dossier they hold (seeds 003 and 004): a family member (a
   * co-holder) or an employee (the company's director), read-only unless they choose otherwise,
   * never an advisor. The invitation leaves at once with the client as who invited (the pending
   * list shows them); the dossier's staff, its manager first, are notified ({@code
   * CLIENT_INVITED_SOMEONE}, by the journey's {@link OnboardingService#propose}).
   */
  @Transactional
  public OnboardingView inviteByClient(
      long dossierId,
      NewContact person,
      AccessLevel level,
      String customMessage,
      Actor.Client client) {
    return onboardings.propose(
        new ProposeCollaborativeService(
            dossierId,
            null,
            person,
            null,
            level == null ? AccessLevel.READ_ONLY : level,
            false,
            DEFAULT_OFFER,
            customMessage,
            true),
        client);
  }

  /** What this contact may do on the dossier, from their live access (none when there is none). */
  @Transactional(readOnly = true)
  public ExternalPermissions permissions(long dossierId, long contactId) {
    ContactView contact = contacts.get(contactId);
    return links
        .liveLinkOf(dossierId, contactId)
        .map(link -> permissions(link, contact))
        .orElse(ExternalPermissions.NONE);
  }

  static ExternalPermissions permissions(LinkView link, ContactView contact) {
    if (!link.live() || contact.status() != ContactStatus.ACTIVE) {
      return ExternalPermissions.NONE;
    }
    boolean readWrite = link.accessLevel() == AccessLevel.READ_WRITE;
    boolean advisor = contact.subscriberType() == SubscriberType.ADVISOR;
    boolean activeHolder =
        link.holder()
            && contact.account() != null
            && contact.account().status() == AccountStatus.ACTIVE;
    return new ExternalPermissions(
        true,
        link.gedAccess(),
        readWrite && link.gedAccess(),
        readWrite,
        readWrite && !advisor,
        activeHolder,
        activeHolder);
  }
}
