package io.passerelle.dossiercreation;

import io.passerelle.activity.ActivityRecord;
import io.passerelle.activity.ActivityService;
import io.passerelle.activity.ActivityType;
import io.passerelle.domain.Actor;
import io.passerelle.domain.DomainException;
import io.passerelle.domain.DomainException.FieldError;
import io.passerelle.dossiersetup.DossierSetupProperties.DocumentTreeTemplate;
import io.passerelle.dossiersetup.DossierSetupService;
import io.passerelle.dossiersetup.PartnerApplicationChoice;
import io.passerelle.staff.StaffRole;
import io.passerelle.staff.StaffService;
import io.passerelle.staff.StaffView;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * A staff member asks for a dossier: the request is checked as a whole (every field at fault at
 * once), then the SIRET against the firm, the team, the tree, the applications and the director
 * ({@link DirectorCheck}); it is stored and its process starts once the transaction has committed
 * ({@link DossierRequestStarter}).
 */
@Component
class DossierRequestSubmission {

  private final DossierRequestRepository requests;
  private final FirmDossiers firmDossiers;
  private final DirectorCheck directors;
  private final StaffService staff;
  private final DossierSetupService setup;
  private final ActivityService activity;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  DossierRequestSubmission(
      DossierRequestRepository requests,
      FirmDossiers firmDossiers,
      DirectorCheck directors,
      StaffService staff,
      DossierSetupService setup,
      ActivityService activity,
      ApplicationEventPublisher events,
      Clock clock) {
    this.requests = requests;
    this.firmDossiers = firmDossiers;
    this.directors = directors;
    this.staff = staff;
    this.setup = setup;
    this.activity = activity;
    this.events = events;
    this.clock = clock;
  }

  /** Stores the request, in the caller's transaction; the process starts after its commit. */
  DossierRequest submit(NewDossierRequest request, Actor actor) {
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
    DirectorDetails director = directors.check(request.director(), managerId, me);
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
    return row;
  }

  private StaffView requireCreator(Actor actor) {
    if (actor instanceof Actor.Staff member) {
      StaffView me = staff.get(member.staffId());
      if (me.active() && me.role() != StaffRole.STAFF) {
        return me;
      }
    }
    throw DomainException.forbidden(
        "MANAGER_OR_ADMINISTRATOR_ONLY",
        "Only a manager or the office administrator creates dossiers.");
  }

  /**
   * A SIRET the firm already has is refused at once, with the dossier that has it: the registry is
   * not asked and no request is stored. (A dossier made with it meanwhile is still caught by the
   * creation step, which records "SIRET déjà utilisé".)
   */
  private void requireSiretFree(String siret) {
    firmDossiers
        .withSiret(siret)
        .flatMap(firmDossiers::ref)
        .ifPresent(
            used -> {
              throw DomainException.conflict(
                      "SIRET_ALREADY_USED",
                      "siret",
                      "The SIRET "
                          + siret
                          + " is already used by the firm's dossier "
                          + used.companyName()
                          + ": open it instead.")
                  .with("existingDossier", used);
            });
  }

  private long managerFor(Long requested, StaffView me) {
    if (requested == null) {
      if (me.administrator()) {
        throw DomainException.invalid("REQUIRED", "managerId", "Choose the dossier's manager.");
      }
      return me.id();
    }
    StaffView manager = staff.requireActive(requested, "managerId");
    if (manager.role() == StaffRole.STAFF) {
      throw DomainException.rule(
          "MANAGER_ROLE_REQUIRED",
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
}
