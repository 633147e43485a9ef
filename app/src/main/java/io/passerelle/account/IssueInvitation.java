package io.passerelle.account;

import java.time.Duration;

/**
 * An invitation to issue for an account.
 *
 * @param onboardingId the journey's key: issuing again for the same onboarding while its link is
 *     live returns that link (a redelivered job); null outside the journey
 * @param invitedByStaffId who invited, when the actor is the system (the staff member who proposed
 *     the service); ignored when the actor is a staff member or a client (then it is them)
 * @param validity how long the link lives; null = the configured default
 * @param requestKey the journey's key of this request to issue (the job's element instance key):
 *     the same key returns the invitation issued for it the first time (a redelivered job); a new
 *     key issues a new link even for the same onboarding (a resend), superseding the live one. Null
 *     outside the journey.
 */
public record IssueInvitation(
    long accountId,
    Long dossierId,
    Long collaborativeServiceId,
    Long onboardingId,
    Long invitedByStaffId,
    String customMessage,
    Duration validity,
    Long requestKey) {

  /** A request outside the journey (no request key). */
  public IssueInvitation(
      long accountId,
      Long dossierId,
      Long collaborativeServiceId,
      Long onboardingId,
      Long invitedByStaffId,
      String customMessage,
      Duration validity) {
    this(
        accountId,
        dossierId,
        collaborativeServiceId,
        onboardingId,
        invitedByStaffId,
        customMessage,
        validity,
        null);
  }
}
