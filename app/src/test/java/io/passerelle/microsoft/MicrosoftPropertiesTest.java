package io.passerelle.microsoft;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MicrosoftPropertiesTest {

  @Test
  @DisplayName(
      "the token endpoint and issuer are the tenant's under the authority; no secret in toString")
  void endpoints() {
    var properties =
        new MicrosoftProperties(
            "contoso.onmicrosoft.com",
            "app-id",
            "s3cret",
            URI.create("http://127.0.0.1:4000/v1.0/"),
            URI.create("http://127.0.0.1:4001/"),
            null);

    assertThat(properties.configured()).isTrue();
    assertThat(properties.tokenEndpoint())
        .hasToString("http://127.0.0.1:4001/contoso.onmicrosoft.com/oauth2/v2.0/token");
    assertThat(properties.issuer())
        .hasToString("http://127.0.0.1:4001/contoso.onmicrosoft.com/v2.0");
    assertThat(properties.graphBase()).isEqualTo("http://127.0.0.1:4000/v1.0");
    assertThat(properties.toString()).doesNotContain("s3cret").contains("clientSecret=(set)");
  }

  @Test
  @DisplayName("each unset variable is named")
  void missing() {
    var properties =
        new MicrosoftProperties(
            "", null, "x", URI.create("https://g"), URI.create("https://l"), null);

    assertThat(properties.configured()).isFalse();
    assertThat(properties.missing())
        .containsExactly("PASSERELLE_MICROSOFT_TENANT_ID", "PASSERELLE_MICROSOFT_CLIENT_ID");
  }

  @Test
  @DisplayName("an unset identity is PASSERELLE")
  void identity() {
    assertThat(Identity.of(null)).isEqualTo(Identity.PASSERELLE);
    assertThat(Identity.of(" microsoft ")).isEqualTo(Identity.MICROSOFT);
  }
}
