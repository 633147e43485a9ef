package io.passerelle.web.pages;

import io.passerelle.domain.DomainException;
import io.passerelle.engine.OpenUserTask;
import io.passerelle.engine.ProcessEngine;
import io.passerelle.engine.UnknownInstanceException;
import io.passerelle.staff.StaffRole;
import io.passerelle.web.StaffPrincipal;
import java.util.Comparator;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The open staff tasks (follow-up of a stalled activation, e-mail correction…), as Tasklist would
 * show them: listed, claimed, and completed through their Camunda form rendered by form-js.
 *
 * <p>Who may work on a task: its assignee; an unassigned task may be claimed by a member of one of
 * its candidate groups ({@code managers}: the firm's managers) or one of its candidate users; the
 * administrator may claim any. Completing needs the task claimed by oneself first.
 */
@Controller
class TasksController {

  private final ProcessEngine engine;
  private final TaskForms forms;

  TasksController(ProcessEngine engine, TaskForms forms) {
    this.engine = engine;
    this.forms = forms;
  }

  /** A task with what the signed-in member may do with it. */
  record TaskLine(OpenUserTask task, String processName, boolean mine, boolean claimable) {}

  @GetMapping("/taches")
  String tasks(
      @RequestParam(name = "toutes", defaultValue = "false") boolean all,
      @AuthenticationPrincipal StaffPrincipal me,
      Model model) {
    List<TaskLine> lines =
        engine.openUserTasks().stream()
            .sorted(
                Comparator.comparing(
                    OpenUserTask::created, Comparator.nullsLast(Comparator.naturalOrder())))
            .map(t -> line(t, me))
            .filter(l -> all || l.mine() || l.claimable())
            .toList();
    model.addAttribute("tasks", lines);
    model.addAttribute("all", all);
    return "pages/taches";
  }

  @GetMapping("/taches/{key}")
  String task(@PathVariable long key, @AuthenticationPrincipal StaffPrincipal me, Model model) {
    OpenUserTask task = open(key);
    model.addAttribute("line", line(task, me));
    String schema =
        task.formKey() == 0
            ? null
            : engine.deployedModels().formSchema(task.formKey()).orElse(null);
    model.addAttribute("schema", schema);
    model.addAttribute("fields", schema == null ? List.of() : forms.fields(schema));
    return "pages/tache";
  }

  @PostMapping("/taches/{key}/prendre")
  String claim(
      @PathVariable long key,
      @AuthenticationPrincipal StaffPrincipal me,
      RedirectAttributes flash) {
    OpenUserTask task = open(key);
    if (!may(task, me)) {
      throw notYours(task);
    }
    engine.assignUserTask(key, me.getUsername());
    flash.addFlashAttribute("success", "La tâche vous est attribuée.");
    return "redirect:/taches/" + key;
  }

  @PostMapping("/taches/{key}/terminer")
  String complete(
      @PathVariable long key,
      @RequestParam(required = false) String variables,
      @AuthenticationPrincipal StaffPrincipal me,
      RedirectAttributes flash) {
    OpenUserTask task;
    try {
      task = open(key);
    } catch (UnknownInstanceException gone) {
      // a second click, or someone else finished it: say so, change nothing
      flash.addFlashAttribute("success", "Cette tâche est déjà terminée.");
      return "redirect:/taches";
    }
    if (!me.getUsername().equals(task.assignee())) {
      throw DomainException.forbidden(
          "TASK_NOT_CLAIMED",
          "Prenez d'abord la tâche : seule la personne à qui elle est attribuée la termine.");
    }
    String schema =
        task.formKey() == 0
            ? null
            : engine.deployedModels().formSchema(task.formKey()).orElse(null);
    try {
      var values =
          schema == null ? java.util.Map.<String, Object>of() : forms.variables(schema, variables);
      engine.completeUserTask(key, values);
    } catch (DomainException refused) {
      flash.addFlashAttribute("failure", refused.getMessage());
      return "redirect:/taches/" + key;
    }
    flash.addFlashAttribute("success", "Tâche terminée : « " + task.name() + " ».");
    return "redirect:/taches";
  }

  private OpenUserTask open(long key) {
    return engine
        .openUserTask(key)
        .orElseThrow(() -> new UnknownInstanceException("No open user task with key " + key));
  }

  private TaskLine line(OpenUserTask task, StaffPrincipal me) {
    boolean mine = me.getUsername().equals(task.assignee());
    return new TaskLine(task, processName(task.bpmnProcessId()), mine, !mine && may(task, me));
  }

  /** Whether the member may claim the task (see the class comment). */
  static boolean may(OpenUserTask task, StaffPrincipal me) {
    String username = me.getUsername();
    StaffRole role = me.staff().role();
    if (role == StaffRole.ADMIN || username.equals(task.assignee())) {
      return true;
    }
    if (task.assignee() != null) {
      return false; // assigned to someone else: only the administrator takes it over
    }
    if (task.candidateUsers().contains(username)) {
      return true;
    }
    return task.candidateGroups().contains("managers") && role == StaffRole.MANAGER
        || task.candidateGroups().contains("staff");
  }

  private static DomainException notYours(OpenUserTask task) {
    return DomainException.forbidden(
        "TASK_NOT_YOURS",
        "Cette tâche est réservée à "
            + (task.assignee() != null ? task.assignee() : "un autre groupe")
            + " ou à l'administrateur du cabinet.");
  }

  static String processName(String bpmnProcessId) {
    return switch (bpmnProcessId == null ? "" : bpmnProcessId) {
      case "Process_ClientInvitation" -> "Invitation du client";
      case "Process_ClientOnboarding" -> "Intégration d'un client";
      case "Process_BulkInvitation" -> "Invitation groupée";
      case "Process_DossierCreation" -> "Création d'un dossier client";
      default -> bpmnProcessId;
    };
  }
}
