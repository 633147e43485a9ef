package io.passerelle.workers.onboarding;

import io.passerelle.workers.support.BusinessRuleException;

/**
 * The firm-side steps of {@code Process_ClientOnboarding}, implemented by the application. Every
 * method is keyed by the onboarding id and must be idempotent for it: a job can be delivered more
 * than once (at-least-once), and the second call must find the work done and change nothing (no
 * second row, no second mail, no second activity entry). Business refusals are thrown as {@link
 * BusinessRuleException} with the codes named on each method; any other exception is a technical
 * failure (retried, then an incident).
 */
public interface OnboardingSteps {

  /**
   * The journey's first step: claims the onboarding for this process instance, then activates the
   * onboarding's offer on its dossier; an offer already active is left as it is. When the
   * onboarding is another instance's (a start repeated after its commit was lost), this instance is
   * cancelled and nothing else happens.
   *
   * @throws BusinessRuleException {@code OFFER_UNKNOWN}, {@code DOSSIER_UNKNOWN}
   */
  void activateOffer(long onboardingId, long processInstanceKey);

  /**
   * Creates the interlocutor from the onboarding's request, or reuses the contact that has that
   * e-mail address, and gives it its organisational role.
   *
   * @return the contact, its subscriber type ({@code CLIENT}, {@code FAMILY_MEMBER}, {@code
   *     EMPLOYEE}, {@code ADVISOR}: the reminder policy keys on it) and the new business key {@code
   *     "dossier-<dossierId>/contact-<contactId>"}
   * @throws BusinessRuleException {@code ROLE_MISSING}, {@code INVALID_EMAIL}
   */
  ContactReady createContact(long onboardingId);

  /** Links the dossier to the contact with the requested scope and access level. */
  void linkDossierToContact(long onboardingId);

  /**
   * Records the collaborative service proposed to the contact for the dossier, and says whether the
   * contact already has an active client account (then no invitation is sent).
   */
  ServiceProposal proposeService(long onboardingId);

  /** Mails the contact who already has an account that a new dossier is open to them. */
  void sendNewAccessNotice(long onboardingId);

  /** Enables the offer's summary widget on the dossier's dashboard. */
  void enableOfferWidget(long onboardingId);

  /** Tells the dossier's assigned staff (inbox entry and mail) that the client is onboarded. */
  void notifyAssignedStaff(long onboardingId);

  /** Records that the onboarding was cancelled (collaborative service, activity feed). */
  void recordCancellation(long onboardingId);

  /** Records that the onboarding was refused, with the business error code that refused it. */
  void recordRejection(long onboardingId, String rejectionCode);

  /** The contact the onboarding works with; the field names are the process variables. */
  record ContactReady(long contactId, String subscriberType, String businessKey) {}

  /**
   * The proposed service; the field names are the process variables.
   *
   * @param identity how the client signs in, the offer's {@code PASSERELLE} or {@code MICROSOFT}:
   *     MICROSOFT sends the guest invitation to the firm's tenant before the service invitation
   */
  record ServiceProposal(long serviceId, long accountId, boolean accountActive, String identity) {}
}
