package io.passerelle.onboarding;

/** Filters of the onboarding list; null = any. */
public record OnboardingFilter(
    Long dossierId, Long contactId, OnboardingStatus status, String offerCode, Long bulkId) {

  public static OnboardingFilter none() {
    return new OnboardingFilter(null, null, null, null, null);
  }
}
