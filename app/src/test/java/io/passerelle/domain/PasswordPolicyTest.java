package io.passerelle.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.passerelle.domain.PasswordPolicy.Violation;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The password rules of the client portal, without Spring. */
class PasswordPolicyTest {

  static final PasswordPolicy POLICY = new PasswordPolicy();
  static final String EMAIL = "Jeanne.Martin@client.test";

  @Test
  @DisplayName("the build unpacked the 30,000 common passwords of zxcvbn4j, plus the French list")
  void listIsThere() {
    assertThat(POLICY.commonCount()).isGreaterThan(29_000);
  }

  @ParameterizedTest(name = "\"{0}\" is refused: {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          ''                             | REQUIRED
          court                          | TOO_SHORT
          onzecaracte                    | TOO_SHORT
          Jeanne.Martin@client.test      | IS_EMAIL
          JEANNE.MARTIN@CLIENT.TEST      | IS_EMAIL
          jeanne.martin@client.test!     | IS_EMAIL
          jeanne.martin2024              | IS_EMAIL
          password1234                   | COMMON
          Password2024!!                 | COMMON
          qwerty123456                   | COMMON
          1qaz2wsx3edc                   | COMMON
          123456789012                   | COMMON
          210987654321                   | COMMON
          azertyuiopqsdf                 | COMMON
          abcdefghijklm                  | COMMON
          abcabcabcabc                   | COMMON
          aaaaaaaaaaaaaaa                | COMMON
          Soleil2024!!!!                 | COMMON
          motdepasse123                  | COMMON
          Marseille13013                 | COMMON
          """)
  void refused(String password, Violation expected) {
    assertThat(POLICY.check(password, password, EMAIL)).contains(expected);
  }

  @Test
  @DisplayName(
      "more than 72 bytes in UTF-8 are too many (bcrypt reads no further), in letters or accents")
  void tooLong() {
    String base = "Une phrase assez longue pour passer ";
    String ascii72 = (base.repeat(3)).substring(0, 72);
    assertThat(POLICY.check(ascii72 + "x", null, EMAIL)).contains(Violation.TOO_LONG);
    assertThat(POLICY.check(ascii72, null, EMAIL)).isEmpty();
    // 56 characters, 72 bytes; one "é" more is 74
    String accents = "Près du cœur, l’été déçoit à Noël ; ça éveille où l’âme!";
    assertThat(POLICY.check(accents, null, EMAIL)).isEmpty();
    assertThat(POLICY.check(accents + "é", null, EMAIL)).contains(Violation.TOO_LONG);
    assertThat(POLICY.check("Mot de passe " + "😀".repeat(15), null, EMAIL))
        .contains(Violation.TOO_LONG);
  }

  @Test
  @DisplayName("NUL, tabs and line breaks are refused, before any other rule")
  void controlCharacters() {
    for (String control : new String[] {"\u0000", "\t", "\n", "\r", "\u007F", "\u0085"}) {
      assertThat(POLICY.check("Une phrase" + control + "assez longue", null, EMAIL))
          .contains(Violation.CONTROL_CHARACTER);
    }
    assertThat(POLICY.check("\u0000", null, EMAIL)).contains(Violation.CONTROL_CHARACTER);
  }

  @Test
  @DisplayName("a null password is required, not a crash")
  void nullPassword() {
    assertThat(POLICY.check(null, null, EMAIL)).contains(Violation.REQUIRED);
  }

  @Test
  @DisplayName("a confirmation that differs is refused once the password itself is good")
  void mismatch() {
    assertThat(POLICY.check("cheval-bleu-sous-la-pluie", "cheval-bleu-sous-la-pluiE", EMAIL))
        .contains(Violation.MISMATCH);
  }

  @ParameterizedTest(name = "\"{0}\" is accepted")
  @ValueSource(
      strings = {
        "cheval-bleu-sous-la-pluie",
        "Tr0mbone-Lagune-47",
        "ma grand-mère fait du vélo",
        "Cabinet Exemple m'a invitée",
        "j3anne-pr3fère-le-thé"
      })
  void accepted(String password) {
    assertThat(POLICY.check(password, password, EMAIL)).isEmpty();
  }

  @Test
  @DisplayName("twelve characters counted as a person counts them (accents, emoji)")
  void countsCodePoints() {
    // 11 code points, 12 UTF-16 units: still too short
    assertThat(POLICY.check("été-à-la-m😀", null, EMAIL)).contains(Violation.TOO_SHORT);
  }
}
