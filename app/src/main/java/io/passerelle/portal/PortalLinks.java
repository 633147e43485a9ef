package io.passerelle.portal;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The client pages' paths, and their absolute links for mail, built from the configured base URL
 * (PASSERELLE_BASE_URL), never from a request's Host header.
 */
@Component
public class PortalLinks {

  public static final String SPACE = "/espace";
  public static final String SIGN_IN = "/espace/connexion";
  public static final String SIGN_OUT = "/espace/deconnexion";
  public static final String ACTIVATION = "/activation";
  public static final String NEW_LINK = "/acces/nouveau-lien";
  public static final String FORGOTTEN_PASSWORD = "/acces/mot-de-passe-oublie";
  public static final String NEW_PASSWORD = "/acces/mot-de-passe";

  private final String baseUrl;

  public PortalLinks(@Value("${passerelle.base-url}") String baseUrl) {
    String base = baseUrl == null ? "" : baseUrl.strip();
    this.baseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
  }

  /** The invitation's activation link. */
  public String activation(String token) {
    return baseUrl + ACTIVATION + "/" + token;
  }

  /** Where a client asks for a new invitation link (the expiry notice points here). */
  public String newLinkPage() {
    return baseUrl + NEW_LINK;
  }

  /** The clients' sign-in page (the "new access" notice points here). */
  public String signIn() {
    return baseUrl + SIGN_IN;
  }

  /** The staff's home page (staff notices point there). */
  public String staffHome() {
    return baseUrl + "/";
  }

  /** The link of a password-reset mail. */
  public String newPassword(String token) {
    return baseUrl + NEW_PASSWORD + "/" + token;
  }
}
