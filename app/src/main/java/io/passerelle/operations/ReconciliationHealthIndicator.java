package io.passerelle.operations;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * Health component {@code reconciliation}: the latest check's figures and what it found lost (the
 * first 50, by kind and id, with the operator page's address). Always UP — a lost instance is an
 * operator's matter, not a reason to take the application out of a load balancer — and it never
 * asks the engine: it reads the latest report.
 */
@Component("reconciliation")
class ReconciliationHealthIndicator extends AbstractHealthIndicator {

  static final int LISTED = 50;

  private final Reconciliation reconciliation;

  ReconciliationHealthIndicator(Reconciliation reconciliation) {
    this.reconciliation = reconciliation;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    ReconciliationReport report = reconciliation.latest();
    builder.up();
    if (!report.ran()) {
      builder.withDetail("checked", false);
      return;
    }
    builder
        .withDetail("checkedAt", report.checkedAt().toString())
        .withDetail("durationMillis", report.durationMillis())
        .withDetail("onboardingsChecked", report.onboardingsChecked())
        .withDetail("dossierRequestsChecked", report.dossierRequestsChecked())
        .withDetail("lost", report.lost().size());
    if (report.failure() != null) {
      builder.withDetail("failure", report.failure());
    }
    if (!report.lost().isEmpty()) {
      builder.withDetail(
          "lostInstances",
          report.lost().stream()
              .limit(LISTED)
              .map(
                  l -> {
                    Map<String, Object> item = new LinkedHashMap<>();
                    item.put("kind", l.kind().name());
                    item.put("id", l.id());
                    item.put("processInstanceKey", l.processInstanceKey());
                    item.put(
                        "engineStatus", l.engineStatus() == null ? "UNKNOWN" : l.engineStatus());
                    return item;
                  })
              .toList());
      builder.withDetail("page", "/operations");
    }
  }
}
