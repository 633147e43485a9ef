package io.passerelle.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/** A successful password check is remembered for a few minutes; nothing else is. */
class RememberingPasswordEncoderTest {

  private final AtomicInteger fullChecks = new AtomicInteger();
  private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4);
  private final PasswordEncoder counting =
      new PasswordEncoder() {
        @Override
        public String encode(CharSequence raw) {
          return bcrypt.encode(raw);
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
          fullChecks.incrementAndGet();
          return bcrypt.matches(raw, encoded);
        }
      };
  private Instant now = Instant.parse("2026-01-05T09:00:00Z");
  private final RememberingPasswordEncoder encoder =
      new RememberingPasswordEncoder(
          counting,
          new Clock() {
            @Override
            public ZoneOffset getZone() {
              return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
              return this;
            }

            @Override
            public Instant instant() {
              return now;
            }
          });

  @Test
  @DisplayName("the same right password against the same hash costs one bcrypt within 5 minutes")
  void remembersSuccess() {
    String hash = encoder.encode("mot de passe juste");

    for (int i = 0; i < 10; i++) {
      assertThat(encoder.matches("mot de passe juste", hash)).isTrue();
    }
    assertThat(fullChecks).hasValue(1);

    now = now.plus(Duration.ofMinutes(5).plusSeconds(1));
    assertThat(encoder.matches("mot de passe juste", hash)).isTrue();
    assertThat(fullChecks).hasValue(2);
  }

  @Test
  @DisplayName("a wrong password always costs a full check and is never remembered")
  void wrongPasswordAlwaysChecked() {
    String hash = encoder.encode("mot de passe juste");

    for (int i = 0; i < 3; i++) {
      assertThat(encoder.matches("devinette", hash)).isFalse();
    }
    assertThat(fullChecks).hasValue(3);
  }

  @Test
  @DisplayName("a changed password (a new hash) is checked in full: the old one no longer opens")
  void changedPassword() {
    String oldHash = encoder.encode("ancien");
    assertThat(encoder.matches("ancien", oldHash)).isTrue();
    String newHash = encoder.encode("nouveau");

    assertThat(encoder.matches("ancien", newHash)).isFalse();
    assertThat(encoder.matches("nouveau", newHash)).isTrue();
    assertThat(fullChecks).hasValue(3);
  }

  @Test
  @DisplayName(
      "a password past the 72 bytes bcrypt reads never matches, though its first 72 bytes do,"
          + " and costs no bcrypt")
  void pastBcryptsLimit() {
    String stored = "a".repeat(72);
    String hash = bcrypt.encode(stored);
    assertThat(encoder.matches(stored, hash)).isTrue();
    int before = fullChecks.get();
    assertThat(encoder.matches(stored + "b", hash)).isFalse();
    assertThat(encoder.matches("é".repeat(37), bcrypt.encode("é".repeat(36)))).isFalse();
    assertThat(fullChecks.get()).isEqualTo(before);
  }
}
