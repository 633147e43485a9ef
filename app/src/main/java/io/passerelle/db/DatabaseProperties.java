package io.passerelle.db;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param createIfMissing create the application's database at start-up when it does not exist
 *     (PASSERELLE_DATABASE_CREATE_IF_MISSING)
 * @param resetOnStart empty the database and migrate it anew at start-up
 *     (PASSERELLE_DATABASE_RESET_ON_START). Off unless set: the embedded engine keeps its instances
 *     in its data directory, so the rows stay meaningful across restarts. Refused in {@code remote}
 *     mode; {@code scripts/reset} is the explicit development reset.
 */
@ConfigurationProperties("passerelle.database")
public record DatabaseProperties(
    @DefaultValue("true") boolean createIfMissing, Boolean resetOnStart) {}
