package io.passerelle.dossier;

import io.passerelle.activity.ActivityRecord;
import io.passerelle.activity.ActivityService;
import io.passerelle.activity.ActivityType;
import io.passerelle.catalog.CatalogService;
import io.passerelle.catalog.OfferView;
import io.passerelle.domain.Actor;
import io.passerelle.domain.DomainException;
import io.passerelle.domain.DomainException.FieldError;
import io.passerelle.domain.Locks;
import io.passerelle.staff.StaffScope;
import io.passerelle.staff.StaffService;
import io.passerelle.staff.StaffView;
import jakarta.persistence.criteria.JoinType;
import jakarta.persistence.criteria.Predicate;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Dossiers (client files): identity, SIRET (14 digits, Luhn, unique in the firm when present),
 * fiscal years, manager and assigned staff, the offers activated on them and their widgets.
 *
 * <p>Who may do what: the office administrator and managers create dossiers; the dossier's manager
 * or the administrator changes it and its staff; its assigned staff (the manager among them) add
 * fiscal years, activate offers and enable widgets. Only the dossier's manager or the administrator
 * grants, changes or removes external access ({@link #requireExternalAccessManager}). The system
 * actor (a process step) passes every check: its command was authorised when it was accepted.
 *
 * <p>This is the feature's facade; the work is done by use case: the identity's rules ({@link
 * DossierIdentityRules}), who may do what ({@link DossierAccess}), the offers and widgets ({@link
 * DossierOffers}), the views ({@link DossierViews}).
 */
@Service
public class DossierService {

  private final DossierRepository dossiers;
  private final DossierAccess access;
  private final DossierOffers offers;
  private final DossierViews views;
  private final StaffService staff;
  private final CatalogService catalog;
  private final ActivityService activity;
  private final Locks locks;
  private final Clock clock;
  private final StaffScope scopes;

  DossierService(
      DossierRepository dossiers,
      DossierAccess access,
      DossierOffers offers,
      DossierViews views,
      StaffService staff,
      CatalogService catalog,
      ActivityService activity,
      Locks locks,
      Clock clock,
      StaffScope scopes) {
    this.dossiers = dossiers;
    this.access = access;
    this.offers = offers;
    this.views = views;
    this.staff = staff;
    this.catalog = catalog;
    this.activity = activity;
    this.locks = locks;
    this.clock = clock;
    this.scopes = scopes;
  }

  // ---- create, change, read ----

  @Transactional
  public DossierView create(NewDossier request, Actor actor) {
    long managerId = access.managerFor(request.managerId(), actor);
    List<FieldError> errors = new ArrayList<>();
    var details = DossierIdentityRules.details(DossierIdentityRules.Input.of(request), errors);
    LocalDate start = request.fiscalYearStart();
    LocalDate end = null;
    if (start == null && request.fiscalYearEnd() != null) {
      errors.add(
          new FieldError(
              "fiscalYearStart", "REQUIRED", "Give the start of the fiscal year with its end."));
    } else if (start != null) {
      end =
          request.fiscalYearEnd() == null ? FiscalYears.defaultEnd(start) : request.fiscalYearEnd();
      DossierIdentityRules.checkFiscalYear(start, end, "fiscalYearEnd", errors);
    }
    DossierIdentityRules.throwIfAny(errors);
    access.requireManagerRole(managerId);
    Set<Long> assigned = new LinkedHashSet<>();
    if (request.assignedStaffIds() != null) {
      for (Long id : request.assignedStaffIds()) {
        assigned.add(staff.requireActive(id, "assignedStaffIds").id());
      }
    }
    if (details.siret() != null) {
      locks.lock("siret", details.siret());
      requireSiretFree(details.siret(), null);
    }
    var now = clock.instant();
    var dossier = new Dossier(details.company(), managerId, now);
    dossier.describe(details, now);
    assigned.forEach(id -> dossier.assign(id, now));
    if (start != null) {
      dossier.addFiscalYear(start, end, now);
    }
    dossiers.saveAndFlush(dossier);
    activity.record(ActivityRecord.of(ActivityType.DOSSIER_CREATED, actor, dossier.getId(), null));
    return views.view(dossier);
  }

  @Transactional
  public DossierView update(long id, DossierChanges changes, Actor actor) {
    Dossier dossier = dossiers.require(id);
    access.requireManagerOrAdministrator(dossier, actor, "change this dossier");
    var current = dossier.details();
    List<FieldError> errors = new ArrayList<>();
    var details =
        DossierIdentityRules.details(DossierIdentityRules.Input.of(changes, current), errors);
    DossierIdentityRules.throwIfAny(errors);
    var now = clock.instant();
    if (details.siret() != null && !details.siret().equals(current.siret())) {
      locks.lock("siret", details.siret());
      requireSiretFree(details.siret(), dossier.getId());
    }
    if (changes.managerId() != null && changes.managerId() != dossier.getManagerId()) {
      StaffView manager = access.requireManagerRole(changes.managerId());
      dossier.changeManager(manager.id(), now);
    }
    dossier.describe(details, now);
    dossiers.flush(); // managed: new children are persisted by cascade
    activity.record(ActivityRecord.of(ActivityType.DOSSIER_UPDATED, actor, id, null));
    return views.view(dossier);
  }

  @Transactional(readOnly = true)
  public DossierView get(long id) {
    return views.view(dossiers.require(id));
  }

  @Transactional(readOnly = true)
  public DossierSummary summary(long id) {
    Dossier dossier = dossiers.require(id);
    return new DossierSummary(
        dossier.getId(),
        dossier.getCompanyName(),
        dossier.getManagerId(),
        staff.get(dossier.getManagerId()).username(),
        Set.copyOf(dossier.getAssignedStaffIds()));
  }

  @Transactional(readOnly = true)
  public boolean exists(long id) {
    return dossiers.existsById(id);
  }

  /**
   * The dossiers the reader may see, filtered; sorted by the API's names ({@code companyName},
   * {@code siret}, {@code createdAt}, {@code id}).
   */
  @Transactional(readOnly = true)
  public Page<DossierView> list(DossierFilter filter, Pageable pageable) {
    var scope = scopes.current();
    Specification<Dossier> spec =
        (root, query, cb) -> {
          List<Predicate> where = new ArrayList<>();
          where.add(scope.dossier(cb, root.get("id")));
          if (filter.q() != null && !filter.q().isBlank()) {
            String like = "%" + filter.q().strip().toLowerCase(Locale.ROOT) + "%";
            where.add(
                cb.or(
                    cb.like(cb.lower(root.get("company").get("companyName")), like),
                    cb.like(root.get("siret"), "%" + Siret.normalise(filter.q().strip()) + "%")));
          }
          if (filter.managerId() != null) {
            where.add(cb.equal(root.get("managerId"), filter.managerId()));
          }
          if (filter.staffId() != null) {
            where.add(cb.isMember(filter.staffId(), root.<Set<Long>>get("assignedStaffIds")));
          }
          if (filter.offerCode() != null && !filter.offerCode().isBlank()) {
            OfferView offer = catalog.offer(filter.offerCode());
            var offers = root.join("offers", JoinType.INNER);
            where.add(cb.equal(offers.get("offerId"), offer.id()));
          }
          return cb.and(where.toArray(Predicate[]::new));
        };
    return dossiers.findAll(spec, entitySort(pageable)).map(views::view);
  }

  /** The API sorts by {@code companyName}; the entity keeps it in its embedded identity. */
  private static Pageable entitySort(Pageable pageable) {
    Sort sort =
        Sort.by(
            pageable.getSort().stream()
                .map(
                    o ->
                        "companyName".equals(o.getProperty())
                            ? o.withProperty("company.companyName")
                            : o)
                .toList());
    return pageable.isPaged()
        ? PageRequest.of(pageable.getPageNumber(), pageable.getPageSize(), sort)
        : Pageable.unpaged(sort);
  }

  // ---- fiscal years ----

  /** Adds a fiscal year; {@code end} null = start + 12 months − 1 day. Years never overlap. */
  @Transactional
  public DossierView.FiscalYearView addFiscalYear(
      long dossierId, LocalDate start, LocalDate end, Actor actor) {
    Dossier dossier = dossiers.require(dossierId);
    access.requireAssignedOrAdministrator(dossier, actor, "add fiscal years to this dossier");
    List<FieldError> errors = new ArrayList<>();
    if (start == null) {
      errors.add(new FieldError("start", "REQUIRED", "Give the first day of the fiscal year."));
      DossierIdentityRules.throwIfAny(errors);
    }
    LocalDate last = end == null ? FiscalYears.defaultEnd(start) : end;
    DossierIdentityRules.checkFiscalYear(start, last, "end", errors);
    DossierIdentityRules.throwIfAny(errors);
    locks.lock("dossier", String.valueOf(dossierId));
    for (FiscalYear existing : dossier.getFiscalYears()) {
      if (existing.overlaps(start, last)) {
        throw DomainException.conflict(
            "FISCAL_YEAR_OVERLAP",
            "start",
            "This fiscal year overlaps the one starting on " + existing.getStartDate() + ".");
      }
    }
    FiscalYear year = dossier.addFiscalYear(start, last, clock.instant());
    dossiers.flush(); // managed: new children are persisted by cascade
    activity.record(
        ActivityRecord.of(ActivityType.FISCAL_YEAR_ADDED, actor, dossierId, null)
            .with("start", start.toString())
            .with("end", last.toString()));
    return year.view();
  }

  // ---- staff ----

  /** Assigns a staff member to the dossier; already assigned = nothing to do. */
  @Transactional
  public DossierView assignStaff(long dossierId, long staffId, Actor actor) {
    Dossier dossier = dossiers.require(dossierId);
    access.requireManagerOrAdministrator(dossier, actor, "assign staff to this dossier");
    StaffView member = staff.requireActive(staffId, "staffId");
    if (dossier.assign(member.id(), clock.instant())) {
      dossiers.flush(); // managed: new children are persisted by cascade
      activity.record(
          ActivityRecord.of(ActivityType.STAFF_ASSIGNED, actor, dossierId, null)
              .with("staffId", member.id()));
    }
    return views.view(dossier);
  }

  /** Takes a staff member off the dossier; never its manager (hand the dossier over first). */
  @Transactional
  public DossierView unassignStaff(long dossierId, long staffId, Actor actor) {
    Dossier dossier = dossiers.require(dossierId);
    access.requireManagerOrAdministrator(dossier, actor, "change the staff of this dossier");
    if (dossier.getManagerId() == staffId) {
      throw DomainException.conflict(
          "MANAGER_STAYS_ASSIGNED",
          "The dossier's manager stays assigned to it: choose another manager first.");
    }
    if (dossier.unassign(staffId, clock.instant())) {
      dossiers.flush(); // managed: new children are persisted by cascade
      activity.record(
          ActivityRecord.of(ActivityType.STAFF_UNASSIGNED, actor, dossierId, null)
              .with("staffId", staffId));
    }
    return views.view(dossier);
  }

  @Transactional(readOnly = true)
  public List<DossierView.StaffRef> assignedStaff(long dossierId) {
    return views.view(dossiers.require(dossierId)).assignedStaff();
  }

  // ---- offers and widgets ----

  /**
   * Activates the offer on the dossier's tile (seed 001, step 1). Idempotent: an offer already
   * active on the dossier is left as it is and {@code newlyActivated} is false. Unknown offer:
   * {@code OFFER_UNKNOWN}; unknown dossier: {@code DOSSIER_UNKNOWN}.
   */
  @Transactional
  public OfferActivation activateOffer(long dossierId, String offerCode, Actor actor) {
    return offers.activate(dossierId, offerCode, actor);
  }

  /**
   * Enables (or disables) the offer's widget on the dossier (seed 001, step 4). Idempotent. The
   * offer must be active on the dossier: {@code OFFER_NOT_ACTIVE} otherwise.
   */
  @Transactional
  public DossierView.OfferOnDossier setWidget(
      long dossierId, String offerCode, boolean enabled, Actor actor) {
    return offers.setWidget(dossierId, offerCode, enabled, actor);
  }

  @Transactional(readOnly = true)
  public List<DossierView.OfferOnDossier> offers(long dossierId) {
    return views.view(dossiers.require(dossierId)).offers();
  }

  // ---- rules other features ask for ----

  /**
   * Only the dossier's manager or the office administrator grants, changes or removes access for
   * external parties on a dossier (seed 003); anyone else is told who can.
   */
  @Transactional(readOnly = true)
  public void requireExternalAccessManager(long dossierId, Actor actor) {
    access.requireExternalAccessManager(dossiers.require(dossierId), actor);
  }

  /**
   * The firm's dossier that already has a SIRET, as a refusal names it (the API's {@code
   * existingDossier}: id, company name, link).
   */
  public static Map<String, Object> existingDossier(long id, String companyName) {
    Map<String, Object> ref = new LinkedHashMap<>();
    ref.put("id", id);
    ref.put("companyName", companyName);
    ref.put("href", "/api/dossiers/" + id);
    return ref;
  }

  private void requireSiretFree(String siret, Long self) {
    dossiers
        .findBySiret(siret)
        .filter(other -> !other.getId().equals(self))
        .ifPresent(
            other -> {
              throw DomainException.conflict(
                      "SIRET_ALREADY_USED",
                      "siret",
                      "The SIRET "
                          + siret
                          + " is already used by the firm's dossier "
                          + other.getCompanyName()
                          + ": open it instead.")
                  .with("existingDossier", existingDossier(other.getId(), other.getCompanyName()));
            });
  }
}
