package io.passerelle.account;

import java.time.Instant;

/** A client account as staff see it; {@code colour} is derived from {@code status}. */
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
    Instant createdAt) {

  public boolean active() {
    return status == AccountStatus.ACTIVE;
  }
}
