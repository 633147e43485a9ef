package io.passerelle.onboarding;

import io.passerelle.engine.ProcessEngine;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One process instance per onboarding. A start is not idempotent in the engine: when the engine
 * took a start but the commit of its key was lost (a kill -9, PostgreSQL restarted, the start's
 * answer timed out while the engine wrote it), the row stays STARTING and the sweeper starts a
 * second instance. Both would run the journey, and the invitation step, keyed by its own element
 * instance, issues one invitation per instance: the contact got two links, the first one
 * superseded, its reminders never sent (fault suite, README "Fault suite").
 *
 * <p>So the first step of {@code Process_ClientOnboarding} claims the onboarding for its instance,
 * under the row's lock and in a transaction committed before the step's work: a row without an
 * instance (STARTING) takes this one; a row that holds another instance makes this one a second
 * start, which is cancelled before it does anything. The starter locks the same row while it starts
 * and records the key, so whichever of the two commits first wins and the other finds it.
 */
@Component
class OnboardingInstanceClaim {

  private static final Logger LOG = LoggerFactory.getLogger(OnboardingInstanceClaim.class);

  private final OnboardingRepository onboardings;
  private final ProcessEngine engine;
  private final TransactionTemplate newTransaction;
  private final Clock clock;

  OnboardingInstanceClaim(
      OnboardingRepository onboardings,
      ProcessEngine engine,
      PlatformTransactionManager transactions,
      Clock clock) {
    this.onboardings = onboardings;
    this.engine = engine;
    this.newTransaction = new TransactionTemplate(transactions);
    this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.clock = clock;
  }

  /**
   * @return true when {@code processInstanceKey} is the onboarding's instance (recorded now if the
   *     row had none yet); false when it is not, and it was cancelled: its step must do nothing
   */
  boolean claim(long onboardingId, long processInstanceKey) {
    Long owner =
        newTransaction.execute(
            status -> {
              Onboarding onboarding =
                  onboardings
                      .lockById(onboardingId)
                      .orElseThrow(
                          () -> new IllegalStateException("No onboarding " + onboardingId));
              if (onboarding.getProcessInstanceKey() == null
                  && onboarding.getStatus() == OnboardingStatus.STARTING) {
                // the engine took the start, its key was not committed: this instance is the one
                onboarding.started(processInstanceKey, clock.instant());
                onboardings.saveAndFlush(onboarding);
                LOG.info(
                    "Onboarding {}: instance {} recorded by its first step (its start's commit was"
                        + " lost)",
                    onboardingId,
                    processInstanceKey);
              }
              return onboarding.getProcessInstanceKey();
            });
    if (owner != null && owner == processInstanceKey) {
      return true;
    }
    boolean cancelled = engine.cancelInstance(processInstanceKey);
    LOG.warn(
        "Onboarding {}: instance {} is a second start ({}); {}",
        onboardingId,
        processInstanceKey,
        owner == null ? "the onboarding has ended without an instance" : "its instance is " + owner,
        cancelled ? "cancelled" : "already gone");
    return false;
  }
}
