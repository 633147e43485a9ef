package io.passerelle.workers.guest;

import io.passerelle.workers.support.BusinessRuleException;
import io.passerelle.workers.support.RetryLater;

/**
 * The steps of {@code Process_MicrosoftGuestInvitation} (issue 23), implemented by the application
 * over Microsoft Graph. Every method is idempotent for the key named on it. Business refusals are
 * {@link BusinessRuleException}s with the codes named on each method. Technical failures: Graph
 * throttling (429) or down (5xx) implement {@link RetryLater} with Graph's Retry-After as the wait;
 * credentials refused by Microsoft Entra ID implement it with {@link RetryLater#needsAPerson()} for
 * the first job that meets them (one incident saying what to fix) and as a refusal that costs no
 * retry for the others while the refusal lasts (they wait, no incident each).
 */
public interface GuestInvitationSteps {

  /**
   * Invites the onboarding's contact as a guest of the firm's tenant, unless the contact is already
   * a member, or a guest who accepted. Idempotent per {@link InviteRequest#requestKey()}: a
   * redelivered job sends nothing again; a new entry into the task (the staff's "retry") does.
   *
   * @throws BusinessRuleException {@code GUEST_INVITATION_REFUSED} when Graph refuses the data
   *     (invalid address, domain blocked by the cross-tenant access policy), carrying {@link
   *     Refusal} for the staff task
   */
  GuestInvited inviteGuest(InviteRequest request);

  /** Sends the guest invitation again (reminder 1 or 2); idempotent per reminder number. */
  void resendGuestInvitation(long onboardingId, int reminderNumber);

  /**
   * Reads the guest's state in the tenant; records the acceptance once.
   *
   * @throws BusinessRuleException {@code GUEST_IDENTITY_MISMATCH} when the guest redeemed with
   *     another address than the contact's; {@code GUEST_REMOVED} when the guest is no longer in
   *     the tenant
   */
  GuestChecked checkGuest(long onboardingId);

  /** The staff kept the guest as it is: the guest invitation counts as accepted. Idempotent. */
  void acceptGuestAsIs(long onboardingId);

  /**
   * What the invite task asks for.
   *
   * @param requestKey the job's element instance key: the idempotency key of this task entry
   * @param processInstanceKey the {@code Process_MicrosoftGuestInvitation} instance (its user tasks
   *     are the onboarding's)
   */
  record InviteRequest(long onboardingId, long requestKey, long processInstanceKey) {}

  /**
   * The invitation's outcome; the field names are the process variables.
   *
   * @param guestAccepted the contact is in the tenant already (member, or guest who accepted)
   * @param dossierManager who gets the staff tasks
   */
  record GuestInvited(boolean guestAccepted, String dossierManager) {}

  /** The check's outcome; the field name is the process variable. */
  record GuestChecked(boolean guestAccepted) {}

  /**
   * The variables a refused invitation's BPMN error carries; the boundary event's output mapping
   * makes {@code manager} the process's {@code dossierManager} (error variables reach the process
   * only through the catch event's mappings).
   */
  record Refusal(String manager) {}
}
