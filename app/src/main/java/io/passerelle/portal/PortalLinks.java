package io.passerelle.portal;

import io.passerelle.web.Links;
import org.springframework.stereotype.Component;

/**
 * The client pages' paths, and the absolute links of the portal's own mails, built like every other
 * link of Passerelle ({@link Links}) from the configured base URL (PASSERELLE_BASE_URL), never from
 * a request's Host header.
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

  /** Where "Se connecter avec Microsoft" starts (Spring Security's OAuth2 login, issue 23). */
  public static final String MICROSOFT_SIGN_IN = "/oauth2/authorization/microsoft";

  /** The page that says why a sign-in with Microsoft was refused. */
  public static final String MICROSOFT_REFUSED = "/espace/connexion/microsoft-refusee";

  private final Links links;
  private final String baseUrl;

  public PortalLinks(Links links) {
    this.links = links;
    String base = links.baseUrl().toString();
    this.baseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
  }

  /** The invitation's activation link. */
  public String activation(String token) {
    return links.activation(token);
  }

  /** The link of a password-reset mail. */
  public String newPassword(String token) {
    return baseUrl + NEW_PASSWORD + "/" + token;
  }

  /** A dossier's page for the firm's staff (staff notices point there). */
  public String staffDossier(long dossierId) {
    return links.staffDossier(dossierId);
  }
}
