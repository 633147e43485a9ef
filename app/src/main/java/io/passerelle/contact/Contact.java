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

@Entity
@Table(name = "contact")
class Contact {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "first_name", length = 100)
  private String firstName;

  @Column(name = "last_name", length = 100)
  private String lastName;

  @Column(name = "company_name", length = 200)
  private String companyName;

  @Column(name = "name_complement", length = 100)
  private String nameComplement;

  @Enumerated(EnumType.STRING)
  @Column(name = "subscriber_type", nullable = false, length = 16)
  private SubscriberType subscriberType;

  @Enumerated(EnumType.STRING)
  @Column(name = "advisor_type", length = 16)
  private AdvisorType advisorType;

  @Column(nullable = false, length = 254)
  private String email;

  @Column(name = "email_invalid", nullable = false)
  private boolean emailInvalid;

  @Column(length = 30)
  private String phone;

  @Column(name = "organisational_role_id", nullable = false)
  private long organisationalRoleId;

  @Column(name = "consultation_only", nullable = false)
  private boolean consultationOnly;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 2)
  private Language language = Language.fr;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 16)
  private ContactStatus status = ContactStatus.ACTIVE;

  @Column(name = "deactivated_at")
  private Instant deactivatedAt;

  @Column(name = "erased_at")
  private Instant erasedAt;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  @Version private long version;

  protected Contact() {}

  Contact(ContactDetails details, String email, Instant now) {
    describe(details, now);
    this.email = email;
    this.createdAt = now;
  }

  void describe(ContactDetails d, Instant now) {
    this.firstName = d.firstName();
    this.lastName = d.lastName();
    this.companyName = d.companyName();
    this.nameComplement = d.nameComplement();
    this.subscriberType = d.subscriberType();
    this.advisorType = d.advisorType();
    this.phone = d.phone();
    this.organisationalRoleId = d.organisationalRoleId();
    this.consultationOnly = d.consultationOnly();
    this.language = d.language();
    this.updatedAt = now;
  }

  ContactDetails details() {
    return new ContactDetails(
        firstName,
        lastName,
        companyName,
        nameComplement,
        subscriberType,
        advisorType,
        phone,
        organisationalRoleId,
        consultationOnly,
        language);
  }

  Long getId() {
    return id;
  }

  String getEmail() {
    return email;
  }

  boolean isEmailInvalid() {
    return emailInvalid;
  }

  ContactStatus getStatus() {
    return status;
  }

  SubscriberType getSubscriberType() {
    return subscriberType;
  }

  boolean isConsultationOnly() {
    return consultationOnly;
  }

  Instant getCreatedAt() {
    return createdAt;
  }

  void changeEmail(String email, Instant now) {
    this.email = email;
    this.emailInvalid = false;
    this.updatedAt = now;
  }

  boolean markEmailInvalid(Instant now) {
    if (emailInvalid) {
      return false;
    }
    emailInvalid = true;
    updatedAt = now;
    return true;
  }

  void deactivate(Instant now) {
    status = ContactStatus.DEACTIVATED;
    deactivatedAt = now;
    updatedAt = now;
  }

  void reactivate(Instant now) {
    status = ContactStatus.ACTIVE;
    deactivatedAt = null;
    updatedAt = now;
  }

  void erase(String anonymousEmail, Instant now) {
    firstName = null;
    lastName = null;
    companyName = null;
    nameComplement = null;
    phone = null;
    email = anonymousEmail;
    emailInvalid = true;
    status = ContactStatus.ERASED;
    erasedAt = now;
    deactivatedAt = deactivatedAt == null ? now : deactivatedAt;
    updatedAt = now;
  }

  /** Checked and normalised fields of a contact (all but the e-mail). */
  record ContactDetails(
      String firstName,
      String lastName,
      String companyName,
      String nameComplement,
      SubscriberType subscriberType,
      AdvisorType advisorType,
      String phone,
      long organisationalRoleId,
      boolean consultationOnly,
      Language language) {}
}
