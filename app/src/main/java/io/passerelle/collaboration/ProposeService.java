package io.passerelle.collaboration;

/**
 * Propose an offer to a contact for a dossier.
 *
 * @param onboardingId the journey's idempotency key (one service per onboarding); null outside it
 * @param proposedByStaffId who proposed, when the actor is the system; ignored otherwise
 */
public record ProposeService(
    Long onboardingId, long dossierId, long contactId, String offerCode, Long proposedByStaffId) {}
