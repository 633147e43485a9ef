package io.passerelle.account;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/**
 * An invitation link. Its id is drawn from the sequence before the row is built, because the token
 * is derived from it: the row is written once, with its token hash.
 */
@Entity
@Table(name = "invitation")
class Invitation {

  @Id private Long id;

  @Column(name = "account_id", nullable = false, updatable = false)
  private long accountId;

  @Column(name = "dossier_id", updatable = false)
  private Long dossierId;

  @Column(name = "collaborative_service_id", updatable = false)
  private Long collaborativeServiceId;

  @Column(name = "onboarding_id", updatable = false)
  private Long onboardingId;

  @Column(nullable = false, length = 254, updatable = false)
  private String email;

  @Column(name = "token_nonce", nullable = false, updatable = false)
  private byte[] tokenNonce;

  @Column(name = "token_hash", nullable = false, updatable = false)
  private byte[] tokenHash;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 16)
  private InvitationStatus status = InvitationStatus.PENDING_SEND;

  @Column(name = "closed_reason", length = 40)
  private String closedReason;

  @Column(name = "invited_by_staff_id", updatable = false)
  private Long invitedByStaffId;

  @Column(name = "invited_by_account_id", updatable = false)
  private Long invitedByAccountId;

  @Column(name = "custom_message", length = 2000, updatable = false)
  private String customMessage;

  @Column(name = "reminders_sent", nullable = false)
  private short remindersSent;

  @Column(name = "last_reminder_at")
  private Instant lastReminderAt;

  @Column(name = "email_invalid", nullable = false)
  private boolean emailInvalid;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;

  @Column(name = "sent_at")
  private Instant sentAt;

  @Column(name = "expires_at", nullable = false)
  private Instant expiresAt;

  @Column(name = "accepted_at")
  private Instant acceptedAt;

  @Column(name = "cancelled_at")
  private Instant cancelledAt;

  @Column(name = "closed_at")
  private Instant closedAt;

  @Column(name = "superseded_by_id")
  private Long supersededById;

  @Column(name = "issue_request_key", updatable = false)
  private Long issueRequestKey;

  @Version private long version;

  protected Invitation() {}

  Invitation(
      long id,
      long accountId,
      Long dossierId,
      Long collaborativeServiceId,
      Long onboardingId,
      String email,
      byte[] tokenNonce,
      byte[] tokenHash,
      Long invitedByStaffId,
      Long invitedByAccountId,
      String customMessage,
      Long issueRequestKey,
      Instant now,
      Instant expiresAt) {
    this.id = id;
    this.issueRequestKey = issueRequestKey;
    this.accountId = accountId;
    this.dossierId = dossierId;
    this.collaborativeServiceId = collaborativeServiceId;
    this.onboardingId = onboardingId;
    this.email = email;
    this.tokenNonce = tokenNonce.clone();
    this.tokenHash = tokenHash.clone();
    this.invitedByStaffId = invitedByStaffId;
    this.invitedByAccountId = invitedByAccountId;
    this.customMessage = customMessage;
    this.createdAt = now;
    this.expiresAt = expiresAt;
  }

  Long getId() {
    return id;
  }

  long getAccountId() {
    return accountId;
  }

  Long getOnboardingId() {
    return onboardingId;
  }

  Long getDossierId() {
    return dossierId;
  }

  Long getCollaborativeServiceId() {
    return collaborativeServiceId;
  }

  String getEmail() {
    return email;
  }

  byte[] getTokenNonce() {
    return tokenNonce.clone();
  }

  InvitationStatus getStatus() {
    return status;
  }

  Instant getExpiresAt() {
    return expiresAt;
  }

  short getRemindersSent() {
    return remindersSent;
  }

  boolean markSent(Instant now) {
    if (status != InvitationStatus.PENDING_SEND) {
      return false;
    }
    status = InvitationStatus.SENT;
    sentAt = now;
    return true;
  }

  boolean recordReminder(int number, Instant now) {
    if (status != InvitationStatus.SENT || remindersSent >= number) {
      return false;
    }
    remindersSent = (short) number;
    lastReminderAt = now;
    return true;
  }

  void close(InvitationStatus closing, String reason, Instant now) {
    status = closing;
    closedReason = reason;
    closedAt = now;
    if (closing == InvitationStatus.CANCELLED) {
      cancelledAt = now;
    }
    if (closing == InvitationStatus.ACCEPTED) {
      acceptedAt = now;
    }
  }

  void supersededBy(long newer) {
    this.supersededById = newer;
  }

  void markEmailInvalid() {
    emailInvalid = true;
  }

  /** Seed 003 extension: the same link lives on with a new expiry. */
  void extend(Instant newExpiry, Instant now) {
    if (status == InvitationStatus.EXPIRED) {
      status = sentAt != null ? InvitationStatus.SENT : InvitationStatus.PENDING_SEND;
      closedAt = null;
      closedReason = null;
    }
    expiresAt = newExpiry;
  }

  InvitationView view() {
    return new InvitationView(
        id,
        accountId,
        dossierId,
        collaborativeServiceId,
        onboardingId,
        email,
        status,
        closedReason,
        new InvitationView.InvitedBy(
            invitedByStaffId != null ? "STAFF" : "CLIENT", invitedByStaffId, invitedByAccountId),
        customMessage,
        remindersSent,
        lastReminderAt,
        emailInvalid,
        createdAt,
        sentAt,
        expiresAt,
        acceptedAt,
        cancelledAt,
        closedAt,
        supersededById);
  }
}
