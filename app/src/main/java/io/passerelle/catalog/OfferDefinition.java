package io.passerelle.catalog;

import io.passerelle.microsoft.Identity;

/**
 * An offer as the administrator defines it. {@code active} null = unchanged (active if new); {@code
 * identity} null = unchanged (PASSERELLE if new).
 */
public record OfferDefinition(
    String code,
    String name,
    String description,
    boolean free,
    boolean consultGed,
    boolean uploadDocuments,
    boolean mobileDashboard,
    boolean productionFileAccess,
    String widgetCode,
    String widgetName,
    Boolean active,
    Identity identity) {}
