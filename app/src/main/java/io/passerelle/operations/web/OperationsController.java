package io.passerelle.operations.web;

import io.passerelle.engine.FailedEngineCommands.RelayOutcome;
import io.passerelle.operations.FailedCommandsService;
import io.passerelle.operations.FailedCommandsService.FailedCommands;
import io.passerelle.operations.IncidentGroup;
import io.passerelle.operations.OperationsService;
import io.passerelle.operations.ReconciliationReport;
import io.passerelle.operations.RetryOutcome;
import io.passerelle.staff.StaffPrincipal;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/operations}: the reconciliation (what the engine lost, check again, restart or close)
 * and the incidents by kind (retry selected, retry a kind). The office administrator only: 403
 * {@code ADMINISTRATOR_ONLY} for other staff. Every action is idempotent: a second call answers
 * {@code "done": false} and changes nothing.
 */
@RestController
@RequestMapping("/api/operations")
class OperationsController {

  private final OperationsService operations;
  private final FailedCommandsService failedCommands;

  OperationsController(OperationsService operations, FailedCommandsService failedCommands) {
    this.operations = operations;
    this.failedCommands = failedCommands;
  }

  @GetMapping("/reconciliation")
  ReconciliationReport reconciliation(@AuthenticationPrincipal StaffPrincipal me) {
    return operations.reconciliation(me.actor());
  }

  /** Checks now and answers the new report. */
  @PostMapping("/reconciliation")
  ReconciliationReport reconcile(@AuthenticationPrincipal StaffPrincipal me) {
    return operations.reconcileNow(me.actor());
  }

  @PostMapping("/reconciliation/onboardings/{id}/restart")
  Map<String, Object> restartOnboarding(
      @PathVariable long id,
      @RequestParam long processInstanceKey,
      @AuthenticationPrincipal StaffPrincipal me) {
    return Map.of("done", operations.restartOnboarding(id, processInstanceKey, me.actor()));
  }

  @PostMapping("/reconciliation/onboardings/{id}/close")
  Map<String, Object> closeOnboarding(
      @PathVariable long id,
      @RequestParam long processInstanceKey,
      @AuthenticationPrincipal StaffPrincipal me) {
    return Map.of("done", operations.closeOnboarding(id, processInstanceKey, me.actor()));
  }

  @PostMapping("/reconciliation/dossier-requests/{id}/restart")
  Map<String, Object> restartDossierRequest(
      @PathVariable long id,
      @RequestParam long processInstanceKey,
      @AuthenticationPrincipal StaffPrincipal me) {
    return Map.of("done", operations.restartDossierRequest(id, processInstanceKey, me.actor()));
  }

  @GetMapping("/incidents")
  List<IncidentGroup> incidents(@AuthenticationPrincipal StaffPrincipal me) {
    return operations.incidents(me.actor());
  }

  /** {@code {"incidentKeys":[…]}}: the selected ones. */
  @PostMapping("/incidents/retry")
  RetryOutcome retry(
      @RequestBody RetryRequest request, @AuthenticationPrincipal StaffPrincipal me) {
    return operations.retry(
        request.incidentKeys() == null ? List.of() : request.incidentKeys(), me.actor());
  }

  @PostMapping("/incidents/kinds/{kind}/retry")
  RetryOutcome retryKind(@PathVariable String kind, @AuthenticationPrincipal StaffPrincipal me) {
    return operations.retryKind(kind, me.actor());
  }

  /** The engine commands the outbox gave up on (the most recent), and how many there are. */
  @GetMapping("/engine-commands/failed")
  FailedCommands failedCommands(@AuthenticationPrincipal StaffPrincipal me) {
    return failedCommands.list(me.actor());
  }

  /** Relays one given-up command again: DONE, WAITING, REFUSED (again) or NOT_FOUND (handled). */
  @PostMapping("/engine-commands/{id}/relay")
  Map<String, Object> relayAgain(
      @PathVariable long id, @AuthenticationPrincipal StaffPrincipal me) {
    RelayOutcome outcome = failedCommands.relayAgain(id, me.actor());
    return Map.of("outcome", outcome.name(), "done", outcome != RelayOutcome.NOT_FOUND);
  }

  /** Puts every given-up command back in the relay's queue. */
  @PostMapping("/engine-commands/failed/relay")
  Map<String, Object> relayAllAgain(@AuthenticationPrincipal StaffPrincipal me) {
    return Map.of("requeued", failedCommands.relayAllAgain(me.actor()));
  }

  @PostMapping("/engine-commands/{id}/discard")
  Map<String, Object> discard(@PathVariable long id, @AuthenticationPrincipal StaffPrincipal me) {
    return Map.of("done", failedCommands.discard(id, me.actor()));
  }

  record RetryRequest(@NotNull List<Long> incidentKeys) {}
}
