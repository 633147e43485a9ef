package io.passerelle.collaboration;

/** Which services to list; every field optional. */
public record ServiceFilter(
    Long dossierId, Long contactId, ServiceStatus status, String offerCode) {}
