package io.passerelle.onboarding;

/**
 * The result for one contact of a bulk invitation.
 *
 * @param onboardingStatus where its onboarding stands, when one started
 */
public record BulkItemView(
    long id,
    long dossierId,
    long contactId,
    String status,
    String reason,
    Long onboardingId,
    OnboardingStatus onboardingStatus) {}
