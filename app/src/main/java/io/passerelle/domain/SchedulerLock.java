package io.passerelle.domain;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One run at a time of a scheduled job across every Passerelle instance on the database: the run
 * takes the job's PostgreSQL advisory lock ({@code pg_try_advisory_xact_lock}) in a transaction of
 * its own and holds it to the end; an instance whose timer fires while another runs the job skips
 * that turn (its next turn comes at its next tick). The lock is the transaction's: a crash or a cut
 * connection releases it, nothing is left to clean. Work done inside runs in that transaction
 * unless it opens its own ({@code REQUIRES_NEW}), as the sweepers do per row.
 *
 * <p>Mutual exclusion, not "once per period": a run that starts after the other instance's ended
 * runs again, so every job behind this lock is idempotent (it takes what is still due).
 */
@Component
public class SchedulerLock {

  private static final Logger LOG = LoggerFactory.getLogger(SchedulerLock.class);

  private final JdbcTemplate jdbc;
  private final TransactionTemplate newTransaction;

  SchedulerLock(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.newTransaction = new TransactionTemplate(transactions);
    this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /**
   * Runs {@code work} when no other instance runs the job {@code job} now.
   *
   * @return true when this call ran it, false when another instance held the job
   */
  public boolean runAlone(String job, Runnable work) {
    Boolean ran =
        newTransaction.execute(
            status -> {
              Boolean locked =
                  jdbc.queryForObject(
                      "select pg_try_advisory_xact_lock(?)", Boolean.class, lockId(job));
              if (!Boolean.TRUE.equals(locked)) {
                LOG.debug("Scheduled job {} skipped: another instance is running it", job);
                return false;
              }
              work.run();
              return true;
            });
    return Boolean.TRUE.equals(ran);
  }

  /**
   * Runs {@code work} once the run of {@code job} under way on any instance (if any) has ended: for
   * a run asked for now (a test, an operator), which must not be skipped.
   */
  public void runAfterOthers(String job, Runnable work) {
    newTransaction.executeWithoutResult(
        status -> {
          jdbc.queryForList("select pg_advisory_xact_lock(?)", Object.class, lockId(job));
          work.run();
        });
  }

  /** The advisory lock's key of a job (the same on every instance). */
  public static long lockId(String job) {
    return Locks.lockId("scheduled-job", job);
  }
}
