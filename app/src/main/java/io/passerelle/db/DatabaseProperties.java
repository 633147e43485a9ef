package io.passerelle.db;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param createIfMissing create the application's database at start-up when it does not exist
 *     (PASSERELLE_DATABASE_CREATE_IF_MISSING)
 * @param resetOnStart empty the database and migrate it anew at start-up
 *     (PASSERELLE_DATABASE_RESET_ON_START). On by default in {@code embedded} mode, whose engine
 *     forgets every process instance when it stops: rows that point at instances that no longer
 *     exist would show onboardings that can never move. Refused in {@code remote} mode.
 */
@ConfigurationProperties("passerelle.database")
public record DatabaseProperties(
    @DefaultValue("true") boolean createIfMissing, Boolean resetOnStart) {}
