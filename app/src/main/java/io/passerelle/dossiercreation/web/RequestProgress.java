package io.passerelle.dossiercreation.web;

import io.passerelle.domain.CommonErrors;
import io.passerelle.dossiercreation.DossierRequestStatus;
import io.passerelle.dossiercreation.DossierRequestView;
import io.passerelle.dossiercreation.RegistryOutcome;
import io.passerelle.processes.ProcessNames.Elements;
import io.passerelle.staff.StaffPrincipal;
import io.passerelle.web.pages.FrenchMessages;

/**
 * Where a dossier request stands, as its page says it: the stage, whether the page keeps asking
 * (htmx polling while the process works on its own), and whether this member may act on it (who
 * asked, the dossier's manager, the administrator: the service's rule).
 *
 * @param incident the incident that holds the request, if one does
 */
record RequestProgress(
    DossierRequestView request, Stage stage, boolean mayAct, DossierRequestView.Incident incident) {

  /** The stages a person sees. */
  enum Stage {
    /** the registry is being asked (and may be retried with its backoff) */
    LOOKING_UP,
    /** the registry gave no answer after every retry: an incident, "saisie manuelle" or retry */
    REGISTRY_DOWN,
    /** the details task is about to open */
    PREPARING_TASK,
    /** the details task is open: the company's information to complete */
    DETAILS,
    /** the dossier is being created */
    CREATING,
    /** the dossier exists, the director's invitation is being prepared */
    INVITING,
    /** done */
    CREATED,
    /** another dossier has the SIRET: nothing created */
    SIRET_ALREADY_USED,
    /** another step holds an incident (the operators' "Relancer" on the instance page) */
    INCIDENT
  }

  static RequestProgress of(DossierRequestView request, StaffPrincipal me) {
    var incidents = request.process().incidents();
    DossierRequestView.Incident lookupIncident =
        incidents.stream()
            .filter(i -> Elements.LOOKUP_COMPANY.equals(i.elementId()))
            .findFirst()
            .orElse(null);
    DossierRequestView.Incident otherIncident =
        incidents.stream()
            .filter(i -> !Elements.LOOKUP_COMPANY.equals(i.elementId()))
            .findFirst()
            .orElse(null);
    var task = request.process().openTask();
    boolean detailsTaskOpen =
        task != null && Elements.USER_TASK_COMPLETE_COMPANY_DETAILS.equals(task.elementId());
    Stage stage;
    DossierRequestView.Incident incident = null;
    switch (request.status()) {
      case LOOKING_UP -> {
        stage = lookupIncident != null ? Stage.REGISTRY_DOWN : Stage.LOOKING_UP;
        incident = lookupIncident;
      }
      case DETAILS_NEEDED -> stage = detailsTaskOpen ? Stage.DETAILS : Stage.PREPARING_TASK;
      case CREATING -> {
        stage = otherIncident != null ? Stage.INCIDENT : Stage.CREATING;
        incident = otherIncident;
      }
      case CREATED -> {
        boolean inviting =
            request.director().toInvite() && request.director().onboardingId() == null;
        stage = !inviting ? Stage.CREATED : otherIncident != null ? Stage.INCIDENT : Stage.INVITING;
        incident = inviting ? otherIncident : null;
      }
      case SIRET_ALREADY_USED -> stage = Stage.SIRET_ALREADY_USED;
      default -> stage = Stage.CREATING;
    }
    boolean mayAct =
        me.staff().administrator()
            || request.requestedBy().id() == me.staff().id()
            || request.manager().id() == me.staff().id();
    return new RequestProgress(request, stage, mayAct, incident);
  }

  /** The page asks again every few seconds: the process moves on without anyone. */
  public boolean polling() {
    return switch (stage) {
      case LOOKING_UP, PREPARING_TASK, CREATING, INVITING -> true;
      default -> false;
    };
  }

  /** The registry said the establishment is closed: the staff member confirms the details. */
  public boolean establishmentClosed() {
    return request.registry() != null && request.registry().outcome() == RegistryOutcome.CLOSED;
  }

  public boolean unknownToRegistry() {
    return request.registry() != null && request.registry().outcome() == RegistryOutcome.NOT_FOUND;
  }

  /** What the company is called on the page while it may not be known yet. */
  public String title() {
    if (request.company() != null && request.company().companyName() != null) {
      return request.company().companyName();
    }
    if (request.siret() != null) {
      return "SIRET " + request.siret();
    }
    return "Demande n° " + request.id();
  }

  /** Why the creation sent the request back, in French. */
  public String problem() {
    if (request.problem() == null || request.status() != DossierRequestStatus.DETAILS_NEEDED) {
      return null;
    }
    String code = request.problem().code();
    return CommonErrors.REQUIRED.is(code)
        ? "Il manque la raison sociale : donnez-la pour que le dossier soit créé."
        : "La création du dossier a renvoyé la demande : "
            + FrenchMessages.ofCode(code, request.problem().message());
  }
}
