package io.passerelle.registry;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The French company registry: the public "recherche d'entreprises" API (no key).
 *
 * @param baseUrl PASSERELLE_REGISTRY_BASE_URL
 * @param connectTimeout how long to wait for a connection
 * @param readTimeout how long to wait for an answer, per attempt
 * @param attempts attempts per lookup before the registry counts as unavailable (429, 5xx, timeout)
 * @param retryDelay the first pause between attempts; it doubles each time, and a Retry-After of
 *     the registry is honoured up to {@code maxRetryDelay}
 * @param maxRetryDelay the longest pause between two attempts
 */
@Validated
@ConfigurationProperties("passerelle.registry")
public record CompanyRegistryProperties(
    @DefaultValue("https://recherche-entreprises.api.gouv.fr") @NotNull URI baseUrl,
    @DefaultValue("2s") @NotNull Duration connectTimeout,
    @DefaultValue("5s") @NotNull Duration readTimeout,
    @DefaultValue("3") @Min(1) @Max(10) int attempts,
    @DefaultValue("300ms") @NotNull Duration retryDelay,
    @DefaultValue("3s") @NotNull Duration maxRetryDelay) {}
