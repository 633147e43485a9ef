package io.passerelle.onboarding;

import io.passerelle.contact.AccessLevel;
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
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One "propose a collaborative service" request and the journey that carries it out. */
@Entity
@Table(name = "onboarding")
class Onboarding {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "dossier_id", nullable = false, updatable = false)
  private long dossierId;

  @Column(name = "contact_id")
  private Long contactId;

  /** The new contact's data as JSON, until the create-contact step has made the contact. */
  @JdbcTypeCode(SqlTypes.JSON)
  @Column(name = "new_contact", columnDefinition = "jsonb")
  private String newContact;

  @Column(name = "limited_to", length = 100, updatable = false)
  private String limitedTo;

  @Enumerated(EnumType.STRING)
  @Column(name = "access_level", nullable = false, length = 16, updatable = false)
  private AccessLevel accessLevel;

  @Column(nullable = false, updatable = false)
  private boolean holder;

  @Column(name = "offer_code", nullable = false, length = 40, updatable = false)
  private String offerCode;

  @Column(name = "custom_message", length = 2000, updatable = false)
  private String customMessage;

  @Column(name = "send_now", nullable = false, updatable = false)
  private boolean sendNow;

  @Column(name = "proposed_by_staff_id", updatable = false)
  private Long proposedByStaffId;

  @Column(name = "proposed_by_account_id", updatable = false)
  private Long proposedByAccountId;

  @Column(name = "bulk_item_id", updatable = false)
  private Long bulkItemId;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 16)
  private OnboardingStatus status = OnboardingStatus.STARTING;

  @Column(name = "rejection_code", length = 40)
  private String rejectionCode;

  @Column(name = "service_id")
  private Long serviceId;

  @Column(name = "account_id")
  private Long accountId;

  @Column(name = "process_instance_key")
  private Long processInstanceKey;

  @Column(name = "invitation_process_key")
  private Long invitationProcessKey;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;

  @Column(name = "started_at")
  private Instant startedAt;

  @Column(name = "ended_at")
  private Instant endedAt;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 16)
  private Identity identity = Identity.PASSERELLE;

  @Version private long version;

  protected Onboarding() {}

  Onboarding(
      long dossierId,
      Long contactId,
      String newContact,
      String limitedTo,
      AccessLevel accessLevel,
      boolean holder,
      String offerCode,
      Identity identity,
      String customMessage,
      boolean sendNow,
      Long proposedByStaffId,
      Long proposedByAccountId,
      Long bulkItemId,
      Instant now) {
    this.identity = identity;
    this.dossierId = dossierId;
    this.contactId = contactId;
    this.newContact = newContact;
    this.limitedTo = limitedTo;
    this.accessLevel = accessLevel;
    this.holder = holder;
    this.offerCode = offerCode;
    this.customMessage = customMessage;
    this.sendNow = sendNow;
    this.proposedByStaffId = proposedByStaffId;
    this.proposedByAccountId = proposedByAccountId;
    this.bulkItemId = bulkItemId;
    this.createdAt = now;
  }

  /** The process instance started: IN_PROGRESS. */
  void started(long processInstanceKey, Instant now) {
    this.processInstanceKey = processInstanceKey;
    this.status = OnboardingStatus.IN_PROGRESS;
    this.startedAt = now;
  }

  /** The contact is made (or found): the request's copy of its data is dropped. */
  void contactReady(long contactId) {
    this.contactId = contactId;
    this.newContact = null;
  }

  void serviceProposed(long serviceId, long accountId) {
    this.serviceId = serviceId;
    this.accountId = accountId;
  }

  void invitationProcess(long processInstanceKey) {
    this.invitationProcessKey = processInstanceKey;
  }

  /** Ends the onboarding; false when it had ended already (nothing changes). */
  boolean end(OnboardingStatus outcome, String rejectionCode, Instant now) {
    if (status.ended()) {
      return false;
    }
    this.status = outcome;
    this.rejectionCode = outcome == OnboardingStatus.REJECTED ? rejectionCode : null;
    this.endedAt = now;
    return true;
  }

  OnboardingView view() {
    return new OnboardingView(
        id,
        dossierId,
        contactId,
        offerCode,
        limitedTo,
        accessLevel,
        holder,
        customMessage,
        sendNow,
        proposedByStaffId == null
            ? new OnboardingView.ProposedBy("CLIENT", null, proposedByAccountId)
            : new OnboardingView.ProposedBy("STAFF", proposedByStaffId, null),
        bulkItemId,
        status,
        rejectionCode,
        serviceId,
        accountId,
        processInstanceKey,
        invitationProcessKey,
        createdAt,
        startedAt,
        endedAt,
        identity);
  }

  Long getId() {
    return id;
  }

  long getDossierId() {
    return dossierId;
  }

  Long getContactId() {
    return contactId;
  }

  String getNewContact() {
    return newContact;
  }

  String getLimitedTo() {
    return limitedTo;
  }

  AccessLevel getAccessLevel() {
    return accessLevel;
  }

  boolean isHolder() {
    return holder;
  }

  String getOfferCode() {
    return offerCode;
  }

  Identity getIdentity() {
    return identity;
  }

  String getCustomMessage() {
    return customMessage;
  }

  boolean isSendNow() {
    return sendNow;
  }

  Long getProposedByStaffId() {
    return proposedByStaffId;
  }

  Long getProposedByAccountId() {
    return proposedByAccountId;
  }

  OnboardingStatus getStatus() {
    return status;
  }

  Long getServiceId() {
    return serviceId;
  }

  Long getAccountId() {
    return accountId;
  }

  Long getProcessInstanceKey() {
    return processInstanceKey;
  }

  Long getInvitationProcessKey() {
    return invitationProcessKey;
  }

  Instant getCreatedAt() {
    return createdAt;
  }
}
