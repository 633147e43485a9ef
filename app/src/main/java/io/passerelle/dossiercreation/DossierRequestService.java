package io.passerelle.dossiercreation;

import io.passerelle.activity.ActivityRecord;
import io.passerelle.activity.ActivityService;
import io.passerelle.activity.ActivityType;
import io.passerelle.catalog.CatalogService;
import io.passerelle.contact.AccessLevel;
import io.passerelle.contact.ContactService;
import io.passerelle.contact.ContactStatus;
import io.passerelle.contact.DossierLinkService;
import io.passerelle.contact.Language;
import io.passerelle.contact.LinkTerms;
import io.passerelle.contact.NewContact;
import io.passerelle.contact.SubscriberType;
import io.passerelle.domain.Actor;
import io.passerelle.domain.CommonErrors;
import io.passerelle.domain.DomainException;
import io.passerelle.domain.DomainException.FieldError;
import io.passerelle.domain.EmailAddresses;
import io.passerelle.domain.Texts;
import io.passerelle.dossier.DossierErrors;
import io.passerelle.dossier.DossierService;
import io.passerelle.dossier.DossierView;
import io.passerelle.dossier.DossierView.StaffRef;
import io.passerelle.dossier.NewDossier;
import io.passerelle.dossiersetup.DossierSetupProperties.DocumentTreeTemplate;
import io.passerelle.dossiersetup.DossierSetupService;
import io.passerelle.dossiersetup.PartnerApplicationChoice;
import io.passerelle.engine.EngineCommands;
import io.passerelle.engine.OpenUserTask;
import io.passerelle.engine.ProcessEngine;
import io.passerelle.onboarding.OnboardingService;
import io.passerelle.onboarding.OnboardingView;
import io.passerelle.onboarding.ProposeCollaborativeService;
import io.passerelle.processes.ProcessNames;
import io.passerelle.processes.ProcessNames.Elements;
import io.passerelle.processes.ProcessNames.Messages;
import io.passerelle.processes.ProcessNames.Variables;
import io.passerelle.registry.CompanyInfo;
import io.passerelle.registry.CompanyLookup;
import io.passerelle.staff.StaffRole;
import io.passerelle.staff.StaffScope;
import io.passerelle.staff.StaffService;
import io.passerelle.staff.StaffView;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creating a client dossier (seed 004's "Ajouter un client", issue 7): the staff member's request
 * is checked at once and stored in a {@code dossier_request} row; {@code Process_DossierCreation}
 * then looks the SIRET up in the company registry, has the staff member complete the details when
 * the registry cannot (no SIRET, unknown, closed establishment, registry down), creates the dossier
 * with its fiscal years, team, document tree and partner applications, and proposes the client
 * space to the director, now or on the firm's order.
 *
 * <p>Who may do what: a manager or the office administrator asks for a dossier (as for creating
 * one); inviting the director is external access, so a request that names one comes from the
 * dossier's future manager or the administrator. Completing the details or asking for manual entry
 * is for whoever asked, the dossier's manager or the administrator.
 *
 * <p>The process steps ({@link DossierCreationSteps} in the workers module, implemented by {@link
 * DossierCreationStepsAdapter}) are keyed by the request id and idempotent: a redelivered job finds
 * the work done. Nothing talks to the engine inside a transaction that may still roll back: the
 * process starts after the commit ({@link DossierRequestStarter}), and the task completion and the
 * manual-entry message are written to the engine command outbox in the request's transaction and
 * relayed after its commit ({@link EngineCommands}).
 *
 * @see io.passerelle.workers.dossier.DossierCreationSteps
 */
@Service
public class DossierRequestService {

  private final StaffScope scopes;

  /** The organisational role a director gets when the request names none. */
  static final String DEFAULT_DIRECTOR_ROLE = "DIRIGEANT";

  static final String DEFAULT_OFFER = "START";
  static final int MAX_MESSAGE = 2000;
  static final Duration MANUAL_ENTRY_TTL = Duration.ofMinutes(1);

  private final DossierRequestRepository requests;
  private final StaffService staff;
  private final CatalogService catalog;
  private final ContactService contacts;
  private final DossierLinkService links;
  private final DossierService dossiers;
  private final DossierSetupService setup;
  private final OnboardingService onboardings;
  private final ActivityService activity;
  private final ProcessEngine engine;
  private final EngineCommands commands;
  private final ApplicationEventPublisher events;
  private final JdbcClient jdbc;
  private final Clock clock;

  DossierRequestService(
      DossierRequestRepository requests,
      StaffService staff,
      CatalogService catalog,
      ContactService contacts,
      DossierLinkService links,
      DossierService dossiers,
      DossierSetupService setup,
      OnboardingService onboardings,
      ActivityService activity,
      ProcessEngine engine,
      EngineCommands commands,
      ApplicationEventPublisher events,
      JdbcClient jdbc,
      Clock clock,
      StaffScope scopes) {
    this.scopes = scopes;
    this.requests = requests;
    this.staff = staff;
    this.catalog = catalog;
    this.contacts = contacts;
    this.links = links;
    this.dossiers = dossiers;
    this.setup = setup;
    this.onboardings = onboardings;
    this.activity = activity;
    this.engine = engine;
    this.commands = commands;
    this.events = events;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  // ---- the staff's commands ----

  /**
   * Checks the request as a whole (every field at fault at once), stores it and starts its process
   * once the transaction has committed.
   */
  @Transactional
  public DossierRequestView submit(NewDossierRequest request, Actor actor) {
    StaffView me = requireCreator(actor);
    List<FieldError> errors = new ArrayList<>();
    String siret = CompanyFields.siret(request.siret(), "siret", errors);
    CompanyDetails company = CompanyFields.details(request.company(), "company.", false, errors);
    var years = CompanyFields.fiscalYears(request.fiscalYears(), "fiscalYears", errors);
    CompanyFields.throwIfAny(errors);
    if (siret != null) {
      requireSiretFree(siret);
    }
    long managerId = managerFor(request.managerId(), me);
    List<Long> staffIds = assignedStaff(request.assignedStaffIds());
    String treeCode =
        setup
            .resolveDocumentTree(request.documentTreeCode(), "documentTreeCode")
            .map(DocumentTreeTemplate::code)
            .orElse(null);
    List<PartnerApplicationChoice> applications =
        setup.checkPartnerApplications(request.partnerApplications(), "partnerApplications");
    DirectorDetails director = director(request.director(), managerId, me);
    DossierRequest row =
        requests.saveAndFlush(
            new DossierRequest(
                me.id(),
                siret,
                company,
                years,
                managerId,
                staffIds,
                treeCode,
                applications,
                director,
                request.sendInvitationNow(),
                clock.instant()));
    activity.record(
        ActivityRecord.of(ActivityType.DOSSIER_REQUESTED, actor, null, null)
            .with("dossierRequestId", row.getId())
            .with("hasSiret", siret != null)
            .with("inviteDirector", director != null));
    events.publishEvent(new DossierRequested(row.getId()));
    return view(row, false);
  }

  @Transactional(readOnly = true)
  public DossierRequestView get(long id) {
    return view(find(id), true);
  }

  /** The requests, newest first; the engine's state is on each one's own page. */
  @Transactional(readOnly = true)
  public Page<DossierRequestView> list(
      DossierRequestStatus status, Long requestedByStaffId, Pageable pageable) {
    var scope = scopes.current();
    Specification<DossierRequest> spec =
        (root, query, cb) ->
            cb.and(
                status == null ? cb.conjunction() : cb.equal(root.get("status"), status),
                requestedByStaffId == null
                    ? cb.conjunction()
                    : cb.equal(root.get("requestedByStaffId"), requestedByStaffId),
                scope.request(
                    cb,
                    root.get("requestedByStaffId"),
                    root.get("managerId"),
                    root.get("assignedStaffIds"),
                    root.get("dossierId")));
    return requests.findAll(spec, pageable).map(r -> view(r, false));
  }

  /**
   * "Compléter les informations de l'entreprise": saves the details (the SIRET too, when one is
   * given now) and completes the open task, after the commit; the dossier is then created. Refused
   * while the request does not wait for its details ({@code TASK_NOT_OPEN}).
   */
  @Transactional
  public DossierRequestView completeDetails(
      long id, String siretInput, CompanyDetails input, Actor actor) {
    DossierRequest row = lock(id);
    requireMayAct(row, actor, "complete this request");
    if (row.getStatus() != DossierRequestStatus.DETAILS_NEEDED
        && row.getStatus() != DossierRequestStatus.CREATING) {
      throw notAwaitingDetails(row);
    }
    OpenUserTask task =
        openTask(row.getProcessInstanceKey())
            .filter(t -> Elements.USER_TASK_COMPLETE_COMPANY_DETAILS.equals(t.elementId()))
            .orElseThrow(() -> notAwaitingDetails(row));
    List<FieldError> errors = new ArrayList<>();
    String siret = CompanyFields.siret(siretInput, "siret", errors);
    CompanyDetails given = CompanyFields.details(input, "company.", false, errors);
    CompanyFields.throwIfAny(errors);
    CompanyDetails merged = given.orElse(row.company());
    if (merged.companyName() == null) {
      throw DomainException.invalid(
          CommonErrors.REQUIRED,
          "company.companyName",
          "Give the company's name (raison sociale).");
    }
    row.completeDetails(siret, given, clock.instant());
    requests.saveAndFlush(row);
    commands.completeUserTask(
        task.userTaskKey(), Map.of(Variables.COMPANY_DETAILS_CONFIRMED, true));
    return view(row, false);
  }

  /**
   * The staff member stops waiting for the registry (down, slow): the lookup is interrupted, its
   * incident with it, and the details task opens. Allowed while the registry has not answered;
   * asking twice changes nothing.
   */
  @Transactional
  public DossierRequestView requestManualEntry(long id, Actor actor) {
    DossierRequest row = lock(id);
    requireMayAct(row, actor, "change this request");
    boolean lookupPending =
        row.getSiret() != null
            && row.getRegistryOutcome() == null
            && (row.getStatus() == DossierRequestStatus.LOOKING_UP
                || row.getStatus() == DossierRequestStatus.DETAILS_NEEDED);
    if (!lookupPending) {
      throw DomainException.conflict(
          DossierCreationErrors.LOOKUP_NOT_PENDING,
          "The company registry is not being asked for this request any more (it is "
              + row.getStatus()
              + "): nothing to interrupt.");
    }
    row.requestManualEntry(clock.instant());
    requests.saveAndFlush(row);
    String key = ProcessNames.requestKey(id);
    commands.publishMessage(
        Messages.COMPANY_MANUAL_ENTRY,
        key,
        Messages.COMPANY_MANUAL_ENTRY + "-" + key,
        MANUAL_ENTRY_TTL,
        Map.of());
    return view(row, false);
  }

  /**
   * The registry is back: retries the lookup held by its incident (as Operate's "retry" does, with
   * one more attempt). Refused when the lookup holds no incident ({@code NO_INCIDENT}).
   */
  @Transactional(readOnly = true)
  public DossierRequestView retryLookup(long id, Actor actor) {
    DossierRequest row = find(id);
    requireMayAct(row, actor, "change this request");
    var incident =
        row.getProcessInstanceKey() == null
            ? Optional.<io.passerelle.engine.InstanceState.Incident>empty()
            : engine.instanceState(row.getProcessInstanceKey()).incidents().stream()
                .filter(i -> Elements.LOOKUP_COMPANY.equals(i.elementId()))
                .findFirst();
    if (incident.isEmpty()) {
      throw DomainException.conflict(
          DossierCreationErrors.NO_INCIDENT,
          "The registry lookup of this request holds no incident: there is nothing to retry.");
    }
    engine.retryIncident(incident.get().incidentKey(), incident.get().jobKey(), 1);
    return view(row, true);
  }

  // ---- the process's steps (DossierCreationSteps, through the adapter) ----

  /** What the lookup step needs: the SIRET, or the answer already recorded (a redelivery). */
  public record LookupState(String siret, RegistryOutcome recorded) {}

  @Transactional(readOnly = true)
  public LookupState lookupState(long id) {
    DossierRequest row = find(id);
    return new LookupState(row.getSiret(), row.getRegistryOutcome());
  }

  /** Records the registry's answer (the first one) and prefills the blanks; returns the outcome. */
  @Transactional
  public RegistryOutcome recordRegistryAnswer(long id, CompanyLookup answer) {
    DossierRequest row = lock(id);
    switch (answer) {
      case CompanyLookup.Found found -> {
        CompanyInfo company = found.company();
        row.recordRegistryAnswer(
            company.closed() ? RegistryOutcome.CLOSED : RegistryOutcome.FOUND,
            sanitised(company),
            clock.instant());
      }
      case CompanyLookup.NotFound notFound ->
          row.recordRegistryAnswer(RegistryOutcome.NOT_FOUND, null, clock.instant());
    }
    requests.saveAndFlush(row);
    return row.getRegistryOutcome();
  }

  /** What the creation step came to. */
  public sealed interface CreationOutcome {
    record Created(long dossierId) implements CreationOutcome {}

    record SiretAlreadyUsed(long existingDossierId) implements CreationOutcome {}

    /** Sent back to the staff member: the details task again, with the reason recorded. */
    record DetailsMissing(String code, String message) implements CreationOutcome {}
  }

  /**
   * Creates the dossier of the request, once (a second call returns the same dossier): identity,
   * fiscal years, manager and staff, document tree, partner applications.
   */
  @Transactional
  public CreationOutcome createDossier(long id) {
    DossierRequest row = lock(id);
    if (row.getDossierId() != null) {
      return new CreationOutcome.Created(row.getDossierId());
    }
    if (row.getExistingDossierId() != null) {
      return new CreationOutcome.SiretAlreadyUsed(row.getExistingDossierId());
    }
    List<FieldError> errors = new ArrayList<>();
    CompanyDetails details = CompanyFields.details(row.company(), "company.", true, errors);
    if (!errors.isEmpty()) {
      row.sendBack(errors.get(0).code(), errors.get(0).message(), clock.instant());
      requests.saveAndFlush(row);
      return new CreationOutcome.DetailsMissing(errors.get(0).code(), errors.get(0).message());
    }
    if (row.getSiret() != null) {
      Optional<Long> other = dossierWithSiret(row.getSiret());
      if (other.isPresent()) {
        return new CreationOutcome.SiretAlreadyUsed(other.get());
      }
    }
    Actor system = system(id);
    var years = row.fiscalYears();
    var first = years.isEmpty() ? null : years.getFirst();
    DossierView dossier =
        dossiers.create(
            new NewDossier(
                details.companyName(),
                row.getSiret(),
                details.legalForm(),
                details.addressLine1(),
                details.addressLine2(),
                details.postalCode(),
                details.city(),
                details.country(),
                details.nafCode(),
                first == null ? null : first.start(),
                first == null ? null : first.end(),
                row.getManagerId(),
                row.getAssignedStaffIds()),
            system);
    for (var year : years.stream().skip(1).toList()) {
      dossiers.addFiscalYear(dossier.id(), year.start(), year.end(), system);
    }
    setup.setUp(dossier.id(), row.getDocumentTreeCode(), row.getPartnerApplications(), system);
    row.created(dossier.id(), clock.instant());
    requests.saveAndFlush(row);
    return new CreationOutcome.Created(dossier.id());
  }

  /**
   * Records the dossier that already has the request's SIRET ("déjà utilisé"); no dossier is made,
   * so the director's details are forgotten.
   */
  @Transactional
  public long recordSiretAlreadyUsed(long id) {
    DossierRequest row = lock(id);
    if (row.getExistingDossierId() != null) {
      return row.getExistingDossierId();
    }
    long other =
        dossierWithSiret(row.getSiret())
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "Dossier request "
                            + id
                            + ": no dossier has its SIRET any more; resolve the incident to create"
                            + " it"));
    row.siretAlreadyUsedBy(other, clock.instant());
    requests.saveAndFlush(row);
    activity.record(
        ActivityRecord.of(ActivityType.DOSSIER_REQUEST_DUPLICATE, system(id), other, null)
            .with("dossierRequestId", id)
            .dedupKey("dossier-request-duplicate/" + id));
    return other;
  }

  /**
   * Proposes the client space to the request's director (a {@code Process_ClientOnboarding}, as the
   * staff member who asked, who is the dossier's manager or the administrator), once.
   *
   * @return the onboarding's id
   */
  @Transactional
  public long inviteDirector(long id, boolean sendNow) {
    DossierRequest row = lock(id);
    if (row.getDirectorOnboardingId() != null) {
      return row.getDirectorOnboardingId();
    }
    DirectorDetails director = row.director();
    if (director == null || row.getDossierId() == null) {
      throw new IllegalStateException(
          "Dossier request " + id + " has no director to invite, or no dossier yet");
    }
    StaffView requester = staff.get(row.getRequestedByStaffId());
    OnboardingView onboarding =
        onboardings.propose(
            new ProposeCollaborativeService(
                row.getDossierId(),
                null,
                newContact(director),
                director.limitedTo(),
                director.accessLevel(),
                true,
                director.offerCode(),
                director.customMessage(),
                sendNow),
            new Actor.Staff(requester.id(), requester.username(), requester.administrator()));
    row.directorInvited(onboarding.id(), clock.instant());
    requests.saveAndFlush(row);
    return onboarding.id();
  }

  // ---- checks ----

  private StaffView requireCreator(Actor actor) {
    if (actor instanceof Actor.Staff member) {
      StaffView me = staff.get(member.staffId());
      if (me.active() && me.role() != StaffRole.STAFF) {
        return me;
      }
    }
    throw DomainException.forbidden(
        DossierErrors.MANAGER_OR_ADMINISTRATOR_ONLY,
        "Only a manager or the office administrator creates dossiers.");
  }

  private long managerFor(Long requested, StaffView me) {
    if (requested == null) {
      if (me.administrator()) {
        throw DomainException.invalid(
            CommonErrors.REQUIRED, "managerId", "Choose the dossier's manager.");
      }
      return me.id();
    }
    StaffView manager = staff.requireActive(requested, "managerId");
    if (manager.role() == StaffRole.STAFF) {
      throw DomainException.rule(
          DossierErrors.MANAGER_ROLE_REQUIRED,
          "managerId",
          manager.displayName()
              + " is not a manager: a dossier's manager has the MANAGER or ADMIN role.");
    }
    return manager.id();
  }

  private List<Long> assignedStaff(List<Long> ids) {
    if (ids == null) {
      return List.of();
    }
    Set<Long> assigned = new LinkedHashSet<>();
    for (Long id : ids) {
      assigned.add(staff.requireActive(id, "assignedStaffIds").id());
    }
    return List.copyOf(assigned);
  }

  /** The director checked as the journey will check them when it proposes their space. */
  private DirectorDetails director(DirectorDetails input, long managerId, StaffView me) {
    if (input == null) {
      return null;
    }
    if (!me.administrator() && me.id() != managerId) {
      throw DomainException.forbidden(
          DossierCreationErrors.DIRECTOR_INVITATION_MANAGER_ONLY,
          "Only the dossier's manager or the office administrator invites its director (external"
              + " access, seed 003): leave the director out, the manager invites them later.");
    }
    String role = Texts.trimToNull(input.organisationalRoleCode());
    role = role == null ? DEFAULT_DIRECTOR_ROLE : role.toUpperCase(Locale.ROOT);
    AccessLevel level = input.accessLevel() == null ? AccessLevel.READ_WRITE : input.accessLevel();
    String limitedTo = LinkTerms.scope(input.limitedTo());
    String message = Texts.trimToNull(input.customMessage());
    if (message != null && message.length() > MAX_MESSAGE) {
      throw DomainException.invalid(
          CommonErrors.TOO_LONG,
          "director.customMessage",
          "A custom message has at most " + MAX_MESSAGE + " characters.");
    }
    DirectorDetails clean =
        new DirectorDetails(
            Texts.trimToNull(input.firstName()),
            Texts.trimToNull(input.lastName()),
            EmailAddresses.clean(input.email()),
            Texts.trimToNull(input.phone()),
            role,
            limitedTo,
            level,
            null,
            message);
    String offerCode;
    try {
      contacts.check(newContact(clean));
      catalog.requireRole(role, "organisationalRoleCode");
      LinkTerms terms = new LinkTerms(limitedTo, level, true);
      var existing = contacts.byEmail(clean.email());
      if (existing.isPresent() && existing.get().status() == ContactStatus.ACTIVE) {
        links.checkTerms(existing.get().subscriberType(), existing.get().consultationOnly(), terms);
      } else {
        links.checkTerms(SubscriberType.CLIENT, false, terms);
      }
      String wanted = Texts.trimToNull(input.offerCode());
      offerCode = catalog.activeOffer(wanted == null ? DEFAULT_OFFER : wanted).code();
    } catch (DomainException e) {
      throw prefixed(e, "director.");
    }
    return new DirectorDetails(
        clean.firstName(),
        clean.lastName(),
        clean.email(),
        clean.phone(),
        role,
        limitedTo,
        level,
        offerCode,
        message);
  }

  private static NewContact newContact(DirectorDetails director) {
    return new NewContact(
        director.firstName(),
        director.lastName(),
        null,
        null,
        SubscriberType.CLIENT,
        null,
        director.email(),
        director.phone(),
        director.organisationalRoleCode(),
        false,
        Language.fr);
  }

  private static DomainException prefixed(DomainException e, String prefix) {
    List<FieldError> fields =
        e.fieldErrors().stream()
            .map(f -> new FieldError(prefix + f.field(), f.code(), f.message()))
            .toList();
    return new DomainException(e.kind(), e.errorCode(), e.getMessage(), fields);
  }

  private void requireMayAct(DossierRequest row, Actor actor, String what) {
    if (actor instanceof Actor.SystemActor || actor.isAdministrator()) {
      return;
    }
    if (actor instanceof Actor.Staff member
        && (member.staffId() == row.getRequestedByStaffId()
            || member.staffId() == row.getManagerId())) {
      return;
    }
    throw DomainException.forbidden(
        DossierCreationErrors.DOSSIER_REQUEST_OWNER_ONLY,
        "Only the staff member who asked for this dossier, its manager or the office"
            + " administrator may "
            + what
            + ".");
  }

  private static DomainException notAwaitingDetails(DossierRequest row) {
    return DomainException.conflict(
        DossierCreationErrors.TASK_NOT_OPEN,
        "This request does not wait for its company details (it is "
            + row.getStatus()
            + (row.getStatus() == DossierRequestStatus.DETAILS_NEEDED
                ? ", and its task is not open yet: try again in a moment"
                : "")
            + ").");
  }

  /** The registry's text as a dossier can hold it (its sizes), never more. */
  private static CompanyInfo sanitised(CompanyInfo c) {
    return new CompanyInfo(
        c.siret(),
        c.siren(),
        clip(c.companyName(), 200),
        c.legalFormCode(),
        clip(c.legalForm(), 60),
        clip(c.address(), 200),
        clip(c.postalCode(), 10),
        clip(c.city(), 100),
        CompanyFields.naf(c.nafCode(), "nafCode", new ArrayList<>()),
        c.headOffice(),
        c.closed());
  }

  private static String clip(String text, int max) {
    if (text == null) {
      return null;
    }
    String line = text.replaceAll("\\p{Cntrl}", " ").strip();
    return line.length() > max ? line.substring(0, max) : line;
  }

  // ---- reading ----

  private DossierRequest find(long id) {
    return requests
        .findById(id)
        .orElseThrow(
            () ->
                DomainException.notFound(
                    CommonErrors.DOSSIER_REQUEST_NOT_FOUND,
                    "No dossier request has the id " + id + "."));
  }

  private DossierRequest lock(long id) {
    return requests
        .findForUpdate(id)
        .orElseThrow(
            () ->
                DomainException.notFound(
                    CommonErrors.DOSSIER_REQUEST_NOT_FOUND,
                    "No dossier request has the id " + id + "."));
  }

  /**
   * A SIRET the firm already has is refused at once, with the dossier that has it: the registry is
   * not asked and no request is stored. (A dossier made with it meanwhile is still caught by the
   * creation step, which records "SIRET déjà utilisé".)
   */
  private void requireSiretFree(String siret) {
    dossierWithSiret(siret)
        .flatMap(this::dossierRef)
        .ifPresent(
            used -> {
              throw DomainException.conflict(
                      CommonErrors.SIRET_ALREADY_USED,
                      "siret",
                      "The SIRET "
                          + siret
                          + " is already used by the firm's dossier "
                          + used.companyName()
                          + ": open it instead.")
                  .with("existingDossier", used);
            });
  }

  Optional<Long> dossierWithSiret(String siret) {
    return jdbc.sql("select id from dossier where siret = ?")
        .param(siret)
        .query(Long.class)
        .optional();
  }

  private Optional<DossierRequestView.DossierRef> dossierRef(Long id) {
    if (id == null) {
      return Optional.empty();
    }
    return jdbc.sql("select id, company_name from dossier where id = ?")
        .param(id)
        .query(
            (rs, n) ->
                new DossierRequestView.DossierRef(
                    rs.getLong(1), rs.getString(2), "/api/dossiers/" + rs.getLong(1)))
        .optional();
  }

  private Optional<OpenUserTask> openTask(Long processInstanceKey) {
    if (processInstanceKey == null) {
      return Optional.empty();
    }
    return engine.openUserTasks(processInstanceKey).stream().findFirst();
  }

  private DossierRequestView.Process process(Long processInstanceKey, boolean withEngine) {
    if (processInstanceKey == null || !withEngine) {
      return new DossierRequestView.Process(processInstanceKey, null, List.of());
    }
    DossierRequestView.Task task =
        openTask(processInstanceKey)
            .map(
                t ->
                    new DossierRequestView.Task(
                        t.userTaskKey(), t.elementId(), t.name(), t.assignee()))
            .orElse(null);
    List<DossierRequestView.Incident> incidents;
    try {
      incidents =
          engine.instanceState(processInstanceKey).incidents().stream()
              .map(
                  i ->
                      new DossierRequestView.Incident(
                          i.elementId(), i.errorType(), i.errorMessage(), i.created()))
              .toList();
    } catch (RuntimeException e) {
      incidents = List.of();
    }
    return new DossierRequestView.Process(processInstanceKey, task, incidents);
  }

  private DossierRequestView view(DossierRequest row, boolean withEngine) {
    DirectorDetails director = row.director();
    var registry =
        row.getRegistryOutcome() == null
            ? null
            : new DossierRequestView.Registry(
                row.getRegistryOutcome(),
                row.getRegistryOutcome() == RegistryOutcome.CLOSED,
                row.getRegistryCompany(),
                row.getRegistryCheckedAt());
    return new DossierRequestView(
        row.getId(),
        row.getStatus(),
        row.getSiret(),
        row.company(),
        registry,
        row.fiscalYears(),
        staffRef(row.getRequestedByStaffId()),
        staffRef(row.getManagerId()),
        row.getAssignedStaffIds().stream().map(this::staffRef).toList(),
        row.getDocumentTreeCode(),
        row.getPartnerApplications(),
        new DossierRequestView.Director(
            row.isInviteDirector(),
            row.isSendInvitationNow(),
            director == null ? null : director.firstName(),
            director == null ? null : director.lastName(),
            director == null ? null : director.email(),
            director == null ? null : director.organisationalRoleCode(),
            director == null ? null : director.limitedTo(),
            director == null ? null : director.accessLevel(),
            director == null ? null : director.offerCode(),
            row.getDirectorOnboardingId()),
        dossierRef(row.getDossierId()).orElse(null),
        dossierRef(row.getExistingDossierId()).orElse(null),
        row.getProblemCode() == null
            ? null
            : new DossierRequestView.Problem(row.getProblemCode(), row.getProblemMessage()),
        process(row.getProcessInstanceKey(), withEngine),
        row.getCreatedAt(),
        row.getUpdatedAt());
  }

  private StaffRef staffRef(long id) {
    StaffView member = staff.get(id);
    return new StaffRef(member.id(), member.username(), member.displayName());
  }

  private static Actor system(long requestId) {
    return Actor.system("dossier request " + requestId);
  }
}
