package io.passerelle.dossier;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SiretTest {

  @ParameterizedTest(name = "{0} is a valid SIRET")
  @ValueSource(strings = {"73282932000074", "44306184100047", "55208433000026", "80123456700015"})
  @DisplayName("SIRETs whose Luhn sum is a multiple of 10 are valid")
  void luhnValid(String siret) {
    assertThat(Siret.isValid(siret)).isTrue();
  }

  @ParameterizedTest(name = "{0} is refused")
  @ValueSource(
      strings = {
        "73282932000075",
        "44306184100040",
        "12345678901234",
        "7328293200007",
        "732829320000740",
        "7328293200007A",
        ""
      })
  @DisplayName("a wrong check digit, 13 or 15 digits, or a letter make a SIRET invalid")
  void invalid(String siret) {
    assertThat(Siret.isValid(siret)).isFalse();
  }

  @Test
  @DisplayName("La Poste's establishments follow their own rule: the digit sum is a multiple of 5")
  void laPoste() {
    // 3+5+6 + 1 = 15: a multiple of 5, not a Luhn number
    assertThat(Siret.luhn("35600000010000")).isFalse();
    assertThat(Siret.isValid("35600000010000")).isTrue();
    assertThat(Siret.isValid("35600000010001")).isFalse();
  }

  @Test
  @DisplayName("spaces, dots and dashes people type between groups are dropped")
  void normalise() {
    assertThat(Siret.normalise("732 829 320 00074")).isEqualTo("73282932000074");
    assertThat(Siret.normalise("732.829.320-00074")).isEqualTo("73282932000074");
  }

  @Test
  @DisplayName("Luhn itself: the classic credit-card test number passes, a changed digit fails")
  void luhn() {
    assertThat(Siret.luhn("4539578763621486")).isTrue();
    assertThat(Siret.luhn("4539578763621487")).isFalse();
    assertThat(Siret.luhn("")).isFalse();
  }
}
