package io.passerelle.onboarding;

import io.passerelle.activity.ActivityRecord;
import io.passerelle.activity.ActivityService;
import io.passerelle.activity.ActivityType;
import io.passerelle.contact.ContactErrors;
import io.passerelle.domain.Actor;
import io.passerelle.domain.DomainException;
import io.passerelle.engine.OpenUserTask;
import io.passerelle.engine.ProcessEngine;
import io.passerelle.engine.UserTaskQuery;
import io.passerelle.microsoft.GuestInvitationService;
import io.passerelle.processes.ProcessNames.CandidateGroups;
import io.passerelle.staff.ScopedResources;
import io.passerelle.staff.StaffRole;
import io.passerelle.staff.StaffScope;
import io.passerelle.staff.StaffService;
import io.passerelle.staff.StaffView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * The staff's Camunda user tasks, worked in Passerelle (the embedded default has no Tasklist): list
 * the tasks a member may act on, claim, complete with the form's variables. On a full cluster the
 * same tasks are in Tasklist; completing one there or here is the same command.
 *
 * <p>Who may act: the task's assignee; an unassigned task, a manager of the candidate group
 * (managers); the office administrator, any task.
 */
@Service
public class StaffTaskService {

  private final ProcessEngine engine;
  private final OnboardingRepository onboardings;
  private final StaffService staff;
  private final ActivityService activity;
  private final List<TaskCompletionRules> rules;
  private final StaffScope scopes;
  private final ScopedResources scoped;
  private final GuestInvitationService guests;

  StaffTaskService(
      ProcessEngine engine,
      OnboardingRepository onboardings,
      StaffService staff,
      ActivityService activity,
      List<TaskCompletionRules> rules,
      StaffScope scopes,
      ScopedResources scoped,
      GuestInvitationService guests) {
    this.guests = guests;
    this.scopes = scopes;
    this.scoped = scoped;
    this.engine = engine;
    this.onboardings = onboardings;
    this.staff = staff;
    this.activity = activity;
    this.rules = List.copyOf(rules);
  }

  /** The open tasks this member may act on, the oldest first. */
  public List<StaffTaskView> openTasks(Actor actor) {
    StaffView member = member(actor);
    List<OpenUserTask> mine =
        tasksFor(member).stream().filter(task -> mayAct(member, task)).toList();
    var visible =
        scoped.visibleProcesses(
            mine.stream().map(OpenUserTask::processInstanceKey).toList(), scopes.of(member));
    return mine.stream()
        .filter(task -> visible.contains(task.processInstanceKey()))
        .sorted(Comparator.comparing(OpenUserTask::created))
        .map(this::view)
        .toList();
  }

  /** One open task, if this member may act on it. */
  public StaffTaskView get(long userTaskKey, Actor actor) {
    return view(open(userTaskKey, member(actor), false));
  }

  /** Claims the task for this member (an administrator may take it from someone else). */
  public StaffTaskView claim(long userTaskKey, Actor actor) {
    StaffView member = member(actor);
    OpenUserTask task = open(userTaskKey, member, true);
    if (!member.username().equals(task.assignee())) {
      engine.assignUserTask(userTaskKey, member.username());
    }
    return view(engine.openUserTask(userTaskKey).orElse(task));
  }

  /**
   * Completes the task with the variables its form sets, checked first. Completing a task that is
   * no longer open (completed in Tasklist, or a double submit) is a 404 {@code TASK_NOT_FOUND}.
   */
  public void complete(long userTaskKey, Map<String, Object> submitted, Actor actor) {
    StaffView member = member(actor);
    OpenUserTask task = open(userTaskKey, member, true);
    TaskCompletionRules taskRules = rulesFor(task);
    Map<String, Object> variables =
        taskRules.check(task, submitted == null ? Map.of() : submitted, actor);
    if (task.assignee() == null || task.assignee().isBlank()) {
      engine.assignUserTask(userTaskKey, member.username());
    }
    // staff notes go to the activity feed only, never into the process (issue 19: no free text,
    // so no personal data, in the engine's variables)
    Map<String, Object> forEngine = new java.util.HashMap<>(variables);
    forEngine.keySet().removeIf(k -> k.toLowerCase(java.util.Locale.ROOT).endsWith("note"));
    engine.completeUserTask(userTaskKey, forEngine);
    Optional<Onboarding> onboarding = onboardingOf(task);
    var entry =
        ActivityRecord.of(
                ActivityType.STAFF_TASK_COMPLETED,
                actor,
                onboarding.map(Onboarding::getDossierId).orElse(null),
                onboarding.map(Onboarding::getContactId).orElse(null))
            .with("userTaskKey", userTaskKey)
            .with("task", task.elementId())
            .dedupKey("task-completed/" + userTaskKey);
    for (var variable : variables.entrySet()) {
      if (!variable.getKey().toLowerCase(java.util.Locale.ROOT).contains("email")) {
        entry = entry.with(variable.getKey(), variable.getValue());
      }
    }
    if (onboarding.isPresent()) {
      entry = entry.with("onboardingId", onboarding.get().getId());
    }
    activity.record(entry);
  }

  // ---- inside ----

  /**
   * The open task, if this member may act on it. A task of a dossier the member does not see is, to
   * a read, not found (as one that is done); to a write, refused with {@code TASK_NOT_YOURS}.
   */
  private OpenUserTask open(long userTaskKey, StaffView member, boolean write) {
    OpenUserTask task =
        engine
            .openUserTask(userTaskKey)
            .orElseThrow(
                () ->
                    DomainException.notFound(
                        OnboardingErrors.TASK_NOT_FOUND,
                        "No open task has the key " + userTaskKey + ": it may have been done."));
    boolean visible =
        scoped.visible(
            ScopedResources.Kind.PROCESS_INSTANCE, task.processInstanceKey(), scopes.of(member));
    if (!visible && !write) {
      throw DomainException.notFound(
          OnboardingErrors.TASK_NOT_FOUND,
          "No open task has the key " + userTaskKey + ": it may have been done.");
    }
    if (!mayAct(member, task)) {
      throw DomainException.forbidden(
          OnboardingErrors.TASK_NOT_YOURS,
          "This task is assigned to "
              + task.assignee()
              + ": only they or the office administrator may act on it.");
    }
    if (!visible) {
      throw DomainException.forbidden(
          OnboardingErrors.TASK_NOT_YOURS,
          "This task belongs to a dossier you neither manage nor are assigned to: its manager or"
              + " the office administrator acts on it.");
    }
    return task;
  }

  /**
   * The open tasks this member may act on, asked of the engine with its filters (a cluster's search
   * pages through every result): an administrator's are all of them; anyone else's are those
   * assigned to them and the unclaimed ones offered to them by name or, for a manager, to the
   * managers' group. Never the firm's every task fetched and filtered here.
   */
  private List<OpenUserTask> tasksFor(StaffView member) {
    if (member.administrator()) {
      return engine.openUserTasks();
    }
    List<UserTaskQuery> queries = new ArrayList<>();
    queries.add(UserTaskQuery.assignedTo(member.username()));
    queries.add(UserTaskQuery.unassignedOfferedTo(member.username()));
    if (member.role() == StaffRole.MANAGER) {
      queries.add(UserTaskQuery.unassignedOfGroup(CandidateGroups.MANAGERS));
    }
    Map<Long, OpenUserTask> tasks = new LinkedHashMap<>();
    for (UserTaskQuery query : queries) {
      engine.openUserTasks(query).forEach(task -> tasks.putIfAbsent(task.userTaskKey(), task));
    }
    return List.copyOf(tasks.values());
  }

  private boolean mayAct(StaffView member, OpenUserTask task) {
    if (member.administrator()) {
      return true;
    }
    if (task.assignee() != null && !task.assignee().isBlank()) {
      return task.assignee().equals(member.username());
    }
    return task.candidateUsers().contains(member.username())
        || (member.role() == StaffRole.MANAGER
            && task.candidateGroups().contains(CandidateGroups.MANAGERS));
  }

  private TaskCompletionRules rulesFor(OpenUserTask task) {
    return rules.stream()
        .filter(r -> r.elementIds().contains(task.elementId()))
        .findFirst()
        .orElseThrow(
            () ->
                DomainException.conflict(
                    OnboardingErrors.TASK_NOT_SUPPORTED,
                    "Passerelle does not know the task "
                        + task.elementId()
                        + ": complete it in Tasklist."));
  }

  private StaffTaskView view(OpenUserTask task) {
    Optional<Onboarding> onboarding = onboardingOf(task);
    String formId =
        rules.stream()
            .filter(r -> r.elementIds().contains(task.elementId()))
            .findFirst()
            .map(r -> r.formId(task.elementId()))
            .orElse(null);
    return new StaffTaskView(
        task.userTaskKey(),
        task.processInstanceKey(),
        task.bpmnProcessId(),
        task.elementId(),
        task.name(),
        task.assignee(),
        task.candidateGroups(),
        formId,
        task.created(),
        onboarding.map(Onboarding::getId).orElse(null),
        onboarding.map(Onboarding::getDossierId).orElse(null),
        onboarding.map(Onboarding::getContactId).orElse(null));
  }

  private Optional<Onboarding> onboardingOf(OpenUserTask task) {
    return onboardings
        .findByInvitationProcessKey(task.processInstanceKey())
        .or(
            () ->
                guests
                    .onboardingOfProcess(task.processInstanceKey())
                    .flatMap(onboardings::findById));
  }

  private StaffView member(Actor actor) {
    if (!(actor instanceof Actor.Staff s)) {
      throw DomainException.forbidden(
          ContactErrors.STAFF_ONLY, "Only the firm's staff work on tasks.");
    }
    return staff.get(s.staffId());
  }
}
