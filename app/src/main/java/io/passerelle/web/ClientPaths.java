package io.passerelle.web;

/**
 * The clients' side of Passerelle: its own sign-in against client accounts, its own filter chain
 * (issue 5). The staff chain never handles these paths. The clients' sign-in with Microsoft (issue
 * 23) starts and comes back on Spring Security's OAuth2 paths for the registration {@code
 * microsoft}; the staff's single sign-on has its own ({@code microsoft-staff}), on the staff chain.
 */
public final class ClientPaths {

  public static final String[] PATTERNS = {
    "/espace/**",
    "/activation/**",
    "/acces/**",
    "/oauth2/authorization/microsoft",
    "/login/oauth2/code/microsoft"
  };

  private ClientPaths() {}
}
