package io.passerelle.portal;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The client portal's settings (README, "Configuration").
 *
 * @param passwordResetValidity how long a password-reset link lives
 *     (PASSERELLE_PORTAL_PASSWORD_RESET_VALIDITY, default one hour)
 * @param rateLimit how many attempts the public endpoints take per window
 */
@Validated
@ConfigurationProperties("passerelle.portal")
public record PortalProperties(
    @DefaultValue("PT1H") @NotNull Duration passwordResetValidity,
    @DefaultValue @Valid @NotNull RateLimits rateLimit) {

  /**
   * Attempts allowed per {@code window} on each public endpoint, counted in memory per client IP
   * address and per target (the link, the account's address). Past the limit the answer is 429 with
   * Retry-After. Every value: PASSERELLE_PORTAL_RATE_LIMIT_&lt;NAME&gt;, e.g.
   * PASSERELLE_PORTAL_RATE_LIMIT_SIGN_IN_PER_IP.
   *
   * @param window the sliding window every limit counts over (default 15 minutes)
   * @param activationPerIp activation form submissions per IP address
   * @param activationPerLink activation form submissions per link
   * @param signInPerIp sign-in attempts per IP address
   * @param signInFailuresPerAccount failed sign-ins per account address (successes do not count)
   * @param newLinkPerIp "send me a new link" requests per IP address
   * @param newLinkPerAddress "send me a new link" requests per e-mail address typed
   * @param passwordResetPerIp password-reset requests and new-password submissions per IP address
   * @param passwordResetPerAddress password-reset requests per e-mail address typed
   * @param clientInvitationsPerAccount invitations a client sends from their space
   */
  public record RateLimits(
      @DefaultValue("PT15M") @NotNull Duration window,
      @DefaultValue("20") @Min(1) @Max(100_000) int activationPerIp,
      @DefaultValue("10") @Min(1) @Max(100_000) int activationPerLink,
      @DefaultValue("30") @Min(1) @Max(100_000) int signInPerIp,
      @DefaultValue("10") @Min(1) @Max(100_000) int signInFailuresPerAccount,
      @DefaultValue("10") @Min(1) @Max(100_000) int newLinkPerIp,
      @DefaultValue("3") @Min(1) @Max(100_000) int newLinkPerAddress,
      @DefaultValue("10") @Min(1) @Max(100_000) int passwordResetPerIp,
      @DefaultValue("3") @Min(1) @Max(100_000) int passwordResetPerAddress,
      @DefaultValue("10") @Min(1) @Max(100_000) int clientInvitationsPerAccount) {}
}
