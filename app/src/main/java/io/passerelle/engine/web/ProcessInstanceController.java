package io.passerelle.engine.web;

import io.passerelle.domain.DomainException;
import io.passerelle.engine.EngineErrorCodes;
import io.passerelle.engine.InstanceState;
import io.passerelle.engine.InstanceTrail;
import io.passerelle.engine.ProcessEngine;
import io.passerelle.engine.UnknownInstanceException;
import io.passerelle.staff.ScopedResources;
import io.passerelle.staff.StaffPrincipal;
import io.passerelle.web.pages.Labels;
import io.passerelle.web.pages.StaffPage;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Where a process instance stands, as Operate would show it: its diagram (bpmn-js) with the current
 * steps highlighted and the passed ones marked, the instances it called, and its incidents with
 * their message and a "retry" action. The onboarding page shows the same for its instance.
 */
@StaffPage
public class ProcessInstanceController {

  private final ProcessEngine engine;
  private final ScopedResources scoped;

  ProcessInstanceController(ProcessEngine engine, ScopedResources scoped) {
    this.engine = engine;
    this.scoped = scoped;
  }

  /** An instance as the page shows it. */
  record InstanceView(
      InstanceState state,
      InstanceTrail trail,
      String processName,
      List<Step> activeSteps,
      List<IncidentView> incidents,
      List<InstanceView> called) {}

  record Step(String elementId, String name, java.time.Instant since) {}

  record IncidentView(InstanceState.Incident incident, String elementName) {}

  @GetMapping("/processus/{key}")
  String instance(@PathVariable long key, Model model) {
    model.addAttribute("instance", view(key, true));
    return "pages/processus";
  }

  /** The deployed BPMN of the instance's definition, for the diagram viewer. */
  @GetMapping(path = "/processus/{key}/diagramme.bpmn")
  ResponseEntity<String> diagram(@PathVariable long key) {
    InstanceTrail trail = engine.instanceTrail(key);
    return engine
        .processDefinitionXml(trail.processDefinitionKey())
        .map(xml -> ResponseEntity.ok().contentType(MediaType.APPLICATION_XML).body(xml))
        .orElseGet(() -> ResponseEntity.notFound().build());
  }

  /** Operate's "retry": the job gets a retry back and the incident is resolved. */
  @PostMapping("/processus/{key}/incidents/{incidentKey}/relancer")
  String retry(
      @PathVariable long key,
      @PathVariable long incidentKey,
      @RequestParam(name = "back", required = false) String back,
      @AuthenticationPrincipal StaffPrincipal me,
      RedirectAttributes flash) {
    if (!scoped.mayRetryIncident(key, me.staff())) {
      throw DomainException.forbidden(
          EngineErrorCodes.INCIDENT_RETRY_MANAGER_ONLY,
          "Seuls le responsable du dossier de ce processus et l'administrateur relancent un"
              + " incident.");
    }
    InstanceState state = engine.instanceState(key);
    var incident =
        state.incidents().stream().filter(i -> i.incidentKey() == incidentKey).findFirst();
    if (incident.isEmpty()) {
      flash.addFlashAttribute("success", "Cet incident est déjà résolu.");
    } else {
      engine.retryIncident(incidentKey, incident.get().jobKey(), 1);
      flash.addFlashAttribute("success", "L'étape est relancée : le moteur la tente de nouveau.");
    }
    return "redirect:"
        + (back != null && back.matches("/[a-z0-9/-]*") ? back : "/processus/" + key);
  }

  public InstanceView view(long key, boolean withCalled) {
    InstanceState state = engine.instanceState(key);
    InstanceTrail trail = engine.instanceTrail(key);
    long definition = trail.processDefinitionKey();
    List<Step> steps =
        state.activeSteps().stream()
            .filter(s -> !"PROCESS".equals(s.type()))
            .map(
                s ->
                    new Step(
                        s.elementId(),
                        nameOr(engine.elementName(definition, s.elementId()), s.elementId()),
                        s.since()))
            .toList();
    List<IncidentView> incidents =
        state.incidents().stream()
            .map(
                i ->
                    new IncidentView(
                        i, nameOr(engine.elementName(definition, i.elementId()), i.elementId())))
            .toList();
    List<InstanceView> called = new ArrayList<>();
    if (withCalled) {
      for (long child : trail.calledInstanceKeys()) {
        try {
          called.add(view(child, true));
        } catch (UnknownInstanceException gone) {
          // a called instance the engine no longer knows: nothing to show
        }
      }
    }
    return new InstanceView(
        state, trail, Labels.processName(state.bpmnProcessId()), steps, incidents, called);
  }

  private static String nameOr(String name, String id) {
    return name == null || name.isBlank() ? id : name;
  }
}
