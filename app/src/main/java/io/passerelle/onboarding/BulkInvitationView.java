package io.passerelle.onboarding;

import java.time.Instant;
import java.util.Map;

/**
 * A bulk invitation and its progress: how many items are in each state ({@code PENDING}, {@code
 * STARTED}, {@code INVALID_EMAIL}, {@code SKIPPED}, {@code FAILED}).
 */
public record BulkInvitationView(
    long id,
    String offerCode,
    String customMessage,
    long createdByStaffId,
    String status,
    int itemCount,
    Map<String, Long> counts,
    Instant createdAt,
    Instant startedAt,
    Instant completedAt) {

  /** Items whose step has run. */
  public long settled() {
    return itemCount - counts.getOrDefault("PENDING", 0L);
  }
}
