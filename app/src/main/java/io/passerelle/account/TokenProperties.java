package io.passerelle.account;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param secret the HMAC key invitation tokens are derived with (PASSERELLE_TOKEN_SECRET), at least
 *     32 characters. Generated at start-up in {@code embedded} mode when unset (its database is
 *     emptied at each start anyway); required in {@code remote} mode.
 */
@ConfigurationProperties("passerelle.token")
public record TokenProperties(String secret) {}
