package io.passerelle.dossiercreation;

import io.passerelle.catalog.CatalogService;
import io.passerelle.contact.AccessLevel;
import io.passerelle.contact.ContactService;
import io.passerelle.contact.ContactStatus;
import io.passerelle.contact.DossierLinkService;
import io.passerelle.contact.Language;
import io.passerelle.contact.LinkTerms;
import io.passerelle.contact.NewContact;
import io.passerelle.contact.SubscriberType;
import io.passerelle.domain.DomainException;
import io.passerelle.domain.DomainException.FieldError;
import io.passerelle.domain.EmailAddresses;
import io.passerelle.domain.Texts;
import io.passerelle.staff.StaffView;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * The director a request names, checked as the journey will check them when it proposes their
 * space: inviting them is external access (seed 003), so only the dossier's future manager or the
 * administrator names one; the contact, their role, their link's terms and the offer are checked by
 * the features that own them, their errors under {@code director.}.
 */
@Component
class DirectorCheck {

  /** The organisational role a director gets when the request names none. */
  static final String DEFAULT_DIRECTOR_ROLE = "DIRIGEANT";

  static final String DEFAULT_OFFER = "START";
  static final int MAX_MESSAGE = 2000;

  private final CatalogService catalog;
  private final ContactService contacts;
  private final DossierLinkService links;

  DirectorCheck(CatalogService catalog, ContactService contacts, DossierLinkService links) {
    this.catalog = catalog;
    this.contacts = contacts;
    this.links = links;
  }

  /** The director cleaned and checked, with the offer to propose them; null when none is named. */
  DirectorDetails check(DirectorDetails input, long managerId, StaffView me) {
    if (input == null) {
      return null;
    }
    if (!me.administrator() && me.id() != managerId) {
      throw DomainException.forbidden(
          "DIRECTOR_INVITATION_MANAGER_ONLY",
          "Only the dossier's manager or the office administrator invites its director (external"
              + " access, seed 003): leave the director out, the manager invites them later.");
    }
    DirectorDetails clean = clean(input);
    String offerCode;
    try {
      contacts.check(newContact(clean));
      catalog.requireRole(clean.organisationalRoleCode(), "organisationalRoleCode");
      checkTerms(clean);
      String wanted = Texts.trimToNull(input.offerCode());
      offerCode = catalog.activeOffer(wanted == null ? DEFAULT_OFFER : wanted).code();
    } catch (DomainException e) {
      throw prefixed(e, "director.");
    }
    return new DirectorDetails(
        clean.firstName(),
        clean.lastName(),
        clean.email(),
        clean.phone(),
        clean.organisationalRoleCode(),
        clean.limitedTo(),
        clean.accessLevel(),
        offerCode,
        clean.customMessage());
  }

  /** Trimmed, the defaults applied (role, access level), the message's length checked. */
  private static DirectorDetails clean(DirectorDetails input) {
    String role = Texts.trimToNull(input.organisationalRoleCode());
    role = role == null ? DEFAULT_DIRECTOR_ROLE : role.toUpperCase(Locale.ROOT);
    AccessLevel level = input.accessLevel() == null ? AccessLevel.READ_WRITE : input.accessLevel();
    String limitedTo = LinkTerms.scope(input.limitedTo());
    String message = Texts.trimToNull(input.customMessage());
    if (message != null && message.length() > MAX_MESSAGE) {
      throw DomainException.invalid(
          "TOO_LONG",
          "director.customMessage",
          "A custom message has at most " + MAX_MESSAGE + " characters.");
    }
    return new DirectorDetails(
        Texts.trimToNull(input.firstName()),
        Texts.trimToNull(input.lastName()),
        EmailAddresses.clean(input.email()),
        Texts.trimToNull(input.phone()),
        role,
        limitedTo,
        level,
        null,
        message);
  }

  /** The link's terms, as they would apply to the contact the address is (or will be). */
  private void checkTerms(DirectorDetails clean) {
    LinkTerms terms = new LinkTerms(clean.limitedTo(), clean.accessLevel(), true);
    var existing = contacts.byEmail(clean.email());
    if (existing.isPresent() && existing.get().status() == ContactStatus.ACTIVE) {
      links.checkTerms(existing.get().subscriberType(), existing.get().consultationOnly(), terms);
    } else {
      links.checkTerms(SubscriberType.CLIENT, false, terms);
    }
  }

  static NewContact newContact(DirectorDetails director) {
    return new NewContact(
        director.firstName(),
        director.lastName(),
        null,
        null,
        SubscriberType.CLIENT,
        null,
        director.email(),
        director.phone(),
        director.organisationalRoleCode(),
        false,
        Language.fr);
  }

  private static DomainException prefixed(DomainException e, String prefix) {
    List<FieldError> fields =
        e.fieldErrors().stream()
            .map(f -> new FieldError(prefix + f.field(), f.code(), f.message()))
            .toList();
    return new DomainException(e.kind(), e.code(), e.getMessage(), fields);
  }
}
