package io.passerelle.collaboration;

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

@Entity
@Table(name = "collaborative_service")
class CollaborativeService {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "dossier_id", nullable = false, updatable = false)
  private long dossierId;

  @Column(name = "contact_id", nullable = false, updatable = false)
  private long contactId;

  @Column(name = "offer_id", nullable = false, updatable = false)
  private long offerId;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 16)
  private ServiceStatus status = ServiceStatus.PROPOSED;

  @Column(name = "onboarding_id", updatable = false)
  private Long onboardingId;

  @Column(name = "process_instance_key")
  private Long processInstanceKey;

  @Column(name = "proposed_by_staff_id", updatable = false)
  private Long proposedByStaffId;

  @Column(name = "proposed_at", nullable = false, updatable = false)
  private Instant proposedAt;

  @Column(name = "invited_at")
  private Instant invitedAt;

  @Column(name = "activated_at")
  private Instant activatedAt;

  @Column(name = "ended_at")
  private Instant endedAt;

  @Version private long version;

  protected CollaborativeService() {}

  CollaborativeService(
      long dossierId,
      long contactId,
      long offerId,
      Long onboardingId,
      Long proposedByStaffId,
      Instant now) {
    this.dossierId = dossierId;
    this.contactId = contactId;
    this.offerId = offerId;
    this.onboardingId = onboardingId;
    this.proposedByStaffId = proposedByStaffId;
    this.proposedAt = now;
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

  long getOfferId() {
    return offerId;
  }

  ServiceStatus getStatus() {
    return status;
  }

  Long getOnboardingId() {
    return onboardingId;
  }

  /** Moves to {@code next}; false when already there. Callers check the transition is allowed. */
  boolean moveTo(ServiceStatus next, Instant now) {
    if (status == next) {
      return false;
    }
    status = next;
    switch (next) {
      case INVITED -> {
        invitedAt = now;
        endedAt = null;
      }
      case ACTIVE -> {
        activatedAt = now;
        endedAt = null;
      }
      case CANCELLED, EXPIRED, REVOKED -> endedAt = now;
      case PROPOSED -> endedAt = null;
    }
    return true;
  }

  void attachProcessInstance(long key) {
    this.processInstanceKey = key;
  }

  Long getProcessInstanceKey() {
    return processInstanceKey;
  }

  ServiceView view(String offerCode) {
    return new ServiceView(
        id,
        dossierId,
        contactId,
        offerCode,
        status,
        onboardingId,
        processInstanceKey,
        proposedByStaffId,
        proposedAt,
        invitedAt,
        activatedAt,
        endedAt);
  }
}
