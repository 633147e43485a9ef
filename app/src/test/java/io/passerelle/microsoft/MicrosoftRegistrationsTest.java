package io.passerelle.microsoft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.passerelle.config.StartupConfigurationException;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

/** The registrations against Entra's endpoints, and the claims read from its ID tokens. */
class MicrosoftRegistrationsTest {

  private static final String TENANT = "6f2a9c1e-4b7d-4e8a-9c3f-2d1b0a9e8f7c";
  private static final URI GRAPH = URI.create("https://graph.microsoft.com/v1.0");
  private static final URI LOGIN = URI.create("https://login.microsoftonline.com/");

  private final MicrosoftProperties tenant =
      new MicrosoftProperties(TENANT, "app-id", "secret", GRAPH, LOGIN, null);

  @Test
  @DisplayName("the tenant's endpoints, issuer and redirect URI from PASSERELLE_BASE_URL")
  void registration() {
    var clients =
        MicrosoftRegistrations.of(
            MicrosoftRegistrations.CLIENTS, tenant, URI.create("https://passerelle.cabinet.fr/"));
    var provider = clients.getProviderDetails();
    String base = "https://login.microsoftonline.com/" + TENANT;
    assertThat(provider.getAuthorizationUri()).isEqualTo(base + "/oauth2/v2.0/authorize");
    assertThat(provider.getTokenUri()).isEqualTo(base + "/oauth2/v2.0/token");
    assertThat(provider.getJwkSetUri()).isEqualTo(base + "/discovery/v2.0/keys");
    assertThat(provider.getIssuerUri()).isEqualTo(base + "/v2.0");
    assertThat(provider.getUserInfoEndpoint().getUri()).isNull();
    assertThat(clients.getRedirectUri())
        .isEqualTo("https://passerelle.cabinet.fr/login/oauth2/code/microsoft");
    assertThat(clients.getScopes()).containsExactlyInAnyOrder("openid", "profile", "email");
    assertThat(clients.getClientAuthenticationMethod())
        .isEqualTo(ClientAuthenticationMethod.CLIENT_SECRET_POST);
    assertThat(
            MicrosoftRegistrations.of(
                    MicrosoftRegistrations.STAFF, tenant, URI.create("http://localhost:8080"))
                .getRedirectUri())
        .isEqualTo("http://localhost:8080/login/oauth2/code/microsoft-staff");
  }

  @Test
  @DisplayName("a tenant named by its domain stops the start: the tokens' issuer names its GUID")
  void tenantByDomain() {
    var byDomain =
        new MicrosoftProperties("cabinet.onmicrosoft.com", "app-id", "secret", GRAPH, LOGIN, null);
    assertThatThrownBy(
            () ->
                MicrosoftRegistrations.of(
                    MicrosoftRegistrations.CLIENTS, byDomain, URI.create("http://x.test")))
        .isInstanceOf(StartupConfigurationException.class)
        .hasMessageContaining("PASSERELLE_MICROSOFT_TENANT_ID");
  }

  @Test
  @DisplayName(
      "claims: email, else preferred_username; a guest is named by idp; the tenant checked")
  void claims() {
    String issuer = tenant.issuer().toString();
    var member =
        MicrosoftClaims.of(
                Map.of("oid", "o-1", "tid", TENANT.toUpperCase(), "preferred_username", "a@b.fr"),
                issuer)
            .orElseThrow();
    assertThat(member.email()).isEqualTo("a@b.fr");
    assertThat(member.guest()).isFalse();
    assertThat(member.from(tenant)).isTrue();

    var guest =
        MicrosoftClaims.of(
                Map.of(
                    "oid", "o-2",
                    "tid", TENANT,
                    "email", "c@d.fr",
                    "preferred_username", "c_d.fr#EXT#@cabinet.onmicrosoft.com",
                    "idp", "https://sts.windows.net/9188040d-6c67-4c5b-b112-36a304b66dad/"),
                issuer)
            .orElseThrow();
    assertThat(guest.email()).isEqualTo("c@d.fr");
    assertThat(guest.guest()).isTrue();
    assertThat(guest.toString()).doesNotContain("c@d.fr");

    assertThat(
            MicrosoftClaims.of(Map.of("oid", "o-3", "tid", "other"), issuer)
                .orElseThrow()
                .from(tenant))
        .isFalse();
    assertThat(MicrosoftClaims.of(Map.of("tid", TENANT), issuer)).isEmpty();
  }
}
