package io.passerelle.domain;

import static org.assertj.core.api.Assertions.assertThat;

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
}
