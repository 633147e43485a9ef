package io.passerelle.account;

import io.passerelle.domain.EmailAddresses;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Who signed in with Microsoft, as the firm's tenant says in its ID token (issue 23): the object id
 * ({@code oid}, the user's stable id in the tenant) and the e-mail address ({@code email}, else
 * {@code preferred_username}).
 */
public record MicrosoftIdentity(String oid, String email) {

  private static final Pattern OID =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  /** The object id in lower case, the address stripped; refuses a malformed one of either. */
  public MicrosoftIdentity {
    oid = oid == null ? null : oid.strip().toLowerCase(Locale.ROOT);
    if (oid == null || !OID.matcher(oid).matches()) {
      throw new IllegalArgumentException("the token's oid is not an object id");
    }
    email = EmailAddresses.clean(email);
    if (!EmailAddresses.isValid(email)) {
      throw new IllegalArgumentException("the token carries no valid e-mail address");
    }
  }

  /** For logs: the address masked, never whole. */
  @Override
  public String toString() {
    return "MicrosoftIdentity[oid=" + oid + ", email=" + EmailAddresses.mask(email) + "]";
  }
}
