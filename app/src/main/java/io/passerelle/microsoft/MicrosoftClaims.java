package io.passerelle.microsoft;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What Passerelle reads from an ID token of the firm's tenant (issue 23), checked by Spring
 * Security before (signature, issuer, audience, expiry, nonce): the object id {@code oid}, the
 * tenant {@code tid}, the address ({@code email}, else {@code preferred_username}) and whether the
 * user is a guest of the tenant ({@code idp}: the identity provider of a user who signs in
 * elsewhere — absent or the tenant's own issuer for its members).
 */
public record MicrosoftClaims(String oid, String tenantId, String email, boolean guest) {

  /** The claims of a verified ID token; empty when the object id or the tenant is missing. */
  public static Optional<MicrosoftClaims> of(Map<String, Object> claims, String issuer) {
    String oid = text(claims.get("oid"));
    String tid = text(claims.get("tid"));
    if (oid == null || tid == null) {
      return Optional.empty();
    }
    String email = text(claims.get("email"));
    if (email == null) {
      email = text(claims.get("preferred_username"));
    }
    String idp = text(claims.get("idp"));
    boolean guest = idp != null && !idp.equalsIgnoreCase(issuer);
    return Optional.of(new MicrosoftClaims(oid, tid, email, guest));
  }

  /** True when the token was issued for this tenant (its GUID, whatever its case). */
  public boolean from(MicrosoftProperties tenant) {
    return tenant.tenantId() != null
        && tenantId
            .toLowerCase(Locale.ROOT)
            .equals(tenant.tenantId().strip().toLowerCase(Locale.ROOT));
  }

  private static String text(Object value) {
    return value instanceof String s && !s.isBlank() ? s.strip() : null;
  }

  /** For logs: no address, no token. */
  @Override
  public String toString() {
    return "MicrosoftClaims[oid=" + oid + ", tid=" + tenantId + ", guest=" + guest + "]";
  }
}
