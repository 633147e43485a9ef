package io.passerelle.retention.web;

import io.passerelle.retention.RetentionRun;
import io.passerelle.retention.RetentionService;
import io.passerelle.staff.StaffPrincipal;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/retention-runs}: what the retention policy erased and deleted, and when (ids and
 * counts only); the office administrator only (403 {@code ADMINISTRATOR_ONLY} for anyone else).
 */
@RestController
@RequestMapping("/api/retention-runs")
class RetentionController {

  private final RetentionService retention;

  RetentionController(RetentionService retention) {
    this.retention = retention;
  }

  /** The latest runs, newest first ({@code limit} 1–100, default 20). */
  @GetMapping
  List<RetentionRun> runs(
      @RequestParam(defaultValue = "20") int limit, @AuthenticationPrincipal StaffPrincipal me) {
    return retention.runs(me.actor(), limit);
  }

  /** Runs the policy now (201 with the run; 409 {@code RETENTION_RUNNING} while one runs). */
  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  RetentionRun run(@AuthenticationPrincipal StaffPrincipal me) {
    return retention.runNow(me.actor());
  }
}
