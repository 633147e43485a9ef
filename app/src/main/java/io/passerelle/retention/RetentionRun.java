package io.passerelle.retention;

import java.time.Instant;
import java.util.List;

/**
 * One run of the retention policy: when, the cut-offs it applied (from the application's clock),
 * which contacts it erased (ids only) and how many send-log entries it deleted. {@code failure}
 * holds the error's class and message when a run stopped early (what it did before stays done).
 */
public record RetentionRun(
    long id,
    Instant startedAt,
    Instant finishedAt,
    Instant contactsCutoff,
    Instant mailLogCutoff,
    int contactsErased,
    List<Long> erasedContactIds,
    int mailLogDeleted,
    String trigger,
    String failure) {}
