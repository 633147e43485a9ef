package io.passerelle.onboarding.web;

import io.passerelle.contact.AccessLevel;
import io.passerelle.contact.AdvisorType;
import io.passerelle.contact.Language;
import io.passerelle.contact.NewContact;
import io.passerelle.contact.SubscriberType;
import io.passerelle.onboarding.ProposeCollaborativeService;
import java.io.Serializable;

/**
 * The dossier page's "proposer un service collaboratif" form (seed 001): the offer, an existing
 * contact or a new one, their role and scope, the access level, a custom message, now or later.
 *
 * @param who {@code existant} or {@code nouveau}
 * @param requestId one per displayed form: the same form posted twice proposes once
 */
public record ProposalForm(
    String who,
    Long contactId,
    String firstName,
    String lastName,
    String companyName,
    SubscriberType subscriberType,
    AdvisorType advisorType,
    String email,
    String phone,
    String roleCode,
    Boolean consultationOnly,
    Language language,
    String limitedTo,
    AccessLevel accessLevel,
    Boolean holder,
    String offerCode,
    String customMessage,
    Boolean sendNow,
    String requestId)
    implements Serializable {

  private static final long serialVersionUID = 1L;

  public static ProposalForm empty(String requestId) {
    return new ProposalForm(
        "nouveau",
        null,
        null,
        null,
        null,
        SubscriberType.CLIENT,
        null,
        null,
        null,
        "DIRIGEANT",
        false,
        Language.fr,
        null,
        AccessLevel.READ_ONLY,
        false,
        "START",
        null,
        true,
        requestId);
  }

  public boolean existing() {
    return "existant".equals(who);
  }

  ProposeCollaborativeService command(long dossierId) {
    NewContact newContact =
        existing()
            ? null
            : new NewContact(
                firstName,
                lastName,
                companyName,
                null,
                subscriberType,
                subscriberType == SubscriberType.ADVISOR ? advisorType : null,
                email,
                phone,
                roleCode,
                Boolean.TRUE.equals(consultationOnly),
                language);
    return new ProposeCollaborativeService(
        dossierId,
        existing() ? contactId : null,
        newContact,
        limitedTo == null || limitedTo.isBlank() ? null : limitedTo.strip(),
        accessLevel,
        Boolean.TRUE.equals(holder),
        offerCode,
        customMessage,
        Boolean.TRUE.equals(sendNow));
  }
}
