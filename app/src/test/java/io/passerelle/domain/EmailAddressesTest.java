package io.passerelle.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmailAddressesTest {

  @ParameterizedTest(name = "{0} is accepted")
  @ValueSource(
      strings = {
        "jean.dupont@example.fr",
        "Jean.Dupont+cabinet@Sub.Example.COM",
        "o'neil@example.ie",
        "a@b.co"
      })
  @DisplayName("addresses a mail server takes are valid")
  void valid(String email) {
    assertThat(EmailAddresses.isValid(email)).isTrue();
  }

  @ParameterizedTest(name = "\"{0}\" is refused")
  @ValueSource(
      strings = {
        "jean",
        "jean@",
        "@example.fr",
        "jean@example",
        "jean dupont@example.fr",
        "jean@@example.fr",
        "jean..dupont@example.fr",
        ".jean@example.fr",
        "jean@-example.fr",
        "jean@example.f",
        "jean@example.123",
        "<script>@example.fr",
        "jean@example.fr\r\nBcc: x@y.fr"
      })
  @DisplayName("malformed addresses, spaces, markup and line breaks are invalid")
  void invalid(String email) {
    assertThat(EmailAddresses.isValid(email)).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"A@Example.FR", " a@example.fr "})
  @DisplayName("addresses compare without regard to case or surrounding spaces")
  void comparable(String email) {
    assertThat(EmailAddresses.comparable(email)).isEqualTo("a@example.fr");
  }

  @org.junit.jupiter.api.Test
  @DisplayName("logs see an address masked: its first character and its domain")
  void mask() {
    assertThat(EmailAddresses.mask("jeanne.martin@example.fr")).isEqualTo("j***@example.fr");
    assertThat(EmailAddresses.mask("not an address")).isEqualTo("***");
    assertThat(EmailAddresses.mask(null)).isEqualTo("null");
    assertThat(
            EmailAddresses.maskAll(
                "550 5.1.1 <jeanne@example.fr>: no such user; also 'paul.dupont@client.test'"))
        .isEqualTo("550 5.1.1 <j***@example.fr>: no such user; also 'p***@client.test'")
        .doesNotContain("jeanne@")
        .doesNotContain("paul.dupont");
    assertThat(EmailAddresses.maskAll("nothing to mask")).isEqualTo("nothing to mask");
  }

  @org.junit.jupiter.api.Test
  @DisplayName("an invalid address is refused without the address in the message")
  void refusalWithoutTheAddress() {
    assertThatThrownBy(() -> EmailAddresses.require("jeanne.martin@example", "email"))
        .hasMessageNotContaining("jeanne.martin")
        .hasMessageContaining("j***@example");
  }
}
