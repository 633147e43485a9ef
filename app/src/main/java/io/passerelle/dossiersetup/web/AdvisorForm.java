package io.passerelle.dossiersetup.web;

import io.passerelle.contact.AccessLevel;
import io.passerelle.contact.AdvisorType;
import io.passerelle.delegation.NewAdvisor;
import io.passerelle.web.pages.FormErrors;
import java.io.Serializable;
import java.util.Map;

/**
 * The dossier page's "Ajouter un conseiller" (seed 003): who the advisor is, which kind (banker,
 * notary, lawyer, other: required), their access, and whether they are invited now.
 *
 * @param requestId one per displayed form: the same form posted twice registers (and invites) once
 */
public record AdvisorForm(
    String firstName,
    String lastName,
    String companyName,
    AdvisorType advisorType,
    String email,
    String phone,
    AccessLevel accessLevel,
    Boolean invite,
    Boolean sendNow,
    String customMessage,
    String requestId)
    implements Serializable {

  private static final long serialVersionUID = 1L;

  public static AdvisorForm empty(String requestId) {
    return new AdvisorForm(
        null, null, null, null, null, null, AccessLevel.READ_ONLY, false, true, null, requestId);
  }

  NewAdvisor advisor() {
    return new NewAdvisor(firstName, lastName, companyName, advisorType, email, phone, null);
  }

  /** The service's field names and the form's (ids {@code advisor-…}), with their labels. */
  static FormErrors.Field field(String serviceField) {
    String label = LABELS.get(serviceField);
    return label == null ? null : new FormErrors.Field("advisor-" + serviceField, label);
  }

  private static final Map<String, String> LABELS =
      Map.ofEntries(
          Map.entry("firstName", "Prénom"),
          Map.entry("lastName", "Nom"),
          Map.entry("companyName", "Cabinet ou établissement"),
          Map.entry("advisorType", "Type de conseil"),
          Map.entry("email", "E-mail"),
          Map.entry("phone", "Téléphone"),
          Map.entry("accessLevel", "Accès"),
          Map.entry("customMessage", "Message personnalisé"));
}
