package io.passerelle.dossier;

import java.time.LocalDate;

/** Fiscal year rules (seed 004). */
public final class FiscalYears {

  /** A first fiscal year may run up to 24 months in France; none longer. */
  public static final int MAX_MONTHS = 24;

  private FiscalYears() {}

  /**
   * The default end: 12 months after the start, minus one day (1 Jan → 31 Dec, 1 Jul → 30 Jun, 1
   * Mar 2023 → 29 Feb 2024). A year starting on 29 February ends on 28 February: its anniversary
   * does not exist, so the day before it is the last day of February.
   */
  public static LocalDate defaultEnd(LocalDate start) {
    LocalDate anniversary = start.plusMonths(12);
    if (anniversary.getDayOfMonth() != start.getDayOfMonth()) {
      return anniversary; // clamped to the end of a shorter month
    }
    return anniversary.minusDays(1);
  }

  /** Whether start..end (inclusive) is an acceptable fiscal year. */
  public static boolean isAcceptable(LocalDate start, LocalDate end) {
    return end.isAfter(start) && end.isBefore(start.plusMonths(MAX_MONTHS));
  }
}
