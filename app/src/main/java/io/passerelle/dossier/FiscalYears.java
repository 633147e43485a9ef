package io.passerelle.dossier;

import java.time.LocalDate;

/** Fiscal year rules (seed 004). */
public final class FiscalYears {

  /** A first fiscal year may run up to 24 months in France; none longer. */
  public static final int MAX_MONTHS = 24;

  private FiscalYears() {}

  /** The default end: 12 months after the start, minus one day (1 Jan → 31 Dec, 1 Jul → 30 Jun). */
  public static LocalDate defaultEnd(LocalDate start) {
    return start.plusMonths(12).minusDays(1);
  }

  /** Whether start..end (inclusive) is an acceptable fiscal year. */
  public static boolean isAcceptable(LocalDate start, LocalDate end) {
    return end.isAfter(start) && end.isBefore(start.plusMonths(MAX_MONTHS));
  }
}
