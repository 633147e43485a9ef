package io.passerelle.account;

import io.passerelle.microsoft.Identity;
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

/**
 * A client's sign-in identity. Public only so that other features' list queries can filter on its
 * status (JPA criteria need the class); everything that changes it is package-private.
 */
@Entity
@Table(name = "client_account")
class ClientAccount {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "contact_id", nullable = false, updatable = false)
  private long contactId;

  @Column(nullable = false, length = 254)
  private String email;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 16)
  private AccountStatus status = AccountStatus.NOT_INVITED;

  @Column(name = "password_hash", length = 200)
  private String passwordHash;

  /** The Microsoft object id kept at the first Microsoft sign-in; null before, or after a move. */
  @Column(name = "microsoft_oid", length = 36)
  private String microsoftOid;

  @Column(name = "activated_at")
  private Instant activatedAt;

  @Column(name = "first_login_at")
  private Instant firstLoginAt;

  @Column(name = "last_login_at")
  private Instant lastLoginAt;

  @Column(name = "disabled_at")
  private Instant disabledAt;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 16)
  private Identity identity = Identity.PASSERELLE;

  @Version private long version;

  protected ClientAccount() {}

  ClientAccount(long contactId, String email, Instant now) {
    this.contactId = contactId;
    this.email = email;
    this.createdAt = now;
    this.updatedAt = now;
  }

  Long getId() {
    return id;
  }

  long getContactId() {
    return contactId;
  }

  String getEmail() {
    return email;
  }

  AccountStatus getStatus() {
    return status;
  }

  String getPasswordHash() {
    return passwordHash;
  }

  String getMicrosoftOid() {
    return microsoftOid;
  }

  /**
   * The first Microsoft sign-in, which is the activation: ACTIVE, no password, the object id kept.
   */
  void activateWithMicrosoft(String oid, Instant now) {
    this.passwordHash = null;
    this.identity = Identity.MICROSOFT;
    this.microsoftOid = oid;
    this.status = AccountStatus.ACTIVE;
    this.activatedAt = now;
    this.disabledAt = null;
    this.updatedAt = now;
  }

  /** An active Microsoft account whose login moved keeps the oid of its next sign-in. */
  void keepMicrosoftOid(String oid, Instant now) {
    this.microsoftOid = oid;
    this.updatedAt = now;
  }

  /** The login moved to another mailbox: another Microsoft identity will be kept next time. */
  void forgetMicrosoftOid() {
    this.microsoftOid = null;
  }

  void changeEmail(String email, Instant now) {
    this.email = email;
    this.updatedAt = now;
  }

  void markPending(Instant now) {
    if (status == AccountStatus.NOT_INVITED) {
      status = AccountStatus.PENDING;
      updatedAt = now;
    }
  }

  void markNotInvited(Instant now) {
    if (status == AccountStatus.PENDING) {
      status = AccountStatus.NOT_INVITED;
      updatedAt = now;
    }
  }

  void activate(String passwordHash, Instant now) {
    this.passwordHash = passwordHash;
    this.status = AccountStatus.ACTIVE;
    this.activatedAt = now;
    this.disabledAt = null;
    this.updatedAt = now;
  }

  /** A new password chosen by the client (password reset). */
  void changePassword(String passwordHash, Instant now) {
    this.passwordHash = passwordHash;
    this.updatedAt = now;
  }

  void disable(Instant now) {
    status = AccountStatus.DISABLED;
    disabledAt = now;
    updatedAt = now;
  }

  /**
   * Back from DISABLED: active again if it ever had a password or was activated with Microsoft,
   * otherwise not invited.
   */
  void enable(Instant now) {
    status =
        passwordHash != null || (identity == Identity.MICROSOFT && activatedAt != null)
            ? AccountStatus.ACTIVE
            : AccountStatus.NOT_INVITED;
    disabledAt = null;
    updatedAt = now;
  }

  /**
   * The client will sign in with this identity; only an account not active yet changes (an active
   * account keeps how its owner signs in). True when it changed.
   */
  boolean signInWith(Identity identity, Instant now) {
    if (this.identity == identity || status == AccountStatus.ACTIVE) {
      return false;
    }
    this.identity = identity;
    this.updatedAt = now;
    return true;
  }

  Identity getIdentity() {
    return identity;
  }

  void recordLogin(Instant now) {
    if (firstLoginAt == null) {
      firstLoginAt = now;
    }
    lastLoginAt = now;
  }

  void anonymise(String email, Instant now) {
    this.email = email;
    this.passwordHash = null;
    this.microsoftOid = null;
    this.status = AccountStatus.DISABLED;
    this.disabledAt = now;
    this.updatedAt = now;
  }

  AccountView view() {
    return new AccountView(
        id,
        contactId,
        email,
        status,
        status.colour(),
        status.label(),
        activatedAt,
        firstLoginAt,
        lastLoginAt,
        disabledAt,
        createdAt,
        identity,
        microsoftOid != null);
  }
}
