package io.passerelle.collaboration;

import java.time.Instant;

/** A collaborative service: an offer proposed to a contact for a dossier. */
public record ServiceView(
    long id,
    long dossierId,
    long contactId,
    String offerCode,
    ServiceStatus status,
    Long onboardingId,
    Long processInstanceKey,
    Long proposedByStaffId,
    Instant proposedAt,
    Instant invitedAt,
    Instant activatedAt,
    Instant endedAt) {}
