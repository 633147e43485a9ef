package io.passerelle.dossier;

import jakarta.persistence.AttributeOverride;
import jakarta.persistence.CascadeType;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

@Entity
@Table(name = "dossier")
class Dossier {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  /** The name, legal form, NAF code and address; the name is required here. */
  @Embedded
  @AttributeOverride(
      name = "companyName",
      column = @Column(name = "company_name", nullable = false, length = 200))
  private CompanyIdentity company;

  @Column(length = 14)
  private String siret;

  @Column(name = "manager_id", nullable = false)
  private long managerId;

  @ElementCollection
  @CollectionTable(name = "dossier_staff", joinColumns = @JoinColumn(name = "dossier_id"))
  @Column(name = "staff_id", nullable = false)
  private Set<Long> assignedStaffIds = new LinkedHashSet<>();

  @OneToMany(mappedBy = "dossier", cascade = CascadeType.ALL, orphanRemoval = true)
  @OrderBy("startDate")
  private List<FiscalYear> fiscalYears = new ArrayList<>();

  @OneToMany(mappedBy = "dossier", cascade = CascadeType.ALL, orphanRemoval = true)
  @OrderBy("activatedAt")
  private List<DossierOffer> offers = new ArrayList<>();

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  @Version private long version;

  protected Dossier() {}

  Dossier(CompanyIdentity company, long managerId, Instant now) {
    this.company = company;
    this.managerId = managerId;
    this.assignedStaffIds.add(managerId);
    this.createdAt = now;
    this.updatedAt = now;
  }

  Long getId() {
    return id;
  }

  String getCompanyName() {
    return company.companyName();
  }

  CompanyIdentity getCompany() {
    return company;
  }

  String getSiret() {
    return siret;
  }

  long getManagerId() {
    return managerId;
  }

  Set<Long> getAssignedStaffIds() {
    return assignedStaffIds;
  }

  List<FiscalYear> getFiscalYears() {
    return fiscalYears;
  }

  List<DossierOffer> getOffers() {
    return offers;
  }

  Instant getCreatedAt() {
    return createdAt;
  }

  void describe(DossierDetails d, Instant now) {
    this.company = d.company();
    this.siret = d.siret();
    this.updatedAt = now;
  }

  DossierDetails details() {
    return new DossierDetails(siret, company);
  }

  /** Hands the dossier to another manager, who is then among its assigned staff. */
  void changeManager(long staffId, Instant now) {
    this.managerId = staffId;
    this.assignedStaffIds.add(staffId);
    this.updatedAt = now;
  }

  boolean assign(long staffId, Instant now) {
    boolean added = assignedStaffIds.add(staffId);
    if (added) {
      updatedAt = now;
    }
    return added;
  }

  boolean unassign(long staffId, Instant now) {
    boolean removed = assignedStaffIds.remove(staffId);
    if (removed) {
      updatedAt = now;
    }
    return removed;
  }

  FiscalYear addFiscalYear(LocalDate start, LocalDate end, Instant now) {
    var year = new FiscalYear(this, start, end, now);
    fiscalYears.add(year);
    updatedAt = now;
    return year;
  }

  Optional<DossierOffer> offer(long offerId) {
    return offers.stream().filter(o -> o.getOfferId() == offerId).findFirst();
  }

  DossierOffer activate(long offerId, Instant now) {
    var offer = new DossierOffer(this, offerId, now);
    offers.add(offer);
    updatedAt = now;
    return offer;
  }

  /** The identity and address of a dossier, as stored (already checked and normalised). */
  record DossierDetails(String siret, CompanyIdentity company) {}
}
