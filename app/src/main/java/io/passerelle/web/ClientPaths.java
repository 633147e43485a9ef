package io.passerelle.web;

/**
 * The clients' side of Passerelle: its own sign-in against client accounts, its own filter chain
 * (issue 5). The staff chain never handles these paths.
 */
public final class ClientPaths {

  public static final String[] PATTERNS = {"/espace/**", "/activation/**", "/acces/**"};

  private ClientPaths() {}
}
