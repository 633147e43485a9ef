package io.passerelle.contact;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/** A contact's access to a dossier. A withdrawn link stays as history (withdrawn_at set). */
@Entity
@Table(name = "dossier_link")
class DossierLink {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "dossier_id", nullable = false, updatable = false)
  private long dossierId;

  @Column(name = "contact_id", nullable = false, updatable = false)
  private long contactId;

  @Column(name = "limited_to", length = 100)
  private String limitedTo;

  @Enumerated(EnumType.STRING)
  @Column(name = "access_level", nullable = false, length = 16)
  private AccessLevel accessLevel;

  @Column(name = "ged_access", nullable = false)
  private boolean gedAccess = true;

  @Column(name = "ged_revoked_at")
  private Instant gedRevokedAt;

  @Column(nullable = false)
  private boolean holder;

  @Column(name = "granted_at", nullable = false, updatable = false)
  private Instant grantedAt;

  @Column(name = "withdrawn_at")
  private Instant withdrawnAt;

  @Version private long version;

  protected DossierLink() {}

  DossierLink(
      long dossierId,
      long contactId,
      String limitedTo,
      AccessLevel accessLevel,
      boolean holder,
      Instant now) {
    this.dossierId = dossierId;
    this.contactId = contactId;
    this.limitedTo = limitedTo;
    this.accessLevel = accessLevel;
    this.holder = holder;
    this.grantedAt = now;
  }

  Long getId() {
    return id;
  }

  long getDossierId() {
    return dossierId;
  }

  long getContactId() {
    return contactId;
  }

  AccessLevel getAccessLevel() {
    return accessLevel;
  }

  boolean isHolder() {
    return holder;
  }

  boolean isLive() {
    return withdrawnAt == null;
  }

  boolean hasGedAccess() {
    return gedAccess;
  }

  void changeLevel(AccessLevel level) {
    this.accessLevel = level;
  }

  void limitTo(String scope) {
    this.limitedTo = scope;
  }

  void makeHolder() {
    this.holder = true;
  }

  void revokeGed(Instant now) {
    gedAccess = false;
    gedRevokedAt = now;
  }

  void restoreGed() {
    gedAccess = true;
  }

  void withdraw(Instant now) {
    withdrawnAt = now;
  }

  LinkView view() {
    return new LinkView(
        id,
        dossierId,
        contactId,
        limitedTo,
        accessLevel,
        gedAccess,
        gedRevokedAt,
        holder,
        grantedAt,
        withdrawnAt);
  }
}
