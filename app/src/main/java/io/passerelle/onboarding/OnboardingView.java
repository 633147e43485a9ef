package io.passerelle.onboarding;

import io.passerelle.contact.AccessLevel;
import io.passerelle.microsoft.Identity;
import java.time.Instant;

/**
 * An onboarding as staff, pages and the API see it: ids and flags, never the new contact's data
 * (read the contact once it exists).
 *
 * @param contactId null until the create-contact step has run for a new contact
 * @param invitationProcessKey the running {@code Process_ClientInvitation} call, when there is one
 * @param identity the offer's identity when the onboarding was requested: MICROSOFT = the guest
 *     invitation to the firm's tenant comes before the service invitation (issue 23)
 */
public record OnboardingView(
    long id,
    long dossierId,
    Long contactId,
    String offerCode,
    String limitedTo,
    AccessLevel accessLevel,
    boolean holder,
    String customMessage,
    boolean sendNow,
    ProposedBy proposedBy,
    Long bulkItemId,
    OnboardingStatus status,
    String rejectionCode,
    Long serviceId,
    Long accountId,
    Long processInstanceKey,
    Long invitationProcessKey,
    Instant createdAt,
    Instant startedAt,
    Instant endedAt,
    Identity identity) {

  /** Who proposed: a staff member ({@code STAFF}) or a client inviting someone ({@code CLIENT}). */
  public record ProposedBy(String kind, Long staffId, Long accountId) {}

  /** True when the client signs in with Microsoft (the guest invitation comes first). */
  public boolean microsoft() {
    return identity == Identity.MICROSOFT;
  }

  /** {@code "onboarding-<id>"}: the correlation key of this onboarding's messages. */
  public String onboardingKey() {
    return io.passerelle.processes.ProcessNames.onboardingKey(id);
  }
}
