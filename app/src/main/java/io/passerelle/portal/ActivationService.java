package io.passerelle.portal;

import io.passerelle.account.AccountService;
import io.passerelle.account.AccountView;
import io.passerelle.account.InvitationService;
import io.passerelle.account.InvitationStatus;
import io.passerelle.account.InvitationView;
import io.passerelle.catalog.CatalogService;
import io.passerelle.catalog.OfferView;
import io.passerelle.collaboration.CollaborationService;
import io.passerelle.contact.ContactService;
import io.passerelle.contact.ContactView;
import io.passerelle.contact.Language;
import io.passerelle.domain.CommonErrors;
import io.passerelle.domain.DomainException;
import io.passerelle.domain.PasswordPolicy;
import io.passerelle.dossier.DossierService;
import io.passerelle.firm.FirmProperties;
import io.passerelle.staff.StaffService;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * What the activation pages do with a link. Opening it ({@link #open}) reads and consumes nothing:
 * mail scanners that fetch links do no harm. Only {@link #activate} uses it, through {@link
 * InvitationService#accept}, which closes the invitation and activates the account in one
 * transaction under a lock on the account: a double submit activates once, and the second one is
 * told the space is already active.
 */
@Service
public class ActivationService {

  /** What the confirmation page shows about the invitation. */
  public record Invitation(
      String token,
      long accountId,
      String email,
      Language language,
      String recipientName,
      String firmName,
      String dossierName,
      String invitedBy,
      OfferView offer,
      String customMessage,
      Instant expiresAt,
      boolean microsoft) {}

  /** What a submit of the activation form came to. */
  public sealed interface Outcome {
    /** The space is active; the client is to be signed in. */
    record Activated(AccountView account) implements Outcome {}

    /** The link was used already (a second submit): the client signs in. */
    record AlreadyActivated(Language language) implements Outcome {}

    /**
     * The client signs in with Microsoft (issue 23): no password is ever set; the page again, with
     * "Se connecter avec Microsoft".
     */
    record SignInWithMicrosoft(Invitation invitation) implements Outcome {}

    /** The password breaks a rule: the form again, nothing consumed. */
    record Refused(Invitation invitation, PasswordPolicy.Violation violation) implements Outcome {}

    /** Unknown, malformed, expired, cancelled, replaced: the one "link no longer works" page. */
    record Dead() implements Outcome {}
  }

  private final InvitationService invitations;
  private final AccountService accounts;
  private final ContactService contacts;
  private final DossierService dossiers;
  private final CollaborationService services;
  private final CatalogService catalog;
  private final StaffService staff;
  private final FirmProperties firm;
  private final PasswordPolicy policy;
  private final Clock clock;

  ActivationService(
      InvitationService invitations,
      AccountService accounts,
      ContactService contacts,
      DossierService dossiers,
      CollaborationService services,
      CatalogService catalog,
      StaffService staff,
      FirmProperties firm,
      PasswordPolicy policy,
      Clock clock) {
    this.invitations = invitations;
    this.accounts = accounts;
    this.contacts = contacts;
    this.dossiers = dossiers;
    this.services = services;
    this.catalog = catalog;
    this.staff = staff;
    this.firm = firm;
    this.policy = policy;
    this.clock = clock;
  }

  /** The live, unexpired invitation behind the link, for the confirmation page. */
  public Optional<Invitation> open(String token) {
    return invitations.findLive(token).filter(this::unexpired).map(i -> describe(i, token));
  }

  public Outcome activate(String token, String password, String confirmation) {
    Optional<InvitationView> found = invitations.findByToken(token);
    if (found.isEmpty()) {
      return new Outcome.Dead();
    }
    InvitationView invitation = found.get();
    if (invitation.status() == InvitationStatus.ACCEPTED) {
      return new Outcome.AlreadyActivated(languageOf(invitation.accountId()));
    }
    if (!invitation.status().live() || !unexpired(invitation)) {
      return new Outcome.Dead();
    }
    Invitation described = describe(invitation, token);
    if (described.microsoft()) {
      return new Outcome.SignInWithMicrosoft(described);
    }
    var violation = policy.check(password, confirmation, described.email());
    if (violation.isPresent()) {
      return new Outcome.Refused(described, violation.get());
    }
    try {
      var acceptance = invitations.accept(token, password);
      return new Outcome.Activated(accounts.get(acceptance.accountId()));
    } catch (DomainException e) {
      return switch (e.errorCode()) {
        case CommonErrors.PASSWORD_TOO_SHORT ->
            new Outcome.Refused(described, PasswordPolicy.Violation.TOO_SHORT);
        case CommonErrors.PASSWORD_IS_EMAIL ->
            new Outcome.Refused(described, PasswordPolicy.Violation.IS_EMAIL);
        case CommonErrors.TOO_LONG ->
            new Outcome.Refused(described, PasswordPolicy.Violation.TOO_LONG);
        default ->
            // a concurrent submit won the race, or the link died meanwhile
            invitations
                    .findByToken(token)
                    .filter(i -> i.status() == InvitationStatus.ACCEPTED)
                    .isPresent()
                ? new Outcome.AlreadyActivated(described.language())
                : new Outcome.Dead();
      };
    }
  }

  private boolean unexpired(InvitationView invitation) {
    return invitation.expiresAt().isAfter(clock.instant());
  }

  private Language languageOf(long accountId) {
    return contacts.get(accounts.get(accountId).contactId()).language();
  }

  private Invitation describe(InvitationView invitation, String token) {
    AccountView account = accounts.get(invitation.accountId());
    ContactView contact = contacts.get(account.contactId());
    String dossierName =
        invitation.dossierId() == null
            ? null
            : dossiers.summary(invitation.dossierId()).companyName();
    OfferView offer =
        invitation.collaborativeServiceId() == null
            ? null
            : catalog.offer(services.get(invitation.collaborativeServiceId()).offerCode());
    return new Invitation(
        token,
        account.id(),
        account.email(),
        contact.language(),
        contact.displayName(),
        firm.name(),
        dossierName,
        invitedBy(invitation.invitedBy()),
        offer,
        invitation.customMessage(),
        invitation.expiresAt(),
        account.microsoft());
  }

  private String invitedBy(InvitationView.InvitedBy by) {
    if (by == null) {
      return null;
    }
    if (by.staffId() != null) {
      return staff.get(by.staffId()).displayName();
    }
    if (by.accountId() != null) {
      return contacts.get(accounts.get(by.accountId()).contactId()).displayName();
    }
    return null;
  }
}
