package io.passerelle.onboarding;

import java.time.Instant;
import java.util.Map;

/**
 * A bulk invitation and its progress: how many items are in each state ({@code PENDING}: not
 * processed yet, {@code STARTED}: the contact's onboarding started, {@code INVALID_EMAIL}, {@code
 * SKIPPED}, {@code FAILED}), and where the onboardings it started stand: the clients still to
 * activate their access ({@code clientsToActivate}) and those on board ({@code clientsOnboarded}).
 */
public record BulkInvitationView(
    long id,
    String offerCode,
    String customMessage,
    long createdByStaffId,
    String status,
    int itemCount,
    Map<String, Long> counts,
    long clientsToActivate,
    long clientsOnboarded,
    Instant createdAt,
    Instant startedAt,
    Instant completedAt) {

  /** Items whose step has run. */
  public long settled() {
    return itemCount - counts.getOrDefault("PENDING", 0L);
  }
}
