package io.passerelle.onboarding;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One contact of one dossier in a bulk invitation, and what became of it. */
@Entity
@Table(name = "bulk_invitation_item")
class BulkInvitationItem {

  /** The result per contact. */
  enum Status {
    /** Waiting for its step. */
    PENDING,
    /** Its onboarding started (the onboarding tells the rest). */
    STARTED,
    /** Its e-mail address is invalid: flagged, not invited; the others go on. */
    INVALID_EMAIL,
    /** Left out, with the reason (already on board, an onboarding running, contact inactive). */
    SKIPPED,
    /** Could not be invited (see the reason). */
    FAILED
  }

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "bulk_id", nullable = false, updatable = false)
  private long bulkId;

  @Column(name = "dossier_id", nullable = false, updatable = false)
  private long dossierId;

  @Column(name = "contact_id", nullable = false, updatable = false)
  private long contactId;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 16)
  private Status status;

  @Column(length = 40)
  private String reason;

  @Column(name = "onboarding_id")
  private Long onboardingId;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  protected BulkInvitationItem() {}

  BulkInvitationItem(
      long bulkId, long dossierId, long contactId, Status status, String reason, Instant now) {
    this.bulkId = bulkId;
    this.dossierId = dossierId;
    this.contactId = contactId;
    this.status = status;
    this.reason = reason;
    this.updatedAt = now;
  }

  void started(long onboardingId, Instant now) {
    this.onboardingId = onboardingId;
    this.status = Status.STARTED;
    this.reason = null;
    this.updatedAt = now;
  }

  boolean settle(Status outcome, String why, Instant now) {
    if (status != Status.PENDING) {
      return false;
    }
    this.status = outcome;
    this.reason = why;
    this.updatedAt = now;
    return true;
  }

  Long getId() {
    return id;
  }

  long getBulkId() {
    return bulkId;
  }

  long getDossierId() {
    return dossierId;
  }

  long getContactId() {
    return contactId;
  }

  Status getStatus() {
    return status;
  }

  String getReason() {
    return reason;
  }

  Long getOnboardingId() {
    return onboardingId;
  }
}
