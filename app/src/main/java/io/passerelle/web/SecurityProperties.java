package io.passerelle.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param bcryptStrength the cost of password hashing (PASSERELLE_SECURITY_BCRYPT_STRENGTH): 10 by
 *     default; the test suite lowers it so that hundreds of Basic-auth calls stay fast
 * @param signIn the throttling of staff sign-in (form and HTTP Basic), {@link StaffSignInLimits}
 */
@Validated
@ConfigurationProperties("passerelle.security")
public record SecurityProperties(
    @DefaultValue("10") @Min(4) @Max(16) int bcryptStrength, @DefaultValue @Valid SignIn signIn) {

  /**
   * @param failuresPerUsername failed sign-ins a username may have within {@code window}; past it
   *     every try with that username is answered 429 until the oldest failure leaves the window
   * @param failuresPerIp failed sign-ins one IP address may have within {@code window}, whatever
   *     the usernames (higher: a firm's office signs in from one address)
   * @param window the sliding window both limits count in
   */
  public record SignIn(
      @DefaultValue("10") @Min(1) int failuresPerUsername,
      @DefaultValue("50") @Min(1) int failuresPerIp,
      @DefaultValue("PT15M") @NotNull Duration window) {}
}
