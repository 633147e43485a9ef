package io.passerelle.onboarding.web;

import io.passerelle.onboarding.StaffTaskService;
import io.passerelle.onboarding.StaffTaskView;
import io.passerelle.staff.StaffPrincipal;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/tasks}: the Camunda user tasks the signed-in member may act on (stalled activation
 * follow-ups, e-mail corrections), claimed and completed with their form's variables.
 */
@RestController
@RequestMapping("/api/tasks")
class StaffTaskController {

  private final StaffTaskService tasks;

  StaffTaskController(StaffTaskService tasks) {
    this.tasks = tasks;
  }

  @GetMapping
  List<StaffTaskView> list(@AuthenticationPrincipal StaffPrincipal me) {
    return tasks.openTasks(me.actor());
  }

  @GetMapping("/{key}")
  StaffTaskView get(@PathVariable long key, @AuthenticationPrincipal StaffPrincipal me) {
    return tasks.get(key, me.actor());
  }

  /** Claims the task for the signed-in member. */
  @PostMapping("/{key}/assignment")
  StaffTaskView claim(@PathVariable long key, @AuthenticationPrincipal StaffPrincipal me) {
    return tasks.claim(key, me.actor());
  }

  /** Completes the task with its form's variables, e.g. {@code {"followUpDecision":"extend"}}. */
  @PostMapping("/{key}/completion")
  ResponseEntity<Void> complete(
      @PathVariable long key,
      @RequestBody Map<String, Object> variables,
      @AuthenticationPrincipal StaffPrincipal me) {
    tasks.complete(key, variables, me.actor());
    return ResponseEntity.noContent().build();
  }
}
