package io.passerelle.staff.web;

import io.passerelle.web.RateLimiter;
import io.passerelle.web.RateLimiter.Decision;
import io.passerelle.web.SecurityProperties;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Locale;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The staff sign-in's throttling (form at {@code /connexion} and HTTP Basic on {@code /api/**}),
 * with the portal's {@link RateLimiter}: failures are counted per username and per IP address
 * (Spring Security's failure events); while either is at its limit ({@link
 * SecurityProperties.SignIn}) a try is refused before any password is checked, so a throttled try
 * costs no bcrypt. Successes are never counted: a script calling the API with the right password is
 * not slowed down.
 *
 * <p>The counters live in the database (like the portal's): every instance counts against the same
 * limits. The time is the application's clock, so tests move it rather than sleep.
 */
@Component
public class StaffSignInLimits {

  private final RateLimiter limiter;
  private final SecurityProperties.SignIn limits;

  StaffSignInLimits(
      SecurityProperties properties,
      Clock clock,
      JdbcTemplate jdbc,
      PlatformTransactionManager transactions) {
    this.limiter = new RateLimiter("staff-sign-in", jdbc, transactions, clock);
    this.limits = properties.signIn();
  }

  /** Whether a sign-in from this address with this username may be tried now. */
  Decision check(String ip, String username) {
    Decision user = limiter.check(userKey(username), limits.failuresPerUsername(), limits.window());
    Decision address = limiter.check(ipKey(ip), limits.failuresPerIp(), limits.window());
    if (user.allowed()) {
      return address;
    }
    if (address.allowed()) {
      return user;
    }
    return user.retryAfter().compareTo(address.retryAfter()) >= 0 ? user : address;
  }

  /** Counts one failed sign-in. */
  void failed(String ip, String username) {
    limiter.record(userKey(username), limits.failuresPerUsername(), limits.window());
    limiter.record(ipKey(ip), limits.failuresPerIp(), limits.window());
  }

  /** Forgets every failure (tests). */
  public void clear() {
    limiter.clear();
  }

  @EventListener
  void onFailure(AbstractAuthenticationFailureEvent event) {
    var authentication = event.getAuthentication();
    String ip =
        authentication.getDetails() instanceof WebAuthenticationDetails details
            ? details.getRemoteAddress()
            : null;
    failed(ip, authentication.getName());
  }

  private static String userKey(String username) {
    String name = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
    return "staff-sign-in-user:" + digest(name);
  }

  private static String ipKey(String ip) {
    return "staff-sign-in-ip:" + (ip == null ? "unknown" : ip);
  }

  private static String digest(String text) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
