package io.passerelle.workers.invitation;

import io.passerelle.workers.support.BusinessRuleException;

/**
 * The steps of {@code Process_ClientInvitation}, implemented by the application. A job can be
 * delivered more than once: every method must be idempotent for the key it gets (named on each
 * method), so that a second call changes nothing and sends no second mail. Business refusals are
 * thrown as {@link BusinessRuleException} with the codes named on each method; any other exception
 * is a technical failure (retried, then an incident).
 */
public interface InvitationSteps {

  /**
   * Issues a new invitation (and its token) for the onboarding; the onboarding's previous
   * invitation, if any, is superseded and its link stops working.
   *
   * <p>Idempotent per {@link IssueRequest#requestKey()}: the engine's element instance key of this
   * task entry. A redelivered job has the same key and must get the invitation issued the first
   * time; each new entry into the task (resend, e-mail change, correction) has a new key and gets a
   * new invitation.
   */
  IssuedInvitation issueInvitation(IssueRequest request);

  /**
   * Sends the invitation mail (through the outbox, keyed by invitation and kind).
   *
   * @throws BusinessRuleException {@code MAIL_REJECTED} when the mail server refuses the address
   *     for good
   */
  void sendInvitationMail(long invitationId);

  /** Sends reminder 1 or 2 of the invitation; idempotent per invitation id and reminder number. */
  void sendReminder(long invitationId, int reminderNumber);

  /**
   * Marks the invitation EXPIRED (its link stops working); idempotent per invitation id.
   *
   * @return the username of the dossier's manager, who gets the follow-up task (required), and
   *     whether a newer link of another onboarding replaced this one and was not cancelled: then
   *     that onboarding follows up, and this one waits for the activation without a task
   */
  Expiry expireInvitation(long invitationId);

  /**
   * Makes the expired invitation valid again with the same link; idempotent per invitation id (the
   * follow-up task's completion is recorded once).
   */
  void extendInvitation(long invitationId, String linkValidity);

  /**
   * Cancels every invitation of the onboarding that still works (their links stop working, no more
   * reminders); idempotent per onboarding id. Keyed by the onboarding because a cancellation can
   * arrive before the first invitation was issued.
   */
  void cancelInvitations(long onboardingId);

  /**
   * Marks the invitation BOUNCED (no more mail to that address); idempotent per invitation id.
   *
   * @return the username of the dossier's manager, who gets the correction task (required)
   */
  ManagerToAsk markBounced(long invitationId);

  /**
   * Stores the corrected e-mail address on the contact; setting the same address again changes
   * nothing.
   *
   * @throws BusinessRuleException {@code INVALID_EMAIL} when the address is still not valid
   */
  void correctContactEmail(long onboardingId, long contactId, String correctedEmail);

  /**
   * Records the activation: invitation accepted, client account ACTIVE; idempotent per invitation
   * id.
   */
  void recordActivation(long invitationId);

  /**
   * What the issue-invitation task asks for.
   *
   * @param requestKey the job's element instance key: the idempotency key of this task entry
   * @param invitationProcessKey the {@code Process_ClientInvitation} instance that waits for this
   *     invitation (its user tasks are the onboarding's)
   * @param linkValidity how long the link lives, an ISO-8601 duration (the reminder policy's
   *     expiry), or null for the configured default
   */
  record IssueRequest(
      long onboardingId, long requestKey, long invitationProcessKey, String linkValidity) {}

  /** The issued invitation; the field name is the process variable. */
  record IssuedInvitation(long invitationId) {}

  /** Who decides the next step; the field name is the process variable. */
  record ManagerToAsk(String dossierManager) {}

  /** The expiry's outcome; the field names are the process variables. */
  record Expiry(String dossierManager, boolean followedUpElsewhere) {}
}
