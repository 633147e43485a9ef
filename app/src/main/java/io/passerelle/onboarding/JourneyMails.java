package io.passerelle.onboarding;

import io.passerelle.account.AccountService;
import io.passerelle.account.AccountView;
import io.passerelle.account.InvitationService;
import io.passerelle.account.InvitationView;
import io.passerelle.catalog.CatalogService;
import io.passerelle.catalog.OfferView;
import io.passerelle.contact.AccessLevel;
import io.passerelle.contact.ContactService;
import io.passerelle.contact.ContactView;
import io.passerelle.contact.Language;
import io.passerelle.dossier.DossierService;
import io.passerelle.dossier.DossierSummary;
import io.passerelle.mail.MailContent;
import io.passerelle.mail.MailKey;
import io.passerelle.mail.MailKind;
import io.passerelle.mail.MailRenderer;
import io.passerelle.mail.OutgoingMail;
import io.passerelle.staff.StaffService;
import io.passerelle.staff.StaffView;
import io.passerelle.web.Links;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Builds the journey's mails from the database: names, the dossier, the offer and the link are read
 * when the mail goes out, never carried in process variables. Each mail's {@link MailKey} makes it
 * one logical message, sent once whatever the number of job runs.
 */
@Component
class JourneyMails {

  private final InvitationService invitations;
  private final AccountService accounts;
  private final ContactService contacts;
  private final DossierService dossiers;
  private final CatalogService catalog;
  private final StaffService staff;
  private final MailRenderer renderer;
  private final Links links;

  JourneyMails(
      InvitationService invitations,
      AccountService accounts,
      ContactService contacts,
      DossierService dossiers,
      CatalogService catalog,
      StaffService staff,
      MailRenderer renderer,
      Links links) {
    this.invitations = invitations;
    this.accounts = accounts;
    this.contacts = contacts;
    this.dossiers = dossiers;
    this.catalog = catalog;
    this.staff = staff;
    this.renderer = renderer;
    this.links = links;
  }

  /** The offer an invitation is for, and the access it gives (what its mail may promise). */
  record Offered(String offerCode, AccessLevel access) {}

  /** The invitation with its activation link (the token derived again, never stored). */
  @Transactional(readOnly = true)
  OutgoingMail invitation(InvitationView invitation, Offered offered) {
    String offerCode = offered.offerCode();
    ContactView contact = contactOf(invitation);
    Locale locale = locale(contact);
    OfferView offer = catalog.offer(offerCode);
    return new OutgoingMail(
        new MailKey("invitation", invitation.id(), MailKind.INVITATION, 0),
        invitation.email(),
        contact.displayName(),
        locale,
        new MailContent.Invitation(
            contact.displayName(),
            invitation.email(),
            links.activation(invitations.token(invitation.id())),
            dossierName(invitation.dossierId()),
            offer.name(),
            features(offer, offered.access(), locale),
            invitedBy(invitation.invitedBy()),
            invitation.customMessage(),
            messageAuthor(invitation.invitedBy()),
            invitations.replacesEarlierLink(invitation.id()),
            invitation.expiresAt(),
            signsInWithMicrosoft(invitation)));
  }

  /** Reminder 1 or 2 of a pending invitation, with the same link. */
  @Transactional(readOnly = true)
  OutgoingMail reminder(InvitationView invitation, String offerCode, int number) {
    ContactView contact = contactOf(invitation);
    OfferView offer = catalog.offer(offerCode);
    return new OutgoingMail(
        new MailKey(
            "invitation",
            invitation.id(),
            number == 1 ? MailKind.FIRST_REMINDER : MailKind.SECOND_REMINDER,
            number),
        invitation.email(),
        contact.displayName(),
        locale(contact),
        new MailContent.Reminder(
            contact.displayName(),
            invitation.email(),
            links.activation(invitations.token(invitation.id())),
            dossierName(invitation.dossierId()),
            offer.name(),
            invitedBy(invitation.invitedBy()),
            number,
            invitation.expiresAt(),
            signsInWithMicrosoft(invitation)));
  }

  /** The invitation expired: the client may ask for a new link. */
  @Transactional(readOnly = true)
  OutgoingMail expired(InvitationView invitation) {
    ContactView contact = contactOf(invitation);
    return new OutgoingMail(
        new MailKey("invitation", invitation.id(), MailKind.INVITATION_EXPIRED, 0),
        invitation.email(),
        contact.displayName(),
        locale(contact),
        new MailContent.InvitationExpired(
            contact.displayName(), dossierName(invitation.dossierId()), links.clientNewLink()));
  }

  /** A client who already signs in gets access to one more dossier (seed 003). */
  @Transactional(readOnly = true)
  OutgoingMail newAccess(OnboardingView onboarding) {
    ContactView contact = contacts.get(onboarding.contactId());
    Locale locale = locale(contact);
    OfferView offer = catalog.offer(onboarding.offerCode());
    boolean byStaff = onboarding.proposedBy().staffId() != null;
    String invitedBy =
        byStaff
            ? staff.get(onboarding.proposedBy().staffId()).displayName()
            : clientName(onboarding.proposedBy().accountId());
    return new OutgoingMail(
        new MailKey("onboarding", onboarding.id(), MailKind.NEW_ACCESS, 0),
        contact.email(),
        contact.displayName(),
        locale,
        new MailContent.NewAccess(
            contact.displayName(),
            links.clientSignIn(),
            dossierName(onboarding.dossierId()),
            offer.name(),
            features(offer, onboarding.accessLevel(), locale),
            invitedBy,
            onboarding.customMessage(),
            byStaff ? null : invitedBy,
            accounts.forContact(contact.id()).map(AccountView::microsoft).orElse(false)));
  }

  /** To one staff member assigned to the dossier: the client is on board (seed 002). */
  @Transactional(readOnly = true)
  OutgoingMail staffClientActivated(OnboardingView onboarding, StaffView member) {
    ContactView contact = contacts.get(onboarding.contactId());
    return new OutgoingMail(
        new MailKey(
            "onboarding", onboarding.id(), MailKind.STAFF_CLIENT_ACTIVATED, (int) member.id()),
        member.email(),
        member.displayName(),
        Locale.FRENCH,
        new MailContent.StaffClientActivated(
            member.displayName(),
            contact.displayName(),
            dossierName(onboarding.dossierId()),
            links.staffDossier(onboarding.dossierId())));
  }

  /** The client signs in with Microsoft (issue 23): the mail says so and mentions no password. */
  private boolean signsInWithMicrosoft(InvitationView invitation) {
    return accounts.get(invitation.accountId()).microsoft();
  }

  private ContactView contactOf(InvitationView invitation) {
    AccountView account = accounts.get(invitation.accountId());
    return contacts.get(account.contactId());
  }

  private String dossierName(Long dossierId) {
    if (dossierId == null) {
      return "";
    }
    DossierSummary dossier = dossiers.summary(dossierId);
    return dossier.companyName();
  }

  private String invitedBy(InvitationView.InvitedBy invitedBy) {
    if (invitedBy == null) {
      return null;
    }
    if (invitedBy.staffId() != null) {
      return staff.get(invitedBy.staffId()).displayName();
    }
    return clientName(invitedBy.accountId());
  }

  /** A client who invites writes their own word; the firm's word is the firm's (null). */
  private String messageAuthor(InvitationView.InvitedBy invitedBy) {
    if (invitedBy == null || invitedBy.staffId() != null || invitedBy.accountId() == null) {
      return null;
    }
    return clientName(invitedBy.accountId());
  }

  private String clientName(Long accountId) {
    if (accountId == null) {
      return null;
    }
    return contacts.get(accounts.get(accountId).contactId()).displayName();
  }

  /**
   * What the offer lets the client do, as far as their access allows: a read-only access consults
   * (documents, dashboard) and is never promised to upload or to work in the production file.
   */
  private List<String> features(OfferView offer, AccessLevel access, Locale locale) {
    boolean writes = access == null || access == AccessLevel.READ_WRITE;
    List<String> features = new ArrayList<>();
    if (offer.consultGed()) {
      features.add(renderer.message("offer.feature.ged", locale));
    }
    if (writes && offer.uploadDocuments()) {
      features.add(renderer.message("offer.feature.upload", locale));
    }
    if (offer.mobileDashboard()) {
      features.add(renderer.message("offer.feature.mobile", locale));
    }
    if (writes && offer.productionFileAccess()) {
      features.add(renderer.message("offer.feature.production", locale));
    }
    return features;
  }

  private static Locale locale(ContactView contact) {
    return contact.language() == Language.en ? Locale.ENGLISH : Locale.FRENCH;
  }
}
