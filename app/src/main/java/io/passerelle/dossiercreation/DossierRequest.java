package io.passerelle.dossiercreation;

import io.passerelle.contact.AccessLevel;
import io.passerelle.dossier.CompanyIdentity;
import io.passerelle.dossiersetup.PartnerApplicationChoice;
import io.passerelle.registry.CompanyInfo;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A request to create a dossier: the row {@code Process_DossierCreation} works on. */
@Entity
@Table(name = "dossier_request")
class DossierRequest {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "requested_by_staff_id", nullable = false, updatable = false)
  private long requestedByStaffId;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 24)
  private DossierRequestStatus status;

  @Column(length = 14)
  private String siret;

  /** The company as far as it is known: given, from the registry, or completed in the task. */
  @Embedded private CompanyIdentity company;

  @Enumerated(EnumType.STRING)
  @Column(name = "registry_outcome", length = 16)
  private RegistryOutcome registryOutcome;

  @JdbcTypeCode(SqlTypes.JSON)
  @Column(name = "registry_company", columnDefinition = "jsonb")
  private CompanyInfo registryCompany;

  @Column(name = "registry_checked_at")
  private Instant registryCheckedAt;

  @JdbcTypeCode(SqlTypes.JSON)
  @Column(name = "fiscal_years", nullable = false, columnDefinition = "jsonb")
  private List<StoredFiscalYear> fiscalYears = new ArrayList<>();

  @Column(name = "manager_id", nullable = false)
  private long managerId;

  @JdbcTypeCode(SqlTypes.JSON)
  @Column(name = "assigned_staff_ids", nullable = false, columnDefinition = "jsonb")
  private List<Long> assignedStaffIds = new ArrayList<>();

  @Column(name = "document_tree_code", length = 40)
  private String documentTreeCode;

  @JdbcTypeCode(SqlTypes.JSON)
  @Column(name = "partner_applications", nullable = false, columnDefinition = "jsonb")
  private List<PartnerApplicationChoice> partnerApplications = new ArrayList<>();

  @Column(name = "invite_director", nullable = false)
  private boolean inviteDirector;

  @Column(name = "send_invitation_now", nullable = false)
  private boolean sendInvitationNow;

  @Column(name = "director_first_name", length = 100)
  private String directorFirstName;

  @Column(name = "director_last_name", length = 100)
  private String directorLastName;

  @Column(name = "director_email", length = 254)
  private String directorEmail;

  @Column(name = "director_phone", length = 30)
  private String directorPhone;

  @Column(name = "director_role_code", length = 40)
  private String directorRoleCode;

  @Column(name = "director_limited_to", length = 100)
  private String directorLimitedTo;

  @Enumerated(EnumType.STRING)
  @Column(name = "director_access_level", length = 16)
  private AccessLevel directorAccessLevel;

  @Column(name = "director_offer_code", length = 40)
  private String directorOfferCode;

  @Column(name = "director_message", length = 2000)
  private String directorMessage;

  @Column(name = "problem_code", length = 60)
  private String problemCode;

  @Column(name = "problem_message", length = 500)
  private String problemMessage;

  @Column(name = "process_instance_key")
  private Long processInstanceKey;

  @Column(name = "dossier_id")
  private Long dossierId;

  @Column(name = "existing_dossier_id")
  private Long existingDossierId;

  @Column(name = "director_onboarding_id")
  private Long directorOnboardingId;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  @Version private long version;

  protected DossierRequest() {}

  DossierRequest(
      long requestedByStaffId,
      String siret,
      CompanyDetails company,
      List<CompanyFields.FiscalYear> fiscalYears,
      long managerId,
      List<Long> assignedStaffIds,
      String documentTreeCode,
      List<PartnerApplicationChoice> partnerApplications,
      DirectorDetails director,
      boolean sendInvitationNow,
      Instant now) {
    this.requestedByStaffId = requestedByStaffId;
    this.siret = siret;
    this.status =
        siret == null ? DossierRequestStatus.DETAILS_NEEDED : DossierRequestStatus.LOOKING_UP;
    describe(company);
    this.fiscalYears = new ArrayList<>(fiscalYears.stream().map(StoredFiscalYear::of).toList());
    this.managerId = managerId;
    this.assignedStaffIds = new ArrayList<>(assignedStaffIds);
    this.documentTreeCode = documentTreeCode;
    this.partnerApplications = new ArrayList<>(partnerApplications);
    this.inviteDirector = director != null;
    this.sendInvitationNow = director != null && sendInvitationNow;
    if (director != null) {
      this.directorFirstName = director.firstName();
      this.directorLastName = director.lastName();
      this.directorEmail = director.email();
      this.directorPhone = director.phone();
      this.directorRoleCode = director.organisationalRoleCode();
      this.directorLimitedTo = director.limitedTo();
      this.directorAccessLevel = director.accessLevel();
      this.directorOfferCode = director.offerCode();
      this.directorMessage = director.customMessage();
    }
    this.createdAt = now;
    this.updatedAt = now;
  }

  // ---- what the steps do ----

  /**
   * Records the registry's answer (the first one: a redelivered lookup keeps it) and fills the
   * fields the staff member left blank. Moves on only while the lookup is awaited: a request sent
   * to manual entry meanwhile stays there.
   */
  void recordRegistryAnswer(RegistryOutcome outcome, CompanyInfo company, Instant now) {
    if (registryOutcome != null) {
      return;
    }
    this.registryOutcome = outcome;
    this.registryCompany = company;
    this.registryCheckedAt = now;
    if (company != null) {
      describe(
          company()
              .orElse(
                  new CompanyDetails(
                      company.companyName(),
                      company.legalForm(),
                      company.address(),
                      null,
                      company.postalCode(),
                      company.city(),
                      "FR",
                      company.nafCode())));
    }
    if (status == DossierRequestStatus.LOOKING_UP) {
      status =
          outcome == RegistryOutcome.FOUND
              ? DossierRequestStatus.CREATING
              : DossierRequestStatus.DETAILS_NEEDED;
    }
    this.updatedAt = now;
  }

  /** The staff member stops waiting for the registry. */
  void requestManualEntry(Instant now) {
    this.status = DossierRequestStatus.DETAILS_NEEDED;
    this.updatedAt = now;
  }

  /** The staff member completed the details: the dossier can be made. */
  void completeDetails(String newSiret, CompanyDetails details, Instant now) {
    if (newSiret != null) {
      this.siret = newSiret;
    }
    describe(details.orElse(company()));
    this.problemCode = null;
    this.problemMessage = null;
    this.status = DossierRequestStatus.CREATING;
    this.updatedAt = now;
  }

  /** The creation step found something missing: back to the staff member, with the reason. */
  void sendBack(String code, String message, Instant now) {
    this.problemCode = code;
    this.problemMessage = message.length() > 500 ? message.substring(0, 499) + "…" : message;
    this.status = DossierRequestStatus.DETAILS_NEEDED;
    this.updatedAt = now;
  }

  void created(long newDossierId, Instant now) {
    this.dossierId = newDossierId;
    this.status = DossierRequestStatus.CREATED;
    this.problemCode = null;
    this.problemMessage = null;
    this.updatedAt = now;
  }

  /** No dossier is made: nothing to invite, so the director's details go. */
  void siretAlreadyUsedBy(long otherDossierId, Instant now) {
    this.existingDossierId = otherDossierId;
    this.status = DossierRequestStatus.SIRET_ALREADY_USED;
    forgetDirector();
    this.updatedAt = now;
  }

  /** The director's onboarding exists: their details live there from now on. */
  void directorInvited(long onboardingId, Instant now) {
    this.directorOnboardingId = onboardingId;
    forgetDirector();
    this.updatedAt = now;
  }

  void started(long instanceKey, Instant now) {
    this.processInstanceKey = instanceKey;
    this.updatedAt = now;
  }

  private void forgetDirector() {
    this.directorFirstName = null;
    this.directorLastName = null;
    this.directorEmail = null;
    this.directorPhone = null;
    this.directorLimitedTo = null;
    this.directorMessage = null;
  }

  private void describe(CompanyDetails d) {
    this.company = d.identity();
  }

  // ---- reading ----

  CompanyDetails company() {
    return CompanyDetails.of(company);
  }

  /** The director to invite, while their details are here. */
  DirectorDetails director() {
    if (!inviteDirector || directorEmail == null) {
      return null;
    }
    return new DirectorDetails(
        directorFirstName,
        directorLastName,
        directorEmail,
        directorPhone,
        directorRoleCode,
        directorLimitedTo,
        directorAccessLevel,
        directorOfferCode,
        directorMessage);
  }

  List<CompanyFields.FiscalYear> fiscalYears() {
    return fiscalYears.stream().map(StoredFiscalYear::toYear).toList();
  }

  Long getId() {
    return id;
  }

  long getRequestedByStaffId() {
    return requestedByStaffId;
  }

  DossierRequestStatus getStatus() {
    return status;
  }

  String getSiret() {
    return siret;
  }

  RegistryOutcome getRegistryOutcome() {
    return registryOutcome;
  }

  CompanyInfo getRegistryCompany() {
    return registryCompany;
  }

  Instant getRegistryCheckedAt() {
    return registryCheckedAt;
  }

  long getManagerId() {
    return managerId;
  }

  List<Long> getAssignedStaffIds() {
    return List.copyOf(assignedStaffIds);
  }

  String getDocumentTreeCode() {
    return documentTreeCode;
  }

  List<PartnerApplicationChoice> getPartnerApplications() {
    return List.copyOf(partnerApplications);
  }

  boolean isInviteDirector() {
    return inviteDirector;
  }

  boolean isSendInvitationNow() {
    return sendInvitationNow;
  }

  String getProblemCode() {
    return problemCode;
  }

  String getProblemMessage() {
    return problemMessage;
  }

  Long getProcessInstanceKey() {
    return processInstanceKey;
  }

  Long getDossierId() {
    return dossierId;
  }

  Long getExistingDossierId() {
    return existingDossierId;
  }

  Long getDirectorOnboardingId() {
    return directorOnboardingId;
  }

  Instant getCreatedAt() {
    return createdAt;
  }

  Instant getUpdatedAt() {
    return updatedAt;
  }
}
