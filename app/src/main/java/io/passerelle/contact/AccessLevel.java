package io.passerelle.contact;

/** What an external party may do on a dossier (seed 003). */
public enum AccessLevel {
  READ_ONLY,
  READ_WRITE;

  public boolean atMost(AccessLevel other) {
    return this.ordinal() <= other.ordinal();
  }
}
