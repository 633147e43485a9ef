package io.passerelle.dossiercreation;

import io.passerelle.domain.Actor;
import io.passerelle.domain.DomainException;
import io.passerelle.domain.DomainException.FieldError;
import io.passerelle.engine.EngineCommands;
import io.passerelle.engine.InstanceState;
import io.passerelle.engine.OpenUserTask;
import io.passerelle.engine.ProcessEngine;
import io.passerelle.processes.ProcessNames;
import io.passerelle.processes.ProcessNames.Elements;
import io.passerelle.processes.ProcessNames.Messages;
import io.passerelle.processes.ProcessNames.Variables;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * What the staff does to a running request: complete the company's details (the open task), give up
 * waiting for the registry (manual entry), retry the lookup once the registry is back. For whoever
 * asked, the dossier's manager or the administrator. The task completion and the message go through
 * the engine command outbox, relayed after the caller's transaction commits.
 */
@Component
class DossierRequestCommands {

  static final Duration MANUAL_ENTRY_TTL = Duration.ofMinutes(1);

  private final DossierRequestRepository requests;
  private final DossierRequestViews views;
  private final ProcessEngine engine;
  private final EngineCommands commands;
  private final Clock clock;

  DossierRequestCommands(
      DossierRequestRepository requests,
      DossierRequestViews views,
      ProcessEngine engine,
      EngineCommands commands,
      Clock clock) {
    this.requests = requests;
    this.views = views;
    this.engine = engine;
    this.commands = commands;
    this.clock = clock;
  }

  DossierRequest completeDetails(long id, String siretInput, CompanyDetails input, Actor actor) {
    DossierRequest row = requests.requireForUpdate(id);
    requireMayAct(row, actor, "complete this request");
    if (row.getStatus() != DossierRequestStatus.DETAILS_NEEDED
        && row.getStatus() != DossierRequestStatus.CREATING) {
      throw notAwaitingDetails(row);
    }
    OpenUserTask task =
        views
            .openTask(row.getProcessInstanceKey())
            .filter(t -> Elements.USER_TASK_COMPLETE_COMPANY_DETAILS.equals(t.elementId()))
            .orElseThrow(() -> notAwaitingDetails(row));
    List<FieldError> errors = new ArrayList<>();
    String siret = CompanyFields.siret(siretInput, "siret", errors);
    CompanyDetails given = CompanyFields.details(input, "company.", false, errors);
    CompanyFields.throwIfAny(errors);
    CompanyDetails merged = given.orElse(row.company());
    if (merged.companyName() == null) {
      throw DomainException.invalid(
          "REQUIRED", "company.companyName", "Give the company's name (raison sociale).");
    }
    row.completeDetails(siret, given, clock.instant());
    requests.saveAndFlush(row);
    commands.completeUserTask(
        task.userTaskKey(), Map.of(Variables.COMPANY_DETAILS_CONFIRMED, true));
    return row;
  }

  DossierRequest requestManualEntry(long id, Actor actor) {
    DossierRequest row = requests.requireForUpdate(id);
    requireMayAct(row, actor, "change this request");
    boolean lookupPending =
        row.getSiret() != null
            && row.getRegistryOutcome() == null
            && (row.getStatus() == DossierRequestStatus.LOOKING_UP
                || row.getStatus() == DossierRequestStatus.DETAILS_NEEDED);
    if (!lookupPending) {
      throw DomainException.conflict(
          "LOOKUP_NOT_PENDING",
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
    return row;
  }

  DossierRequest retryLookup(long id, Actor actor) {
    DossierRequest row = requests.require(id);
    requireMayAct(row, actor, "change this request");
    Optional<InstanceState.Incident> incident =
        row.getProcessInstanceKey() == null
            ? Optional.empty()
            : engine.instanceState(row.getProcessInstanceKey()).incidents().stream()
                .filter(i -> Elements.LOOKUP_COMPANY.equals(i.elementId()))
                .findFirst();
    if (incident.isEmpty()) {
      throw DomainException.conflict(
          "NO_INCIDENT",
          "The registry lookup of this request holds no incident: there is nothing to retry.");
    }
    engine.retryIncident(incident.get().incidentKey(), incident.get().jobKey(), 1);
    return row;
  }

  private static void requireMayAct(DossierRequest row, Actor actor, String what) {
    if (actor instanceof Actor.SystemActor || actor.isAdministrator()) {
      return;
    }
    if (actor instanceof Actor.Staff member
        && (member.staffId() == row.getRequestedByStaffId()
            || member.staffId() == row.getManagerId())) {
      return;
    }
    throw DomainException.forbidden(
        "DOSSIER_REQUEST_OWNER_ONLY",
        "Only the staff member who asked for this dossier, its manager or the office"
            + " administrator may "
            + what
            + ".");
  }

  private static DomainException notAwaitingDetails(DossierRequest row) {
    return DomainException.conflict(
        "TASK_NOT_OPEN",
        "This request does not wait for its company details (it is "
            + row.getStatus()
            + (row.getStatus() == DossierRequestStatus.DETAILS_NEEDED
                ? ", and its task is not open yet: try again in a moment"
                : "")
            + ").");
  }
}
