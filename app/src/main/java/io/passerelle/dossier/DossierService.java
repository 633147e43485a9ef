package io.passerelle.dossier;

import io.passerelle.activity.ActivityRecord;
import io.passerelle.activity.ActivityService;
import io.passerelle.activity.ActivityType;
import io.passerelle.catalog.CatalogService;
import io.passerelle.catalog.OfferView;
import io.passerelle.domain.Actor;
import io.passerelle.domain.CommonErrors;
import io.passerelle.domain.DomainException;
import io.passerelle.domain.DomainException.FieldError;
import io.passerelle.domain.Locks;
import io.passerelle.domain.Texts;
import io.passerelle.staff.StaffRole;
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
import java.util.regex.Pattern;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
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
 */
@Service
public class DossierService {

  private static final Pattern NAF = Pattern.compile("([0-9]{2})\\.?([0-9]{2})([A-Za-z])");
  private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");

  private final DossierRepository dossiers;
  private final StaffService staff;
  private final CatalogService catalog;
  private final ActivityService activity;
  private final Locks locks;
  private final Clock clock;
  private final StaffScope scopes;

  DossierService(
      DossierRepository dossiers,
      StaffService staff,
      CatalogService catalog,
      ActivityService activity,
      Locks locks,
      Clock clock,
      StaffScope scopes) {
    this.dossiers = dossiers;
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
    long managerId = managerFor(request.managerId(), actor);
    List<FieldError> errors = new ArrayList<>();
    var details =
        details(
            request.companyName(),
            request.siret(),
            request.legalForm(),
            request.addressLine1(),
            request.addressLine2(),
            request.postalCode(),
            request.city(),
            request.country(),
            request.nafCode(),
            errors);
    LocalDate start = request.fiscalYearStart();
    LocalDate end = null;
    if (start == null && request.fiscalYearEnd() != null) {
      errors.add(
          new FieldError(
              "fiscalYearStart",
              CommonErrors.REQUIRED,
              "Give the start of the fiscal year with its end."));
    } else if (start != null) {
      end =
          request.fiscalYearEnd() == null ? FiscalYears.defaultEnd(start) : request.fiscalYearEnd();
      checkFiscalYear(start, end, "fiscalYearEnd", errors);
    }
    throwIfAny(errors);
    StaffView manager = staff.requireActive(managerId, "managerId");
    if (manager.role() == StaffRole.STAFF) {
      throw DomainException.rule(
          DossierErrors.MANAGER_ROLE_REQUIRED,
          "managerId",
          manager.displayName()
              + " is not a manager: a dossier's manager has the MANAGER or ADMIN"
              + " role.");
    }
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
    var dossier = new Dossier(details.companyName(), managerId, now);
    dossier.describe(details, now);
    assigned.forEach(id -> dossier.assign(id, now));
    if (start != null) {
      dossier.addFiscalYear(start, end, now);
    }
    dossiers.saveAndFlush(dossier);
    activity.record(ActivityRecord.of(ActivityType.DOSSIER_CREATED, actor, dossier.getId(), null));
    return view(dossier);
  }

  @Transactional
  public DossierView update(long id, DossierChanges changes, Actor actor) {
    Dossier dossier = find(id);
    requireManagerOrAdministrator(dossier, actor, "change this dossier");
    var current = dossier.details();
    List<FieldError> errors = new ArrayList<>();
    var details =
        details(
            changes.companyName() == null ? current.companyName() : changes.companyName(),
            changes.siret() == null ? current.siret() : changes.siret(),
            changes.legalForm() == null ? current.legalForm() : changes.legalForm(),
            changes.addressLine1() == null ? current.addressLine1() : changes.addressLine1(),
            changes.addressLine2() == null ? current.addressLine2() : changes.addressLine2(),
            changes.postalCode() == null ? current.postalCode() : changes.postalCode(),
            changes.city() == null ? current.city() : changes.city(),
            changes.country() == null ? current.country() : changes.country(),
            changes.nafCode() == null ? current.nafCode() : changes.nafCode(),
            errors);
    throwIfAny(errors);
    var now = clock.instant();
    if (details.siret() != null && !details.siret().equals(current.siret())) {
      locks.lock("siret", details.siret());
      requireSiretFree(details.siret(), dossier.getId());
    }
    if (changes.managerId() != null && changes.managerId() != dossier.getManagerId()) {
      StaffView manager = staff.requireActive(changes.managerId(), "managerId");
      if (manager.role() == StaffRole.STAFF) {
        throw DomainException.rule(
            DossierErrors.MANAGER_ROLE_REQUIRED,
            "managerId",
            manager.displayName()
                + " is not a manager: a dossier's manager has the MANAGER or"
                + " ADMIN role.");
      }
      dossier.changeManager(manager.id(), now);
    }
    dossier.describe(details, now);
    dossiers.flush(); // managed: new children are persisted by cascade
    activity.record(ActivityRecord.of(ActivityType.DOSSIER_UPDATED, actor, id, null));
    return view(dossier);
  }

  @Transactional(readOnly = true)
  public DossierView get(long id) {
    return view(find(id));
  }

  @Transactional(readOnly = true)
  public DossierSummary summary(long id) {
    Dossier dossier = find(id);
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
                    cb.like(cb.lower(root.get("companyName")), like),
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
    return dossiers.findAll(spec, pageable).map(this::view);
  }

  // ---- fiscal years ----

  /** Adds a fiscal year; {@code end} null = start + 12 months − 1 day. Years never overlap. */
  @Transactional
  public DossierView.FiscalYearView addFiscalYear(
      long dossierId, LocalDate start, LocalDate end, Actor actor) {
    Dossier dossier = find(dossierId);
    requireAssignedOrAdministrator(dossier, actor, "add fiscal years to this dossier");
    List<FieldError> errors = new ArrayList<>();
    if (start == null) {
      errors.add(
          new FieldError("start", CommonErrors.REQUIRED, "Give the first day of the fiscal year."));
      throwIfAny(errors);
    }
    LocalDate last = end == null ? FiscalYears.defaultEnd(start) : end;
    checkFiscalYear(start, last, "end", errors);
    throwIfAny(errors);
    locks.lock("dossier", String.valueOf(dossierId));
    for (FiscalYear existing : dossier.getFiscalYears()) {
      if (existing.overlaps(start, last)) {
        throw DomainException.conflict(
            CommonErrors.FISCAL_YEAR_OVERLAP,
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
    Dossier dossier = find(dossierId);
    requireManagerOrAdministrator(dossier, actor, "assign staff to this dossier");
    StaffView member = staff.requireActive(staffId, "staffId");
    if (dossier.assign(member.id(), clock.instant())) {
      dossiers.flush(); // managed: new children are persisted by cascade
      activity.record(
          ActivityRecord.of(ActivityType.STAFF_ASSIGNED, actor, dossierId, null)
              .with("staffId", member.id()));
    }
    return view(dossier);
  }

  /** Takes a staff member off the dossier; never its manager (hand the dossier over first). */
  @Transactional
  public DossierView unassignStaff(long dossierId, long staffId, Actor actor) {
    Dossier dossier = find(dossierId);
    requireManagerOrAdministrator(dossier, actor, "change the staff of this dossier");
    if (dossier.getManagerId() == staffId) {
      throw DomainException.conflict(
          DossierErrors.MANAGER_STAYS_ASSIGNED,
          "The dossier's manager stays assigned to it: choose another manager first.");
    }
    if (dossier.unassign(staffId, clock.instant())) {
      dossiers.flush(); // managed: new children are persisted by cascade
      activity.record(
          ActivityRecord.of(ActivityType.STAFF_UNASSIGNED, actor, dossierId, null)
              .with("staffId", staffId));
    }
    return view(dossier);
  }

  @Transactional(readOnly = true)
  public List<DossierView.StaffRef> assignedStaff(long dossierId) {
    return view(find(dossierId)).assignedStaff();
  }

  // ---- offers and widgets ----

  /**
   * Activates the offer on the dossier's tile (seed 001, step 1). Idempotent: an offer already
   * active on the dossier is left as it is and {@code newlyActivated} is false. Unknown offer:
   * {@code OFFER_UNKNOWN}; unknown dossier: {@code DOSSIER_UNKNOWN}.
   */
  @Transactional
  public OfferActivation activateOffer(long dossierId, String offerCode, Actor actor) {
    OfferView offer = catalog.activeOffer(offerCode);
    Dossier dossier = find(dossierId);
    requireAssignedOrAdministrator(dossier, actor, "activate offers on this dossier");
    locks.lock("dossier-offer", dossierId + ":" + offer.id());
    var existing = dossier.offer(offer.id());
    if (existing.isPresent()) {
      return new OfferActivation(dossierId, offerView(existing.get(), offer), false);
    }
    DossierOffer activated = dossier.activate(offer.id(), clock.instant());
    dossiers.flush(); // managed: new children are persisted by cascade
    activity.record(
        ActivityRecord.of(ActivityType.OFFER_ACTIVATED, actor, dossierId, null)
            .with("offerCode", offer.code()));
    return new OfferActivation(dossierId, offerView(activated, offer), true);
  }

  /**
   * Enables (or disables) the offer's widget on the dossier (seed 001, step 4). Idempotent. The
   * offer must be active on the dossier: {@code OFFER_NOT_ACTIVE} otherwise.
   */
  @Transactional
  public DossierView.OfferOnDossier setWidget(
      long dossierId, String offerCode, boolean enabled, Actor actor) {
    OfferView offer = catalog.offer(offerCode);
    Dossier dossier = find(dossierId);
    requireAssignedOrAdministrator(dossier, actor, "change the widgets of this dossier");
    DossierOffer onDossier =
        dossier
            .offer(offer.id())
            .orElseThrow(
                () ->
                    DomainException.conflict(
                        DossierErrors.OFFER_NOT_ACTIVE,
                        "The offer "
                            + offer.name()
                            + " is not active on this dossier: activate it first."));
    if (onDossier.changeWidget(
        enabled ? WidgetState.ENABLED : WidgetState.DISABLED, clock.instant())) {
      dossiers.flush(); // managed: new children are persisted by cascade
      activity.record(
          ActivityRecord.of(
                  enabled ? ActivityType.WIDGET_ENABLED : ActivityType.WIDGET_DISABLED,
                  actor,
                  dossierId,
                  null)
              .with("offerCode", offer.code()));
    }
    return offerView(onDossier, offer);
  }

  @Transactional(readOnly = true)
  public List<DossierView.OfferOnDossier> offers(long dossierId) {
    return view(find(dossierId)).offers();
  }

  // ---- rules other features ask for ----

  /**
   * Only the dossier's manager or the office administrator grants, changes or removes access for
   * external parties on a dossier (seed 003); anyone else is told who can.
   */
  @Transactional(readOnly = true)
  public void requireExternalAccessManager(long dossierId, Actor actor) {
    Dossier dossier = find(dossierId);
    if (actor instanceof Actor.SystemActor || actor.isAdministrator()) {
      return;
    }
    if (actor instanceof Actor.Staff member && member.staffId() == dossier.getManagerId()) {
      return;
    }
    StaffView manager = staff.get(dossier.getManagerId());
    // who to ask is told (the staff directory is open to staff); the dossier is named only to
    // someone who may see it
    boolean named = scopes.current().sees(dossier.getManagerId(), dossier.getAssignedStaffIds());
    throw DomainException.forbidden(
        DossierErrors.EXTERNAL_ACCESS_MANAGER_ONLY,
        "Only the dossier's manager, "
            + manager.displayName()
            + " ("
            + manager.username()
            + "), or the office administrator may grant, change or remove access for external"
            + " parties on "
            + (named ? "the dossier " + dossier.getCompanyName() : "this dossier")
            + ".");
  }

  // ---- inside ----

  private long managerFor(Long requested, Actor actor) {
    if (actor instanceof Actor.SystemActor) {
      if (requested == null) {
        throw DomainException.invalid(
            CommonErrors.REQUIRED, "managerId", "Choose the dossier's manager.");
      }
      return requested;
    }
    if (!(actor instanceof Actor.Staff member)) {
      throw DomainException.forbidden(
          DossierErrors.MANAGER_OR_ADMINISTRATOR_ONLY,
          "Only a manager or the office administrator creates dossiers.");
    }
    StaffView me = staff.get(member.staffId());
    if (me.role() == StaffRole.STAFF) {
      throw DomainException.forbidden(
          DossierErrors.MANAGER_OR_ADMINISTRATOR_ONLY,
          "Only a manager or the office administrator creates dossiers.");
    }
    if (requested == null) {
      if (me.role() == StaffRole.ADMIN) {
        throw DomainException.invalid(
            CommonErrors.REQUIRED, "managerId", "Choose the dossier's manager.");
      }
      return me.id();
    }
    return requested;
  }

  private void requireManagerOrAdministrator(Dossier dossier, Actor actor, String what) {
    if (actor instanceof Actor.SystemActor || actor.isAdministrator()) {
      return;
    }
    if (actor instanceof Actor.Staff member && member.staffId() == dossier.getManagerId()) {
      return;
    }
    StaffView manager = staff.get(dossier.getManagerId());
    throw DomainException.forbidden(
        DossierErrors.DOSSIER_MANAGER_ONLY,
        "Only the dossier's manager, "
            + manager.displayName()
            + " ("
            + manager.username()
            + "), or the office administrator may "
            + what
            + ".");
  }

  private void requireAssignedOrAdministrator(Dossier dossier, Actor actor, String what) {
    if (actor instanceof Actor.SystemActor || actor.isAdministrator()) {
      return;
    }
    if (actor instanceof Actor.Staff member
        && dossier.getAssignedStaffIds().contains(member.staffId())) {
      return;
    }
    throw DomainException.forbidden(
        DossierErrors.DOSSIER_STAFF_ONLY,
        "Only the staff assigned to this dossier or the office administrator may " + what + ".");
  }

  private Dossier find(long id) {
    return dossiers
        .findById(id)
        .orElseThrow(
            () ->
                DomainException.notFound(
                    CommonErrors.DOSSIER_UNKNOWN, "No dossier has the id " + id + "."));
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
                      CommonErrors.SIRET_ALREADY_USED,
                      "siret",
                      "The SIRET "
                          + siret
                          + " is already used by the firm's dossier "
                          + other.getCompanyName()
                          + ": open it instead.")
                  .with("existingDossier", existingDossier(other.getId(), other.getCompanyName()));
            });
  }

  private static Dossier.DossierDetails details(
      String companyName,
      String siret,
      String legalForm,
      String addressLine1,
      String addressLine2,
      String postalCode,
      String city,
      String country,
      String nafCode,
      List<FieldError> errors) {
    String name = text(companyName, "companyName", 200, true, errors);
    String cleanSiret = Texts.trimToNull(Siret.normalise(siret));
    if (cleanSiret != null) {
      if (!Siret.isWellFormed(cleanSiret)) {
        errors.add(
            new FieldError("siret", CommonErrors.INVALID_SIRET, "A SIRET has exactly 14 digits."));
      } else if (!Siret.isValid(cleanSiret)) {
        errors.add(
            new FieldError(
                "siret",
                CommonErrors.INVALID_SIRET,
                "The SIRET " + cleanSiret + " is not valid: its check digit (Luhn) is wrong."));
      }
    }
    String cleanCountry = Texts.trimToNull(country);
    cleanCountry = cleanCountry == null ? "FR" : cleanCountry.toUpperCase(Locale.ROOT);
    if (!COUNTRY.matcher(cleanCountry).matches()) {
      errors.add(
          new FieldError(
              "country", DossierErrors.INVALID_COUNTRY, "A country is a 2-letter ISO code (FR)."));
    }
    String naf = Texts.trimToNull(nafCode);
    if (naf != null) {
      var matcher = NAF.matcher(naf);
      if (matcher.matches()) {
        naf = matcher.group(1) + "." + matcher.group(2) + matcher.group(3).toUpperCase(Locale.ROOT);
      } else {
        errors.add(
            new FieldError(
                "nafCode", DossierErrors.INVALID_NAF_CODE, "A NAF code reads like 69.20Z."));
      }
    }
    return new Dossier.DossierDetails(
        name,
        cleanSiret,
        text(legalForm, "legalForm", 60, false, errors),
        text(addressLine1, "addressLine1", 200, false, errors),
        text(addressLine2, "addressLine2", 200, false, errors),
        text(postalCode, "postalCode", 10, false, errors),
        text(city, "city", 100, false, errors),
        cleanCountry,
        naf);
  }

  private static String text(
      String value, String field, int max, boolean required, List<FieldError> errors) {
    String text = Texts.trimToNull(value);
    if (text == null) {
      if (required) {
        errors.add(new FieldError(field, CommonErrors.REQUIRED, field + " is required."));
      }
      return null;
    }
    if (text.length() > max) {
      errors.add(
          new FieldError(
              field, CommonErrors.TOO_LONG, field + " has at most " + max + " characters."));
    } else if (Texts.hasControlCharacter(text)) {
      errors.add(
          new FieldError(
              field,
              CommonErrors.CONTROL_CHARACTER,
              field + " cannot contain line breaks or tabs."));
    }
    return text;
  }

  private static void checkFiscalYear(
      LocalDate start, LocalDate end, String field, List<FieldError> errors) {
    if (!FiscalYears.isAcceptable(start, end)) {
      errors.add(
          new FieldError(
              field,
              DossierErrors.INVALID_FISCAL_YEAR,
              "A fiscal year ends after it starts and lasts less than "
                  + FiscalYears.MAX_MONTHS
                  + " months."));
    }
  }

  private static void throwIfAny(List<FieldError> errors) {
    if (!errors.isEmpty()) {
      throw new DomainException(
          DomainException.Kind.INVALID,
          CommonErrors.VALIDATION_FAILED,
          errors.get(0).message(),
          errors);
    }
  }

  private DossierView view(Dossier dossier) {
    var d = dossier.details();
    List<DossierView.StaffRef> assigned =
        dossier.getAssignedStaffIds().stream().sorted().map(this::staffRef).toList();
    List<DossierView.OfferOnDossier> offers =
        dossier.getOffers().stream().map(o -> offerView(o, catalog.offer(o.getOfferId()))).toList();
    return new DossierView(
        dossier.getId(),
        d.companyName(),
        d.siret(),
        d.legalForm(),
        new DossierView.Address(
            d.addressLine1(), d.addressLine2(), d.postalCode(), d.city(), d.country()),
        d.nafCode(),
        staffRef(dossier.getManagerId()),
        assigned,
        dossier.getFiscalYears().stream().map(FiscalYear::view).toList(),
        offers,
        dossier.getCreatedAt());
  }

  private DossierView.StaffRef staffRef(long id) {
    StaffView member = staff.get(id);
    return new DossierView.StaffRef(member.id(), member.username(), member.displayName());
  }

  private static DossierView.OfferOnDossier offerView(DossierOffer onDossier, OfferView offer) {
    return new DossierView.OfferOnDossier(
        offer.code(),
        offer.name(),
        onDossier.getActivatedAt(),
        offer.widget().code(),
        offer.widget().name(),
        onDossier.getWidgetState(),
        onDossier.getWidgetChangedAt());
  }
}
