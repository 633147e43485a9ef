package io.passerelle.account;

import io.passerelle.microsoft.Identity;
import java.time.Instant;

/**
 * A client account as staff see it; {@code colour} is derived from {@code status}; {@code identity}
 * says how the client signs in (MICROSOFT: with the Microsoft account, no Passerelle password);
 * {@code microsoftIdentityKept}: a Microsoft object id was kept at a Microsoft sign-in, and only
 * that identity signs in until staff clear it (issue 23).
 */
public record AccountView(
    long id,
    long contactId,
    String email,
    AccountStatus status,
    AccountStatus.Colour colour,
    String statusLabel,
    Instant activatedAt,
    Instant firstLoginAt,
    Instant lastLoginAt,
    Instant disabledAt,
    Instant createdAt,
    Identity identity,
    boolean microsoftIdentityKept) {

  public boolean active() {
    return status == AccountStatus.ACTIVE;
  }

  /** True when the client signs in with a Microsoft account (issue 23). */
  public boolean microsoft() {
    return identity == Identity.MICROSOFT;
  }
}
