package io.passerelle.onboarding;

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

/** A bulk invitation (seed 002): several dossiers' contacts invited at once, one message. */
@Entity
@Table(name = "bulk_invitation")
class BulkInvitation {

  enum Status {
    STARTING,
    RUNNING,
    COMPLETED
  }

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "offer_code", nullable = false, length = 40, updatable = false)
  private String offerCode;

  @Column(name = "custom_message", length = 2000, updatable = false)
  private String customMessage;

  @Column(name = "created_by_staff_id", nullable = false, updatable = false)
  private long createdByStaffId;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 16)
  private Status status = Status.STARTING;

  @Column(name = "process_instance_key")
  private Long processInstanceKey;

  @Column(name = "item_count", nullable = false, updatable = false)
  private int itemCount;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;

  @Column(name = "started_at")
  private Instant startedAt;

  @Column(name = "completed_at")
  private Instant completedAt;

  @Version private long version;

  protected BulkInvitation() {}

  BulkInvitation(
      String offerCode, String customMessage, long createdByStaffId, int itemCount, Instant now) {
    this.offerCode = offerCode;
    this.customMessage = customMessage;
    this.createdByStaffId = createdByStaffId;
    this.itemCount = itemCount;
    this.createdAt = now;
  }

  void started(long processInstanceKey, Instant now) {
    this.processInstanceKey = processInstanceKey;
    this.status = Status.RUNNING;
    this.startedAt = now;
  }

  boolean complete(Instant now) {
    if (status == Status.COMPLETED) {
      return false;
    }
    if (startedAt == null) {
      startedAt = now;
    }
    status = Status.COMPLETED;
    completedAt = now;
    return true;
  }

  Long getId() {
    return id;
  }

  String getOfferCode() {
    return offerCode;
  }

  String getCustomMessage() {
    return customMessage;
  }

  long getCreatedByStaffId() {
    return createdByStaffId;
  }

  Status getStatus() {
    return status;
  }

  Long getProcessInstanceKey() {
    return processInstanceKey;
  }

  int getItemCount() {
    return itemCount;
  }

  Instant getCreatedAt() {
    return createdAt;
  }

  Instant getStartedAt() {
    return startedAt;
  }

  Instant getCompletedAt() {
    return completedAt;
  }
}
