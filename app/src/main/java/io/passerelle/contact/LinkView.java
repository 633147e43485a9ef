package io.passerelle.contact;

import java.time.Instant;

/**
 * A contact's access to a dossier.
 *
 * @param limitedTo the scope the access is limited to; null = the whole dossier (seed 001's "-")
 * @param gedAccess whether the contact reaches the document store (revocable alone, seed 000)
 * @param holder a (co-)holder's access can never be withdrawn (seed 003)
 */
public record LinkView(
    long id,
    long dossierId,
    long contactId,
    String limitedTo,
    AccessLevel accessLevel,
    boolean gedAccess,
    Instant gedRevokedAt,
    boolean holder,
    Instant grantedAt,
    Instant withdrawnAt) {

  public boolean live() {
    return withdrawnAt == null;
  }
}
