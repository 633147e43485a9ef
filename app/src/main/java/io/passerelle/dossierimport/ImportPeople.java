package io.passerelle.dossierimport;

import io.passerelle.contact.ContactService;
import io.passerelle.contact.ContactStatus;
import io.passerelle.contact.ContactView;
import io.passerelle.contact.Language;
import io.passerelle.contact.NewContact;
import io.passerelle.contact.SubscriberType;
import io.passerelle.domain.DomainException;
import io.passerelle.domain.DomainException.FieldError;
import io.passerelle.domain.EmailAddresses;
import io.passerelle.domain.Texts;
import io.passerelle.staff.StaffRole;
import io.passerelle.staff.StaffService;
import io.passerelle.staff.StaffView;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * The people a line names, checked against the firm: the dossier's manager (a manager or the
 * administrator; the importer when the column is empty and they are a manager), its collaborators
 * (active staff, by username), and the director to link, checked as the contacts feature will check
 * them, whom only the dossier's manager or the administrator may give access (seed 003).
 */
@Component
class ImportPeople {

  private static final Pattern STAFF_LIST = Pattern.compile("[|,;\\s]+");

  private final StaffService staff;
  private final ContactService contacts;

  ImportPeople(StaffService staff, ContactService contacts) {
    this.staff = staff;
    this.contacts = contacts;
  }

  void manager(ImportPlan plan, String username, StaffView me) {
    if (username == null) {
      if (me.administrator()) {
        plan.error(
            ImportColumn.RESPONSABLE, "REQUIRED", "Name the dossier's manager (their username).");
      } else {
        plan.managerId = me.id();
      }
      return;
    }
    Optional<StaffView> manager = staff.findByUsername(username).filter(StaffView::active);
    if (manager.isEmpty()) {
      plan.error(ImportColumn.RESPONSABLE, "STAFF_UNKNOWN", unknownStaff(username));
    } else if (manager.get().role() == StaffRole.STAFF) {
      plan.error(
          ImportColumn.RESPONSABLE,
          "MANAGER_ROLE_REQUIRED",
          manager.get().displayName() + " is not a manager (role MANAGER or ADMIN).");
    } else {
      plan.managerId = manager.get().id();
    }
  }

  void collaborators(ImportPlan plan, String value) {
    if (value == null) {
      return;
    }
    Set<Long> ids = new LinkedHashSet<>();
    for (String username : STAFF_LIST.split(value)) {
      if (username.isBlank()) {
        continue;
      }
      Optional<StaffView> member = staff.findByUsername(username).filter(StaffView::active);
      if (member.isEmpty()) {
        plan.error(ImportColumn.COLLABORATEURS, "STAFF_UNKNOWN", unknownStaff(username));
      } else {
        ids.add(member.get().id());
      }
    }
    plan.staffIds = List.copyOf(ids);
  }

  private static String unknownStaff(String username) {
    return "No active staff member has the username '" + Texts.abbreviate(username, 40) + "'.";
  }

  void director(ImportPlan plan, Map<ImportColumn, String> cells, StaffView me) {
    String email = cells.get(ImportColumn.DIRIGEANT_EMAIL);
    String first = cells.get(ImportColumn.DIRIGEANT_PRENOM);
    String last = cells.get(ImportColumn.DIRIGEANT_NOM);
    String phone = cells.get(ImportColumn.DIRIGEANT_TELEPHONE);
    if (email == null) {
      if (first != null || last != null || phone != null) {
        plan.error(
            ImportColumn.DIRIGEANT_EMAIL,
            "REQUIRED",
            "Give the director's e-mail address, or leave their columns empty.");
      }
      return;
    }
    if (plan.managerId != null && !me.administrator() && plan.managerId != me.id()) {
      plan.error(
          ImportColumn.DIRIGEANT_EMAIL,
          "DIRECTOR_MANAGER_ONLY",
          "Only the dossier's manager or the office administrator gives its director access:"
              + " import this line as its manager, or without the director.");
      return;
    }
    NewContact contact =
        new NewContact(
            first,
            last,
            null,
            null,
            SubscriberType.CLIENT,
            null,
            EmailAddresses.clean(email),
            phone,
            "DIRIGEANT",
            false,
            Language.fr);
    if (directorAcceptable(plan, contact)) {
      plan.director = contact;
    }
  }

  /** The director as the contacts feature checks them; a person who is not a client is refused. */
  private boolean directorAcceptable(ImportPlan plan, NewContact contact) {
    try {
      contacts.check(contact);
      Optional<ContactView> existing = contacts.byEmail(contact.email());
      if (existing.isPresent()
          && existing.get().status() != ContactStatus.ERASED
          && existing.get().subscriberType() != SubscriberType.CLIENT) {
        plan.error(
            ImportColumn.DIRIGEANT_EMAIL,
            "HOLDER_MUST_BE_CLIENT",
            "This address belongs to a contact who is not a client (an advisor, a family"
                + " member, an employee): a director holds the dossier.");
        return false;
      }
      return true;
    } catch (DomainException e) {
      for (FieldError error : e.fieldErrors()) {
        plan.errors.add(
            new FieldError(directorColumn(error.field()), error.code(), error.message()));
      }
      if (e.fieldErrors().isEmpty()) {
        plan.error(ImportColumn.DIRIGEANT_EMAIL, e.code(), e.getMessage());
      }
      return false;
    }
  }

  private static String directorColumn(String field) {
    return switch (field) {
      case "firstName" -> ImportColumn.DIRIGEANT_PRENOM.header();
      case "lastName" -> ImportColumn.DIRIGEANT_NOM.header();
      case "phone" -> ImportColumn.DIRIGEANT_TELEPHONE.header();
      case "organisationalRoleCode" -> "dirigeant (rôle DIRIGEANT)";
      default -> ImportColumn.DIRIGEANT_EMAIL.header();
    };
  }
}
