package io.passerelle.web;

import jakarta.validation.constraints.NotNull;
import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Every absolute link Passerelle puts in a mail, built from the configured base URL
 * (PASSERELLE_BASE_URL) and never from a request's Host header, so that a forged Host cannot send a
 * client's activation link elsewhere.
 *
 * @param baseUrl e.g. {@code https://passerelle.cabinet.example}, without a trailing slash needed
 */
@Validated
@ConfigurationProperties("passerelle")
public record Links(@DefaultValue("http://localhost:8080") @NotNull URI baseUrl) {

  public Links {
    String scheme = baseUrl.getScheme();
    if (!"http".equals(scheme) && !"https".equals(scheme) || baseUrl.getHost() == null) {
      throw new IllegalArgumentException(
          "PASSERELLE_BASE_URL must be an absolute http(s) URL, e.g. https://passerelle.example.fr");
    }
  }

  /** The client's activation page for an invitation token (the token is URL-safe base64). */
  public String activation(String token) {
    return base() + "/activation/" + token;
  }

  /** The client's sign-in page. */
  public String clientSignIn() {
    return base() + "/espace/connexion";
  }

  /** The page where a client whose link died asks for a new one. */
  public String clientNewLink() {
    return base() + "/acces/nouveau-lien";
  }

  /** A dossier's page for the firm's staff. */
  public String staffDossier(long dossierId) {
    return base() + "/dossiers/" + dossierId;
  }

  /** An onboarding's page for the firm's staff. */
  public String staffOnboarding(long onboardingId) {
    return base() + "/integrations/" + onboardingId;
  }

  /** The staff's task list. */
  public String staffTasks() {
    return base() + "/taches";
  }

  private String base() {
    String base = baseUrl.toString();
    return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
  }
}
