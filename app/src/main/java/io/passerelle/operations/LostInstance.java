package io.passerelle.operations;

import java.time.Instant;

/**
 * An onboarding or a dossier request the database says is in progress, whose process instance the
 * engine does not run: {@code engineStatus} is null when the engine does not know the instance at
 * all, COMPLETED or TERMINATED when it ended behind the application's back.
 *
 * @param kind {@code ONBOARDING} or {@code DOSSIER_REQUEST}
 * @param stage where the database says it stands (an onboarding's stage, a request's status)
 * @param resumesExactly whether a restart waits again exactly there; false when it sends a new
 *     invitation (an onboarding whose invitation was sent)
 * @param canClose whether "close" is offered (onboardings only)
 */
public record LostInstance(
    Kind kind,
    long id,
    Long dossierId,
    long processInstanceKey,
    String engineStatus,
    String status,
    String stage,
    boolean resumesExactly,
    boolean canClose,
    Instant since) {

  public enum Kind {
    ONBOARDING,
    DOSSIER_REQUEST
  }
}
