package io.passerelle.dossiercreation;

import io.passerelle.activity.ActivityRecord;
import io.passerelle.activity.ActivityService;
import io.passerelle.activity.ActivityType;
import io.passerelle.domain.Actor;
import io.passerelle.domain.DomainException.FieldError;
import io.passerelle.dossier.DossierService;
import io.passerelle.dossier.DossierView;
import io.passerelle.dossier.NewDossier;
import io.passerelle.dossiersetup.DossierSetupService;
import io.passerelle.onboarding.OnboardingService;
import io.passerelle.onboarding.OnboardingView;
import io.passerelle.onboarding.ProposeCollaborativeService;
import io.passerelle.registry.CompanyInfo;
import io.passerelle.registry.CompanyLookup;
import io.passerelle.staff.StaffService;
import io.passerelle.staff.StaffView;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The work of {@code Process_DossierCreation}'s steps on the request's row, each in its own
 * transaction under a lock on the row, keyed by the request id and idempotent: a redelivered job
 * finds the work done. {@link DossierCreationStepsAdapter} calls them for the workers.
 */
@Component
class DossierRequestSteps {

  private final DossierRequestRepository requests;
  private final FirmDossiers firmDossiers;
  private final DossierService dossiers;
  private final DossierSetupService setup;
  private final OnboardingService onboardings;
  private final StaffService staff;
  private final ActivityService activity;
  private final Clock clock;

  DossierRequestSteps(
      DossierRequestRepository requests,
      FirmDossiers firmDossiers,
      DossierService dossiers,
      DossierSetupService setup,
      OnboardingService onboardings,
      StaffService staff,
      ActivityService activity,
      Clock clock) {
    this.requests = requests;
    this.firmDossiers = firmDossiers;
    this.dossiers = dossiers;
    this.setup = setup;
    this.onboardings = onboardings;
    this.staff = staff;
    this.activity = activity;
    this.clock = clock;
  }

  /** What the lookup step needs: the SIRET, or the answer already recorded (a redelivery). */
  record LookupState(String siret, RegistryOutcome recorded) {}

  /** What the creation step came to. */
  sealed interface CreationOutcome {
    record Created(long dossierId) implements CreationOutcome {}

    record SiretAlreadyUsed(long existingDossierId) implements CreationOutcome {}

    /** Sent back to the staff member: the details task again, with the reason recorded. */
    record DetailsMissing(String code, String message) implements CreationOutcome {}
  }

  @Transactional(readOnly = true)
  public LookupState lookupState(long id) {
    DossierRequest row = requests.require(id);
    return new LookupState(row.getSiret(), row.getRegistryOutcome());
  }

  /** Records the registry's answer (the first one) and prefills the blanks; returns the outcome. */
  @Transactional
  public RegistryOutcome recordRegistryAnswer(long id, CompanyLookup answer) {
    DossierRequest row = requests.requireForUpdate(id);
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

  /**
   * Creates the dossier of the request, once (a second call returns the same dossier): identity,
   * fiscal years, manager and staff, document tree, partner applications.
   */
  @Transactional
  public CreationOutcome createDossier(long id) {
    DossierRequest row = requests.requireForUpdate(id);
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
      Optional<Long> other = firmDossiers.withSiret(row.getSiret());
      if (other.isPresent()) {
        return new CreationOutcome.SiretAlreadyUsed(other.get());
      }
    }
    Actor system = system(id);
    var years = row.fiscalYears();
    DossierView dossier =
        dossiers.create(
            newDossier(row, details, years.isEmpty() ? null : years.getFirst()), system);
    for (var year : years.stream().skip(1).toList()) {
      dossiers.addFiscalYear(dossier.id(), year.start(), year.end(), system);
    }
    setup.setUp(dossier.id(), row.getDocumentTreeCode(), row.getPartnerApplications(), system);
    row.created(dossier.id(), clock.instant());
    requests.saveAndFlush(row);
    return new CreationOutcome.Created(dossier.id());
  }

  private static NewDossier newDossier(
      DossierRequest row, CompanyDetails details, CompanyFields.FiscalYear first) {
    return new NewDossier(
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
        row.getAssignedStaffIds());
  }

  /**
   * Records the dossier that already has the request's SIRET ("déjà utilisé"); no dossier is made,
   * so the director's details are forgotten.
   */
  @Transactional
  public long recordSiretAlreadyUsed(long id) {
    DossierRequest row = requests.requireForUpdate(id);
    if (row.getExistingDossierId() != null) {
      return row.getExistingDossierId();
    }
    long other =
        firmDossiers
            .withSiret(row.getSiret())
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
    DossierRequest row = requests.requireForUpdate(id);
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
                DirectorCheck.newContact(director),
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

  private static Actor system(long requestId) {
    return Actor.system("dossier request " + requestId);
  }
}
