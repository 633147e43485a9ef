package io.passerelle.portal;

import io.passerelle.contact.AccessLevel;
import io.passerelle.contact.Language;
import io.passerelle.contact.SubscriberType;
import io.passerelle.domain.Actor;

/**
 * How the client's space starts an invitation: the journey's {@code OnboardingService.propose} with
 * the client as actor (adapter: {@link OnboardingClientInvitations}). Refusals are {@code
 * DomainException}s with the codes of {@code DossierLinkService.grantByClient} (HOLDER_ONLY,
 * CLIENT_NOT_ACTIVE, ACCESS_ABOVE_INVITER, CLIENT_MAY_INVITE_FAMILY_OR_EMPLOYEES,
 * ADVISOR_ACCESS_MANAGER_ONLY…) or of the contact's data (INVALID_EMAIL, ROLE_MISSING…).
 */
public interface ClientInvitations {

  /** A person a holder invites to their dossier. */
  record Invite(
      long dossierId,
      String firstName,
      String lastName,
      String email,
      SubscriberType subscriberType,
      String organisationalRoleCode,
      AccessLevel accessLevel,
      String offerCode,
      Language language,
      String customMessage) {}

  void invite(Invite invite, Actor.Client inviter);
}
