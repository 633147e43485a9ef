package io.passerelle.dossier;

/**
 * SIRET numbers: 14 digits (the 9-digit SIREN of the company, then the establishment's 5 digits)
 * whose Luhn sum is a multiple of 10. La Poste's establishments (SIREN 356000000) are numbered by
 * another rule: the sum of their digits is a multiple of 5.
 */
public final class Siret {

  static final String LA_POSTE_SIREN = "356000000";

  private Siret() {}

  /** Drops the spaces, dots and dashes people type between groups of digits. */
  public static String normalise(String input) {
    return input == null ? null : input.replaceAll("[\\s.\\-]", "");
  }

  public static boolean isWellFormed(String siret) {
    return siret != null && siret.matches("[0-9]{14}");
  }

  public static boolean isValid(String siret) {
    if (!isWellFormed(siret)) {
      return false;
    }
    if (siret.startsWith(LA_POSTE_SIREN) && digitSum(siret) % 5 == 0) {
      return true;
    }
    return luhn(siret);
  }

  /** The Luhn check: from the right, every second digit doubled (minus 9 above 9), sum % 10 = 0. */
  public static boolean luhn(String digits) {
    int sum = 0;
    for (int i = 0; i < digits.length(); i++) {
      int digit = digits.charAt(digits.length() - 1 - i) - '0';
      if (digit < 0 || digit > 9) {
        return false;
      }
      if (i % 2 == 1) {
        digit *= 2;
        if (digit > 9) {
          digit -= 9;
        }
      }
      sum += digit;
    }
    return !digits.isEmpty() && sum % 10 == 0;
  }

  private static int digitSum(String digits) {
    return digits.chars().map(c -> c - '0').sum();
  }
}
