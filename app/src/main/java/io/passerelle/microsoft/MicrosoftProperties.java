package io.passerelle.microsoft;

import io.passerelle.config.StartupConfigurationException;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The firm's Microsoft Entra ID tenant, for offers whose clients sign in with Microsoft (issue 23):
 * the application registration Passerelle uses to invite guests through Microsoft Graph (and, for
 * the sign-in, as the OpenID Connect client). Empty when no offer uses Microsoft.
 *
 * @param tenantId the tenant's id (a GUID) or primary domain (PASSERELLE_MICROSOFT_TENANT_ID)
 * @param clientId the application (client) id of Passerelle's registration in the tenant
 *     (PASSERELLE_MICROSOFT_CLIENT_ID)
 * @param clientSecret a client secret of that registration (PASSERELLE_MICROSOFT_CLIENT_SECRET);
 *     never logged, never shown
 * @param graphUrl Microsoft Graph's base URL (PASSERELLE_MICROSOFT_GRAPH_URL); tests point it at a
 *     local server
 * @param authority the Microsoft identity platform (PASSERELLE_MICROSOFT_AUTHORITY): tokens come
 *     from {@code {authority}/{tenantId}/oauth2/v2.0/token}
 * @param inviteRedirectUrl where Microsoft sends the guest after the redemption
 *     (PASSERELLE_MICROSOFT_INVITE_REDIRECT_URL); empty = the client sign-in page of Passerelle
 */
@Validated
@ConfigurationProperties("passerelle.microsoft")
public record MicrosoftProperties(
    @Size(max = 100) String tenantId,
    @Size(max = 100) String clientId,
    @Size(max = 500) String clientSecret,
    @DefaultValue("https://graph.microsoft.com/v1.0") @NotNull URI graphUrl,
    @DefaultValue("https://login.microsoftonline.com") @NotNull URI authority,
    URI inviteRedirectUrl) {

  /** The scope of an application token for Microsoft Graph. */
  public static final String GRAPH_SCOPE = "https://graph.microsoft.com/.default";

  /** True when tenant id, client id and client secret are all set. */
  public boolean configured() {
    return missing().isEmpty();
  }

  /** The environment variables still to set (empty when {@link #configured()}). */
  public List<String> missing() {
    List<String> missing = new ArrayList<>();
    if (blank(tenantId)) {
      missing.add("PASSERELLE_MICROSOFT_TENANT_ID");
    }
    if (blank(clientId)) {
      missing.add("PASSERELLE_MICROSOFT_CLIENT_ID");
    }
    if (blank(clientSecret)) {
      missing.add("PASSERELLE_MICROSOFT_CLIENT_SECRET");
    }
    return missing;
  }

  /** {@code {authority}/{tenantId}/oauth2/v2.0/token}: the tenant's token endpoint. */
  public URI tokenEndpoint() {
    return URI.create(trim(authority) + "/" + tenantId.strip() + "/oauth2/v2.0/token");
  }

  /** {@code {authority}/{tenantId}/v2.0}: the tenant's OpenID Connect issuer. */
  public URI issuer() {
    return URI.create(trim(authority) + "/" + tenantId.strip() + "/v2.0");
  }

  /** Graph's base URL without a trailing slash, e.g. {@code https://graph.microsoft.com/v1.0}. */
  public String graphBase() {
    return trim(graphUrl);
  }

  /**
   * Fails the start when the configuration is incomplete.
   *
   * @param who what needs Microsoft, for the message (e.g. "The offer START")
   */
  public void requireConfigured(String who) {
    if (!configured()) {
      throw new StartupConfigurationException(
          who
              + " signs its clients in with Microsoft, but the firm's Microsoft Entra ID tenant is"
              + " not configured",
          "set "
              + String.join(", ", missing())
              + " (README, \"Microsoft identity\"), or give the offer the identity PASSERELLE");
    }
  }

  @Override
  public String toString() {
    // the secret never reaches a log line
    return "MicrosoftProperties[tenantId="
        + tenantId
        + ", clientId="
        + clientId
        + ", clientSecret="
        + (blank(clientSecret) ? "(unset)" : "(set)")
        + ", graphUrl="
        + graphUrl
        + ", authority="
        + authority
        + ", inviteRedirectUrl="
        + inviteRedirectUrl
        + "]";
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }

  private static String trim(URI uri) {
    String text = uri.toString();
    return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
  }
}
