package io.passerelle.tasks.web;

import io.passerelle.domain.CommonErrors;
import io.passerelle.domain.DomainException;
import io.passerelle.dossiercreation.DossierRequestService;
import io.passerelle.dossiercreation.web.DossierRequestPageController;
import io.passerelle.dossiercreation.web.DossierRequestQueries;
import io.passerelle.engine.DeployedModels;
import io.passerelle.engine.ProcessEngine;
import io.passerelle.onboarding.OnboardingErrors;
import io.passerelle.onboarding.StaffTaskService;
import io.passerelle.onboarding.StaffTaskView;
import io.passerelle.processes.ProcessNames.Elements;
import io.passerelle.staff.StaffPrincipal;
import io.passerelle.web.pages.FormErrors;
import io.passerelle.web.pages.FrenchMessages;
import io.passerelle.web.pages.Labels;
import io.passerelle.web.pages.NameLookup;
import io.passerelle.web.pages.StaffPage;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The open staff tasks (follow-up of a stalled activation, e-mail correction…), as Tasklist would
 * show them: listed, claimed, and completed through their Camunda form rendered by form-js. Who may
 * act on which task, and what a task accepts, is the journey's {@link StaffTaskService} (the API's
 * too); the page first keeps only the form's own fields, checked as the form checks them.
 */
@StaffPage
public class TasksController {

  private final StaffTaskService tasks;
  private final ProcessEngine engine;
  private final TaskForms forms;
  private final NameLookup names;
  private final DossierRequestQueries dossierRequests;
  private final DossierRequestService requests;

  TasksController(
      StaffTaskService tasks,
      ProcessEngine engine,
      TaskForms forms,
      NameLookup names,
      DossierRequestQueries dossierRequests,
      DossierRequestService requests) {
    this.tasks = tasks;
    this.engine = engine;
    this.forms = forms;
    this.names = names;
    this.dossierRequests = dossierRequests;
    this.requests = requests;
  }

  /**
   * A task with its dossier and contact names and whether it is the member's own; a task of a
   * dossier creation names its request (the dossier does not exist yet).
   */
  record TaskLine(
      StaffTaskView task,
      String processName,
      boolean mine,
      String dossier,
      String contact,
      DossierRequestQueries.Ref dossierRequest) {}

  @GetMapping("/taches")
  String list(@AuthenticationPrincipal StaffPrincipal me, Model model) {
    List<StaffTaskView> open = tasks.openTasks(me.actor());
    Map<Long, String> dossiers =
        names.dossiers(open.stream().map(StaffTaskView::dossierId).toList());
    Map<Long, String> contacts =
        names.contacts(open.stream().map(StaffTaskView::contactId).toList());
    Map<Long, DossierRequestQueries.Ref> creations =
        dossierRequests.requestsByInstance(
            open.stream()
                .filter(TasksController::ofDossierCreation)
                .map(StaffTaskView::processInstanceKey)
                .toList());
    model.addAttribute(
        "tasks",
        open.stream()
            .sorted(
                Comparator.comparing(
                    StaffTaskView::created, Comparator.nullsLast(Comparator.naturalOrder())))
            .map(
                t ->
                    line(
                        t,
                        me,
                        dossiers.get(t.dossierId()),
                        contacts.get(t.contactId()),
                        creations.get(t.processInstanceKey())))
            .toList());
    return "pages/taches";
  }

  @GetMapping("/taches/{key}")
  String task(@PathVariable long key, @AuthenticationPrincipal StaffPrincipal me, Model model) {
    StaffTaskView task = tasks.get(key, me.actor());
    DossierRequestQueries.Ref creation =
        ofDossierCreation(task)
            ? dossierRequests
                .requestsByInstance(List.of(task.processInstanceKey()))
                .get(task.processInstanceKey())
            : null;
    model.addAttribute(
        "line",
        line(
            task,
            me,
            task.dossierId() == null
                ? null
                : names.dossiers(List.of(task.dossierId())).get(task.dossierId()),
            task.contactId() == null
                ? null
                : names.contacts(List.of(task.contactId())).get(task.contactId()),
            creation));
    if (creation != null && Elements.USER_TASK_COMPLETE_COMPANY_DETAILS.equals(task.elementId())) {
      // the details live in the request, not in the process: the request's own form, which
      // saves them and completes this task (DossierRequestService#completeDetails)
      var request = requests.get(creation.id());
      DossierRequestPageController.fill(
          request,
          DossierRequestPageController.CompanyDetailsForm.of(request),
          FormErrors.NONE,
          me,
          model);
      return "pages/tache";
    }
    String schema = schema(task).orElse(null);
    model.addAttribute("schema", schema);
    model.addAttribute(
        "prefill",
        schema == null
            ? "{}"
            : forms.prefill(schema, engine.userTaskVariables(task.userTaskKey())));
    return "pages/tache";
  }

  @PostMapping("/taches/{key}/prendre")
  String claim(
      @PathVariable long key,
      @AuthenticationPrincipal StaffPrincipal me,
      RedirectAttributes flash) {
    tasks.claim(key, me.actor());
    flash.addFlashAttribute("success", "La tâche vous est attribuée.");
    return "redirect:/taches/" + key;
  }

  @PostMapping("/taches/{key}/terminer")
  String complete(
      @PathVariable long key,
      @RequestParam(required = false) String variables,
      @AuthenticationPrincipal StaffPrincipal me,
      RedirectAttributes flash) {
    StaffTaskView task;
    try {
      task = tasks.get(key, me.actor());
    } catch (DomainException e) {
      if (!OnboardingErrors.TASK_NOT_FOUND.is(e.code())) {
        throw e;
      }
      // a second click, or someone finished it in Tasklist: say so, change nothing
      flash.addFlashAttribute("success", "Cette tâche est déjà terminée.");
      return "redirect:/taches";
    }
    try {
      Map<String, Object> values =
          schema(task).map(s -> forms.variables(s, variables)).orElse(Map.of());
      tasks.complete(key, values, me.actor());
    } catch (DomainException refused) {
      if (refused.kind() == DomainException.Kind.FORBIDDEN) {
        throw refused;
      }
      flash.addFlashAttribute(
          "failure",
          CommonErrors.VALIDATION_FAILED.is(refused.code()) && refused.getMessage().contains("«")
              ? refused.getMessage()
              : FrenchMessages.of(refused));
      return "redirect:/taches/" + key;
    }
    flash.addFlashAttribute("success", "Tâche terminée : « " + task.name() + " ».");
    return "redirect:/taches";
  }

  private Optional<String> schema(StaffTaskView task) {
    // the form linked to this task where the task lives (in remote mode: the cluster's, so a form
    // deployed from Modeler, or an older instance's version, is the one shown)
    Optional<String> linked = engine.userTaskForm(task.userTaskKey());
    if (linked.isPresent() || task.formId() == null) {
      return linked;
    }
    DeployedModels models = engine.deployedModels();
    return models.forms().stream()
        .filter(f -> f.id().equals(task.formId()))
        .max(Comparator.comparingInt(DeployedModels.DeployedResource::version))
        .flatMap(f -> models.formSchema(f.key()));
  }

  private static TaskLine line(
      StaffTaskView task,
      StaffPrincipal me,
      String dossier,
      String contact,
      DossierRequestQueries.Ref dossierRequest) {
    return new TaskLine(
        task,
        Labels.processName(task.bpmnProcessId()),
        me.getUsername().equals(task.assignee()),
        dossier,
        contact,
        dossierRequest);
  }

  private static boolean ofDossierCreation(StaffTaskView task) {
    return "Process_DossierCreation".equals(task.bpmnProcessId());
  }
}
