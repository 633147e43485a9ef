package io.passerelle.dossier;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FiscalYearsTest {

  @ParameterizedTest(name = "a fiscal year starting {0} ends {1}")
  @CsvSource({
    "2026-01-01, 2026-12-31",
    "2025-07-01, 2026-06-30",
    "2025-10-15, 2026-10-14",
    "2023-03-01, 2024-02-29",
    "2024-03-01, 2025-02-28",
    "2024-02-29, 2025-02-28",
    "2025-12-31, 2026-12-30"
  })
  @DisplayName("the default end is 12 months after the start, minus one day")
  void defaultEnd(LocalDate start, LocalDate end) {
    assertThat(FiscalYears.defaultEnd(start)).isEqualTo(end);
  }

  @Test
  @DisplayName("a fiscal year ends after it starts and lasts less than 24 months")
  void acceptable() {
    var start = LocalDate.of(2026, 1, 1);
    assertThat(FiscalYears.isAcceptable(start, LocalDate.of(2026, 12, 31))).isTrue();
    assertThat(FiscalYears.isAcceptable(start, LocalDate.of(2027, 6, 30))).isTrue();
    assertThat(FiscalYears.isAcceptable(start, start)).isFalse();
    assertThat(FiscalYears.isAcceptable(start, LocalDate.of(2025, 12, 31))).isFalse();
    assertThat(FiscalYears.isAcceptable(start, LocalDate.of(2028, 1, 1))).isFalse();
  }
}
