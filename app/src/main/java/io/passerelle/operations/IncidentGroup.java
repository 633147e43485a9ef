package io.passerelle.operations;

import io.passerelle.engine.OpenIncident;
import java.time.Instant;
import java.util.List;

/**
 * The open incidents of one kind: the same step ({@code elementId} of {@code bpmnProcessId}), the
 * same error type and the same first line of message. After an SMTP outage longer than the retry
 * budget, thousands of incidents are a handful of groups.
 *
 * @param kind a stable name of the kind (a hash of the three), for "retry all of this kind"
 * @param shown the oldest incidents of the group, at most {@link OperationsService#SHOWN_PER_GROUP}
 */
public record IncidentGroup(
    String kind,
    String bpmnProcessId,
    String elementId,
    String stepName,
    String errorType,
    String message,
    int count,
    Instant oldest,
    List<OpenIncident> shown) {}
