package io.passerelle.contact;

import io.passerelle.account.KilledInvitation;
import java.util.List;

/**
 * Domain event: a contact's e-mail changed. {@code activeLoginChanged}: the contact's account was
 * ACTIVE and now signs in with another mailbox; the portal then ends its sessions and reset links
 * (in the same transaction) and tells {@code previousEmail} (after commit). {@code previousEmail}
 * lives only in memory, only in that case.
 *
 * <p>A contact's e-mail changed. When an invitation was pending, its link died ({@code
 * killedInvitations}) and a new invitation to the new address is needed: the journey listens (after
 * commit) and publishes {@code email-changed} to each onboarding in {@code killedInvitations},
 * whose invitation sub-process then issues the new link. Carries ids only.
 */
public record ContactEmailChanged(
    long contactId,
    Long accountId,
    List<KilledInvitation> killedInvitations,
    String previousEmail,
    boolean activeLoginChanged) {

  public ContactEmailChanged(
      long contactId, Long accountId, List<KilledInvitation> killedInvitations) {
    this(contactId, accountId, killedInvitations, null, false);
  }

  @Override
  public String toString() {
    return "ContactEmailChanged[contactId="
        + contactId
        + ", accountId="
        + accountId
        + ", activeLoginChanged="
        + activeLoginChanged
        + "]";
  }

  public boolean invitationRequired() {
    return !killedInvitations.isEmpty();
  }
}
