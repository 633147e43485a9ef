package io.passerelle.operations;

import java.time.Instant;
import java.util.List;

/**
 * The latest reconciliation: when it ran, how long it took, how many it checked, what it found
 * lost; or why it could not run (the engine down).
 */
public record ReconciliationReport(
    Instant checkedAt,
    long durationMillis,
    int onboardingsChecked,
    int dossierRequestsChecked,
    List<LostInstance> lost,
    String failure) {

  public ReconciliationReport {
    lost = List.copyOf(lost);
  }

  static ReconciliationReport notYet() {
    return new ReconciliationReport(null, 0, 0, 0, List.of(), null);
  }

  public boolean ran() {
    return checkedAt != null;
  }

  ReconciliationReport without(LostInstance.Kind kind, long id) {
    return new ReconciliationReport(
        checkedAt,
        durationMillis,
        onboardingsChecked,
        dossierRequestsChecked,
        lost.stream().filter(l -> l.kind() != kind || l.id() != id).toList(),
        failure);
  }
}
