package io.passerelle.portal;

import io.passerelle.account.AccountService;
import io.passerelle.account.AccountStatus;
import io.passerelle.account.AccountView;
import io.passerelle.account.InvitationService;
import io.passerelle.account.InvitationView;
import io.passerelle.contact.ContactService;
import io.passerelle.contact.ContactView;
import io.passerelle.contact.DossierLinkService;
import io.passerelle.contact.LinkView;
import io.passerelle.domain.EmailAddresses;
import io.passerelle.dossier.DossierService;
import io.passerelle.dossier.DossierSummary;
import io.passerelle.mail.MailContent;
import io.passerelle.mail.MailDeliveryException;
import io.passerelle.mail.MailKey;
import io.passerelle.mail.MailKind;
import io.passerelle.mail.MailOutbox;
import io.passerelle.mail.OutgoingMail;
import io.passerelle.notification.NotificationService;
import io.passerelle.staff.StaffService;
import io.passerelle.staff.StaffView;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * "My link no longer works, send me a new one" (design.md, "Client portal"). The policy: nothing is
 * re-issued automatically — the dossier's team decides. For an address whose account still awaits
 * activation (PENDING or NOT_INVITED), the staff assigned to the dossier of its latest invitation
 * (or, never invited, of its first live access) get an inbox notification {@code
 * NEW_LINK_REQUESTED}, and the dossier's manager a STAFF_NOTICE mail; at most once per account and
 * day (the inbox's dedup key and the mail's key carry the day). Unknown addresses, active accounts
 * (they sign in or reset their password) and disabled ones get nothing. The person always gets the
 * same page at once: the work runs afterwards ({@link BackgroundWork}).
 */
@Service
public class NewLinkRequests {

  static final String NOTIFICATION_TYPE = "NEW_LINK_REQUESTED";
  private static final Logger LOG = LoggerFactory.getLogger(NewLinkRequests.class);

  private final BackgroundWork background;
  private final AccountService accounts;
  private final InvitationService invitations;
  private final ContactService contacts;
  private final DossierLinkService links;
  private final DossierService dossiers;
  private final StaffService staff;
  private final NotificationService notifications;
  private final MailOutbox outbox;
  private final PortalLinks portalLinks;
  private final Clock clock;

  NewLinkRequests(
      BackgroundWork background,
      AccountService accounts,
      InvitationService invitations,
      ContactService contacts,
      DossierLinkService links,
      DossierService dossiers,
      StaffService staff,
      NotificationService notifications,
      MailOutbox outbox,
      PortalLinks portalLinks,
      Clock clock) {
    this.background = background;
    this.accounts = accounts;
    this.invitations = invitations;
    this.contacts = contacts;
    this.links = links;
    this.dossiers = dossiers;
    this.staff = staff;
    this.notifications = notifications;
    this.outbox = outbox;
    this.portalLinks = portalLinks;
    this.clock = clock;
  }

  /** Takes the request; the lookup and the notice happen after the answer. */
  public void request(String email) {
    String address = EmailAddresses.clean(email);
    background.submit("new link request", () -> handle(address));
  }

  void handle(String email) {
    Optional<AccountView> found = accounts.byEmail(email);
    if (found.isEmpty()) {
      return;
    }
    AccountView account = found.get();
    if (account.status() != AccountStatus.PENDING
        && account.status() != AccountStatus.NOT_INVITED) {
      return;
    }
    List<InvitationView> history = invitations.forAccount(account.id());
    InvitationView latest = history.isEmpty() ? null : history.getFirst();
    Long dossierId = latest != null && latest.dossierId() != null ? latest.dossierId() : null;
    if (dossierId == null) {
      dossierId =
          links.forContact(account.contactId(), false).stream()
              .map(LinkView::dossierId)
              .findFirst()
              .orElse(null);
    }
    if (dossierId == null) {
      LOG.info("New link asked for account {}, which has no dossier: nobody to tell", account.id());
      return;
    }
    long day = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).toEpochDay();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("accountId", account.id());
    if (latest != null) {
      details.put("invitationId", latest.id());
      details.put("invitationStatus", latest.status().name());
    }
    int added =
        notifications.notifyAssignedStaff(
            dossierId,
            NOTIFICATION_TYPE,
            account.contactId(),
            details,
            "new-link-request/account-" + account.id() + "/day-" + day);
    mailManager(account, latest, dossierId, day, added);
  }

  /** Tells the dossier's manager by mail too, a courtesy: the inbox has the request already. */
  private void mailManager(
      AccountView account, InvitationView latest, long dossierId, long day, int added) {
    DossierSummary dossier = dossiers.summary(dossierId);
    StaffView manager = staff.get(dossier.managerId());
    ContactView contact = contacts.get(account.contactId());
    var mail =
        new OutgoingMail(
            new MailKey("new-link-request", account.id(), MailKind.STAFF_NOTICE, (int) day),
            manager.email(),
            manager.displayName(),
            Locale.FRENCH,
            new MailContent.StaffNotice(
                manager.displayName(),
                "nouveau lien demandé pour " + dossier.companyName(),
                body(contact, account, dossier, latest),
                portalLinks.staffDossier(dossierId)));
    try {
      outbox.send(mail);
    } catch (MailDeliveryException e) {
      // the inbox has the request already; the mail is a courtesy
      LOG.warn(
          "New link request of account {}: notice to {} not sent ({} inbox notifications): {}",
          account.id(),
          manager.username(),
          added,
          e.getMessage());
    }
  }

  private static String body(
      ContactView contact, AccountView account, DossierSummary dossier, InvitationView latest) {
    String state =
        latest == null
            ? "Aucune invitation ne lui a encore été envoyée."
            : switch (latest.status()) {
              case EXPIRED -> "Sa dernière invitation a expiré.";
              case CANCELLED -> "Sa dernière invitation a été annulée.";
              case SUPERSEDED -> "Sa dernière invitation a été remplacée.";
              case BOUNCED -> "Sa dernière invitation n’a pas pu être distribuée.";
              case PENDING_SEND -> "Son invitation n’est pas encore partie.";
              case SENT -> "Son invitation est toujours valable : il ne la retrouve peut-être pas.";
              case ACCEPTED -> "Son invitation a déjà été acceptée.";
            };
    return contact.displayName()
        + " ("
        + account.email()
        + ") demande un nouveau lien pour activer son espace client sur le dossier "
        + dossier.companyName()
        + ". "
        + state
        + " Si l’accès doit lui être donné, renvoyez l’invitation depuis le dossier ; sinon, il"
        + " n’y a rien à faire. Passerelle n’envoie rien au client de lui-même.";
  }
}
