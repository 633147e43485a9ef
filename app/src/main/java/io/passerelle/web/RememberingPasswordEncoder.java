package io.passerelle.web;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Remembers, for a few minutes, that a password matched its stored hash, so that a script calling
 * the staff API with HTTP Basic (no session: every request signs in) pays bcrypt once, not on every
 * request — at cost 10 that is ~70 ms of CPU each, most of a core at 10 requests a second.
 *
 * <ul>
 *   <li>only successful checks are remembered: a wrong password always costs a full bcrypt, so
 *       guessing is no cheaper;
 *   <li>the entry is keyed by the stored hash too: a changed password (a new hash) is checked in
 *       full at once; a disabled account is refused by the account check, which is not cached;
 *   <li>the memory holds an HMAC of hash and password under a key drawn at start-up and never
 *       stored, for {@link #REMEMBER_FOR} at most, and at most {@link #MAX_ENTRIES} of them.
 * </ul>
 */
public final class RememberingPasswordEncoder implements PasswordEncoder {

  static final Duration REMEMBER_FOR = Duration.ofMinutes(5);
  static final int MAX_ENTRIES = 1_000;

  private final PasswordEncoder delegate;
  private final Clock clock;
  private final SecretKeySpec key;
  private final Map<String, Long> matched =
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
          return size() > MAX_ENTRIES;
        }
      };

  public RememberingPasswordEncoder(PasswordEncoder delegate, Clock clock) {
    this.delegate = delegate;
    this.clock = clock;
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    this.key = new SecretKeySpec(secret, "HmacSHA256");
  }

  @Override
  public String encode(CharSequence rawPassword) {
    return delegate.encode(rawPassword);
  }

  @Override
  public boolean matches(CharSequence rawPassword, String encodedPassword) {
    if (rawPassword == null || encodedPassword == null) {
      return delegate.matches(rawPassword, encodedPassword);
    }
    if (longerThanBcryptReads(rawPassword)) {
      // bcrypt reads 72 bytes: "the stored password + anything" would match. No stored password
      // is longer (the policy refuses them, and the encoder never hashed one), so refuse at once.
      return false;
    }
    String entry = entry(rawPassword, encodedPassword);
    long now = clock.millis();
    synchronized (matched) {
      Long until = matched.get(entry);
      if (until != null && until > now) {
        return true;
      }
    }
    boolean matches = delegate.matches(rawPassword, encodedPassword);
    if (matches) {
      synchronized (matched) {
        matched.put(entry, now + REMEMBER_FOR.toMillis());
      }
    }
    return matches;
  }

  private static boolean longerThanBcryptReads(CharSequence rawPassword) {
    return rawPassword.length() * 3 > 72
        && rawPassword.toString().getBytes(StandardCharsets.UTF_8).length > 72;
  }

  @Override
  public boolean upgradeEncoding(String encodedPassword) {
    return delegate.upgradeEncoding(encodedPassword);
  }

  private String entry(CharSequence rawPassword, String encodedPassword) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      mac.update(encodedPassword.getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 0);
      mac.update(rawPassword.toString().getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(mac.doFinal());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
    }
  }
}
