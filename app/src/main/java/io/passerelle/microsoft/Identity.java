package io.passerelle.microsoft;

/**
 * How the clients of an offer sign in (issue 23). {@link #PASSERELLE}: Passerelle's own account and
 * password (the default). {@link #MICROSOFT}: a Microsoft account, invited first as a guest of the
 * firm's Microsoft Entra ID tenant, then signing in with OpenID Connect against that tenant (seed
 * 001).
 */
public enum Identity {
  PASSERELLE,
  MICROSOFT;

  /** The identity a stored or sent value names; null or blank is {@link #PASSERELLE}. */
  public static Identity of(String value) {
    return value == null || value.isBlank()
        ? PASSERELLE
        : valueOf(value.strip().toUpperCase(java.util.Locale.ROOT));
  }
}
