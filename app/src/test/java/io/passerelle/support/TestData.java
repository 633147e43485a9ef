package io.passerelle.support;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/** Unique values, so tests sharing one database never collide. */
public final class TestData {

  private static final AtomicLong SEQUENCE = new AtomicLong(System.nanoTime() % 1_000_000);

  private TestData() {}

  public static String email(String who) {
    return who + "." + SEQUENCE.incrementAndGet() + "@test.example";
  }

  /** A random valid SIRET: 13 random digits and the Luhn check digit. */
  public static String siret() {
    var random = ThreadLocalRandom.current();
    StringBuilder digits = new StringBuilder("8");
    for (int i = 0; i < 12; i++) {
      digits.append(random.nextInt(10));
    }
    for (int check = 0; check < 10; check++) {
      String candidate = digits.toString() + check;
      if (io.passerelle.dossier.Siret.luhn(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("no Luhn digit for " + digits);
  }

  /** A valid SIRET with a wrong check digit. */
  public static String siretWithWrongCheckDigit() {
    String good = siret();
    char last = good.charAt(13);
    return good.substring(0, 13) + (char) ('0' + ((last - '0' + 1) % 10));
  }

  public static String unique(String prefix) {
    return prefix + SEQUENCE.incrementAndGet();
  }
}
