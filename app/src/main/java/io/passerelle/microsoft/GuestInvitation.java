package io.passerelle.microsoft;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/** An onboarding's guest invitation to the firm's tenant (table guest_invitation, V99). */
@Entity
@Table(name = "guest_invitation")
class GuestInvitation {

  @Id
  @Column(name = "onboarding_id")
  private Long onboardingId;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 24)
  private GuestInvitationStatus status = GuestInvitationStatus.NOT_SENT;

  @Column(name = "graph_user_id", length = 64)
  private String graphUserId;

  @Column(name = "invited_email", length = 254)
  private String invitedEmail;

  @Column(name = "redeemed_email", length = 254)
  private String redeemedEmail;

  @Column(name = "already_in_tenant", nullable = false)
  private boolean alreadyInTenant;

  @Column(name = "request_key")
  private Long requestKey;

  @Column(name = "process_instance_key")
  private Long processInstanceKey;

  @Column(name = "reminders_sent", nullable = false)
  private short remindersSent;

  @Column(name = "failure_code", length = 40)
  private String failureCode;

  @Column(name = "failure_message", length = 500)
  private String failureMessage;

  @Column(name = "sent_at")
  private Instant sentAt;

  @Column(name = "accepted_at")
  private Instant acceptedAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  @Version private long version;

  protected GuestInvitation() {}

  GuestInvitation(long onboardingId, Instant now) {
    this.onboardingId = onboardingId;
    this.updatedAt = now;
  }

  /** A new entry into the invite task: this request's outcome replaces the previous one. */
  void request(long requestKey, long processInstanceKey, String email, Instant now) {
    this.requestKey = requestKey;
    this.processInstanceKey = processInstanceKey;
    this.invitedEmail = email;
    this.redeemedEmail = null;
    this.remindersSent = 0;
    this.updatedAt = now;
  }

  void inTenant(String graphUserId, Instant now) {
    this.graphUserId = graphUserId;
    this.alreadyInTenant = true;
    accepted(now);
  }

  void sent(String graphUserId, Instant now) {
    this.graphUserId = graphUserId;
    this.alreadyInTenant = false;
    this.status = GuestInvitationStatus.PENDING_ACCEPTANCE;
    this.failureCode = null;
    this.failureMessage = null;
    this.acceptedAt = null;
    this.sentAt = now;
    this.updatedAt = now;
  }

  void reminded(int reminderNumber, Instant now) {
    this.remindersSent = (short) reminderNumber;
    this.sentAt = now;
    this.updatedAt = now;
  }

  /** Sent again at the staff's request (not a reminder: the reminders' count stays). */
  void resentByStaff(Instant at) {
    this.sentAt = at;
    this.updatedAt = at;
  }

  void accepted(Instant now) {
    if (status != GuestInvitationStatus.ACCEPTED) {
      this.status = GuestInvitationStatus.ACCEPTED;
      this.acceptedAt = now;
    }
    this.failureCode = null;
    this.failureMessage = null;
    this.updatedAt = now;
  }

  void failed(String code, String message, String redeemedEmail, Instant now) {
    this.status = GuestInvitationStatus.FAILED;
    this.failureCode = code;
    this.failureMessage = message == null ? null : GraphHttp.cut(message, 500);
    this.redeemedEmail = redeemedEmail;
    this.acceptedAt = null;
    this.updatedAt = now;
  }

  GuestInvitationView view() {
    return new GuestInvitationView(
        onboardingId,
        status,
        alreadyInTenant,
        remindersSent,
        failureCode,
        failureMessage,
        sentAt,
        acceptedAt);
  }

  long getOnboardingId() {
    return onboardingId;
  }

  GuestInvitationStatus getStatus() {
    return status;
  }

  String getGraphUserId() {
    return graphUserId;
  }

  String getInvitedEmail() {
    return invitedEmail;
  }

  Instant getSentAt() {
    return sentAt;
  }

  String getFailureCode() {
    return failureCode;
  }

  boolean isAlreadyInTenant() {
    return alreadyInTenant;
  }

  Long getRequestKey() {
    return requestKey;
  }

  int getRemindersSent() {
    return remindersSent;
  }
}
