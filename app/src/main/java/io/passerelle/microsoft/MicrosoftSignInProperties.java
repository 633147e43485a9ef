package io.passerelle.microsoft;

import io.passerelle.config.StartupConfigurationException;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Sign-in with Microsoft beside {@link MicrosoftProperties} (the same prefix, issue 23, item 4).
 *
 * @param staffSso the firm's staff may sign in with Microsoft too (PASSERELLE_MICROSOFT_STAFF_SSO,
 *     off by default): matched to an existing staff member by e-mail, roles kept as Passerelle's;
 *     the password form stays. Needs the tenant configured.
 */
@ConfigurationProperties("passerelle.microsoft")
public record MicrosoftSignInProperties(@DefaultValue("false") boolean staffSso) {

  /** Staff single sign-on needs the tenant: without it, the start stops with what to set. */
  public void requireTenant(MicrosoftProperties tenant) {
    if (staffSso && !tenant.configured()) {
      throw new StartupConfigurationException(
          "PASSERELLE_MICROSOFT_STAFF_SSO=true asks for the staff's sign-in with Microsoft, but the"
              + " firm's Microsoft Entra ID tenant is not configured",
          "set "
              + String.join(", ", tenant.missing())
              + " (README, \"Sign-in with Microsoft\"), or turn PASSERELLE_MICROSOFT_STAFF_SSO off");
    }
  }
}
