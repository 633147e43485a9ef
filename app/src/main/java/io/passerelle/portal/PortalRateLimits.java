package io.passerelle.portal;

import io.passerelle.web.RateLimiter;
import io.passerelle.web.RateLimiter.Decision;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Locale;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The portal's rate limits (PortalProperties.RateLimits), per client IP address and per target: the
 * link used, or the e-mail address typed (whether or not it belongs to anyone, so the limit reveals
 * nothing). Targets are kept as SHA-256, so a 10 kB "token" costs 64 characters. The counters are
 * in the database ({@link RateLimiter}): every instance counts against the same limits.
 */
@Component
public class PortalRateLimits {

  private final RateLimiter limiter;
  private final PortalProperties.RateLimits limits;

  PortalRateLimits(
      PortalProperties properties, JdbcTemplate jdbc, PlatformTransactionManager transactions) {
    // wall-clock time: the domain's clock may be moved by tests, an attacker's pace may not
    this.limiter = new RateLimiter("portal", jdbc, transactions, Clock.systemUTC());
    this.limits = properties.rateLimit();
  }

  PortalProperties.RateLimits limits() {
    return limits;
  }

  Decision activation(String ip, String token) {
    return both(
        "activation-ip:" + ip,
        limits.activationPerIp(),
        "activation-link:" + digest(token),
        limits.activationPerLink());
  }

  /** A sign-in attempt: counted per IP; refused while the account's failures are at the limit. */
  Decision signIn(String ip, String email) {
    Decision account =
        limiter.check(
            "sign-in-failures:" + digest(address(email)),
            limits.signInFailuresPerAccount(),
            limits.window());
    if (!account.allowed()) {
      return account;
    }
    return limiter.acquire("sign-in-ip:" + ip, limits.signInPerIp(), limits.window());
  }

  void signInFailed(String email) {
    limiter.record(
        "sign-in-failures:" + digest(address(email)),
        limits.signInFailuresPerAccount(),
        limits.window());
  }

  Decision newLink(String ip, String email) {
    return both(
        "new-link-ip:" + ip,
        limits.newLinkPerIp(),
        "new-link-address:" + digest(address(email)),
        limits.newLinkPerAddress());
  }

  Decision passwordResetRequest(String ip, String email) {
    return both(
        "reset-ip:" + ip,
        limits.passwordResetPerIp(),
        "reset-address:" + digest(address(email)),
        limits.passwordResetPerAddress());
  }

  Decision newPassword(String ip, String token) {
    return both(
        "reset-ip:" + ip,
        limits.passwordResetPerIp(),
        "reset-link:" + digest(token),
        limits.activationPerLink());
  }

  public Decision clientInvitation(long accountId) {
    return limiter.acquire(
        "client-invitation:" + accountId, limits.clientInvitationsPerAccount(), limits.window());
  }

  /**
   * Both must allow, counted at once ({@link RateLimiter#acquireBoth}): checking both and then
   * counting both let a burst of requests all pass the checks before any was counted.
   */
  private Decision both(String first, int firstLimit, String second, int secondLimit) {
    return limiter.acquireBoth(first, firstLimit, second, secondLimit, limits.window());
  }

  private static String address(String email) {
    return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
  }

  private static String digest(String text) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256")
              .digest((text == null ? "" : text).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
