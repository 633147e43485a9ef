package io.passerelle.dossiercreation;

import io.passerelle.dossier.DossierView.StaffRef;
import io.passerelle.engine.OpenUserTask;
import io.passerelle.engine.ProcessEngine;
import io.passerelle.staff.StaffScope;
import io.passerelle.staff.StaffService;
import io.passerelle.staff.StaffView;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Component;

/**
 * The requests as the staff reads them: one with its process's open task and incidents (asked of
 * the engine), or a page of them within the reader's scope (from the rows only).
 */
@Component
class DossierRequestViews {

  private final DossierRequestRepository requests;
  private final FirmDossiers firmDossiers;
  private final StaffService staff;
  private final StaffScope scopes;
  private final ProcessEngine engine;

  DossierRequestViews(
      DossierRequestRepository requests,
      FirmDossiers firmDossiers,
      StaffService staff,
      StaffScope scopes,
      ProcessEngine engine) {
    this.requests = requests;
    this.firmDossiers = firmDossiers;
    this.staff = staff;
    this.scopes = scopes;
    this.engine = engine;
  }

  Page<DossierRequestView> list(
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

  /** The open user task of the request's process, if any. */
  Optional<OpenUserTask> openTask(Long processInstanceKey) {
    if (processInstanceKey == null) {
      return Optional.empty();
    }
    return engine.openUserTasks(processInstanceKey).stream().findFirst();
  }

  /**
   * @param withEngine whether to ask the engine for the open task and the incidents
   */
  DossierRequestView view(DossierRequest row, boolean withEngine) {
    return new DossierRequestView(
        row.getId(),
        row.getStatus(),
        row.getSiret(),
        row.company(),
        registry(row),
        row.fiscalYears(),
        staffRef(row.getRequestedByStaffId()),
        staffRef(row.getManagerId()),
        row.getAssignedStaffIds().stream().map(this::staffRef).toList(),
        row.getDocumentTreeCode(),
        row.getPartnerApplications(),
        director(row),
        firmDossiers.ref(row.getDossierId()).orElse(null),
        firmDossiers.ref(row.getExistingDossierId()).orElse(null),
        row.getProblemCode() == null
            ? null
            : new DossierRequestView.Problem(row.getProblemCode(), row.getProblemMessage()),
        process(row.getProcessInstanceKey(), withEngine),
        row.getCreatedAt(),
        row.getUpdatedAt());
  }

  private static DossierRequestView.Registry registry(DossierRequest row) {
    return row.getRegistryOutcome() == null
        ? null
        : new DossierRequestView.Registry(
            row.getRegistryOutcome(),
            row.getRegistryOutcome() == RegistryOutcome.CLOSED,
            row.getRegistryCompany(),
            row.getRegistryCheckedAt());
  }

  private static DossierRequestView.Director director(DossierRequest row) {
    DirectorDetails director = row.director();
    return new DossierRequestView.Director(
        row.isInviteDirector(),
        row.isSendInvitationNow(),
        director == null ? null : director.firstName(),
        director == null ? null : director.lastName(),
        director == null ? null : director.email(),
        director == null ? null : director.organisationalRoleCode(),
        director == null ? null : director.limitedTo(),
        director == null ? null : director.accessLevel(),
        director == null ? null : director.offerCode(),
        row.getDirectorOnboardingId());
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

  private StaffRef staffRef(long id) {
    StaffView member = staff.get(id);
    return new StaffRef(member.id(), member.username(), member.displayName());
  }
}
