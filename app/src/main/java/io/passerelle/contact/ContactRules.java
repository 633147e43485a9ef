package io.passerelle.contact;

import io.passerelle.catalog.CatalogService;
import io.passerelle.catalog.RoleView;
import io.passerelle.domain.Actor;
import io.passerelle.domain.CommonErrors;
import io.passerelle.domain.DomainException;
import io.passerelle.domain.DomainException.FieldError;
import io.passerelle.domain.Texts;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * The rules a contact's data follows (seed 000): names, subscriber and advisor type, phone, an
 * organisational role from the catalogue; and the refusals the contact use cases share.
 */
@Component
class ContactRules {

  private static final Pattern PHONE = Pattern.compile("[+0-9 ().-]{4,30}");

  private final CatalogService catalog;

  ContactRules(CatalogService catalog) {
    this.catalog = catalog;
  }

  /**
   * The checked details of a new contact; every field error at once ({@code VALIDATION_FAILED}).
   */
  Contact.ContactDetails details(NewContact request) {
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
    subscriberType(request, errors);
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

  /** The subscriber type is given, and an advisor type with it for an advisor only. */
  private static void subscriberType(NewContact request, List<FieldError> errors) {
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

  /**
   * A client invites family members and employees: an address the firm gave an advisor, a client,
   * or a contact it deactivated or erased is never reused (nor its account enabled again). The
   * refusal says no more than that the firm must do it.
   */
  static void refuseForClient(Contact contact) {
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

  static void requireStaffOrSystem(Actor actor, String what) {
    if (actor instanceof Actor.Client) {
      throw DomainException.forbidden(
          ContactErrors.STAFF_ONLY, "Only the firm's staff may " + what + " directly.");
    }
  }

  static DomainException emailTaken(Contact existing) {
    return DomainException.conflict(
        CommonErrors.CONTACT_EMAIL_TAKEN,
        "email",
        "Another contact (id "
            + existing.getId()
            + ") already uses this e-mail address"
            + (existing.getStatus() == ContactStatus.DEACTIVATED ? " (deactivated)" : "")
            + ".");
  }
}
