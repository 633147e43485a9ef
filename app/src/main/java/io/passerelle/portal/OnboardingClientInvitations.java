package io.passerelle.portal;

import io.passerelle.contact.NewContact;
import io.passerelle.domain.Actor;
import io.passerelle.onboarding.OnboardingService;
import io.passerelle.onboarding.ProposeCollaborativeService;
import org.springframework.stereotype.Component;

/**
 * A holder's invitation goes through the journey like the firm's own: {@link
 * OnboardingService#propose} with the client as actor checks the holder's rules at once
 * (DossierLinkService.grantByClient), makes the contact and the link, and starts the onboarding,
 * which sends the invitation (or the "new access" notice to someone already active).
 */
@Component
class OnboardingClientInvitations implements ClientInvitations {

  private final OnboardingService onboardings;

  OnboardingClientInvitations(OnboardingService onboardings) {
    this.onboardings = onboardings;
  }

  @Override
  public void invite(Invite invite, Actor.Client inviter) {
    var person =
        new NewContact(
            invite.firstName(),
            invite.lastName(),
            null,
            null,
            invite.subscriberType(),
            null,
            invite.email(),
            null,
            invite.organisationalRoleCode(),
            false,
            invite.language());
    onboardings.propose(
        new ProposeCollaborativeService(
            invite.dossierId(),
            null,
            person,
            null,
            invite.accessLevel(),
            false,
            invite.offerCode(),
            invite.customMessage(),
            true),
        inviter);
  }
}
