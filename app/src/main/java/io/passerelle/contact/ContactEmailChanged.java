package io.passerelle.contact;

import io.passerelle.account.KilledInvitation;
import java.util.List;

/**
 * Domain event: a contact's e-mail changed. When an invitation was pending, its link died ({@code
 * killedInvitations}) and a new invitation to the new address is needed: the journey listens (after
 * commit) and publishes {@code email-changed} to each onboarding in {@code killedInvitations},
 * whose invitation sub-process then issues the new link. Carries ids only.
 */
public record ContactEmailChanged(
    long contactId, Long accountId, List<KilledInvitation> killedInvitations) {

  public boolean invitationRequired() {
    return !killedInvitations.isEmpty();
  }
}
