package io.passerelle.microsoft;

import io.passerelle.config.StartupConfigurationException;
import java.net.URI;
import java.util.regex.Pattern;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

/**
 * The OpenID Connect client registrations of Passerelle's application in the firm's Entra ID tenant
 * (issue 23): one for the clients ({@value #CLIENTS}) and one for the staff ({@value #STAFF}, with
 * single sign-on on), each in its own security chain, with its own redirect URI ({@code
 * {base}/login/oauth2/code/{id}}, built from PASSERELLE_BASE_URL, never from a request's Host).
 *
 * <p>The endpoints are the Microsoft identity platform's, under {@code {authority}/{tenant}}: no
 * discovery call at start-up (a start never waits for Microsoft), and a test points {@code
 * authority} at a local provider laid out the same way. Only the ID token is read: no user-info
 * call, and the tokens are kept nowhere once the sign-in is checked.
 */
public final class MicrosoftRegistrations {

  public static final String CLIENTS = "microsoft";
  public static final String STAFF = "microsoft-staff";

  private static final Pattern GUID =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private MicrosoftRegistrations() {}

  /**
   * The registration {@code id} of a configured tenant ({@link MicrosoftProperties#configured()});
   * refuses to start when its id is a domain name (the ID tokens' issuer names the tenant by its
   * GUID, which the sign-in checks).
   */
  public static ClientRegistration of(String id, MicrosoftProperties tenant, URI baseUrl) {
    if (!GUID.matcher(tenant.tenantId().strip()).matches()) {
      throw new StartupConfigurationException(
          "PASSERELLE_MICROSOFT_TENANT_ID is not the tenant's id: sign-in with Microsoft checks the"
              + " ID tokens' issuer, which names the tenant by its GUID",
          "set PASSERELLE_MICROSOFT_TENANT_ID to the Directory (tenant) ID shown on the tenant's"
              + " overview in the Entra admin centre");
    }
    String base = trim(baseUrl.toString());
    String tenantBase = trim(tenant.authority().toString()) + "/" + tenant.tenantId().strip();
    return ClientRegistration.withRegistrationId(id)
        .clientName("Microsoft")
        .clientId(tenant.clientId().strip())
        .clientSecret(tenant.clientSecret())
        .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
        .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
        .redirectUri(base + "/login/oauth2/code/" + id)
        .scope("openid", "profile", "email")
        .authorizationUri(tenantBase + "/oauth2/v2.0/authorize")
        .tokenUri(tenant.tokenEndpoint().toString())
        .jwkSetUri(tenantBase + "/discovery/v2.0/keys")
        .issuerUri(tenant.issuer().toString())
        .userNameAttributeName("sub")
        .build();
  }

  private static String trim(String text) {
    return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
  }
}
