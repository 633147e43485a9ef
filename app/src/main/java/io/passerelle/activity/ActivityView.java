package io.passerelle.activity;

import java.time.Instant;
import java.util.Map;

/** An entry of the activity feed. {@code details} holds ids and codes, never personal data. */
public record ActivityView(
    long id,
    Instant occurredAt,
    ActivityType type,
    Who actor,
    Long dossierId,
    Long contactId,
    Map<String, Object> details) {

  /** Who did it: {@code STAFF} with a staff id, {@code CLIENT} with an account id, or SYSTEM. */
  public record Who(String kind, Long staffId, Long accountId) {}
}
