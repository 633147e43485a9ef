package io.passerelle.activity;

import java.time.Instant;

/** Which entries to list; every field is optional. */
public record ActivityFilter(
    Long dossierId, Long contactId, ActivityType type, Instant from, Instant to) {}
