package io.passerelle.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Relays the {@code engine_command} outbox ({@link EngineCommands}) to the engine: each row right
 * after its commit, on a thread of its own, and a sweeper every few seconds for the rest (engine
 * down then, a crash, a full queue).
 *
 * <p>A row is relayed under its row lock taken with {@code SKIP LOCKED} (the after-commit relay and
 * the sweeper, or two nodes, never send the same row at once) and deleted in the same transaction
 * once the engine accepted it. What the engine answers decides:
 *
 * <ul>
 *   <li>accepted, or "already there" (the message id of a relay repeated after a crash; an instance
 *       that ended before its variables were set): done, the row is deleted;
 *   <li>unreachable or busy: the row waits (attempts, last error, next attempt after a backoff of 5
 *       s doubling up to 5 min), and the sweep stops there: the engine is down for every row;
 *   <li>anything else (refused, unknown task, a payload the engine does not take): given up for
 *       good, {@code failed_at} and the error kept, logged, counted on the engine's health; the
 *       sweep goes on with the next row.
 * </ul>
 */
@Component
public class EngineCommandRelay {

  private static final Logger LOG = LoggerFactory.getLogger(EngineCommandRelay.class);

  static final Duration FIRST_BACKOFF = Duration.ofSeconds(5);
  static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
  static final int SWEEP_BATCH = 100;
  private static final int QUEUE = 10_000;

  static final String RELAYED = "passerelle.engine.commands.relayed";
  static final String DUPLICATES = "passerelle.engine.commands.duplicates";
  static final String FAILED = "passerelle.engine.commands.failed";
  static final String PENDING = "passerelle.engine.commands.pending";

  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private final ProcessEngine engine;
  private final CamundaStaffUsers staffUsers;
  private final JdbcClient jdbc;
  private final ObjectMapper json;
  private final TransactionTemplate newTransaction;
  private final ThreadPoolExecutor afterCommit;
  private final Counter relayed;
  private final Counter duplicates;
  private final Counter failed;

  /**
   * While the engine was last found unreachable: the after-commit relay leaves rows to the sweep.
   */
  private final AtomicReference<Instant> unreachableUntil = new AtomicReference<>(Instant.MIN);

  /** Held by each scheduled sweep, so that switching the schedule off waits for one under way. */
  private final ReentrantLock schedule = new ReentrantLock();

  private volatile boolean scheduled = true;

  EngineCommandRelay(
      ProcessEngine engine,
      CamundaStaffUsers staffUsers,
      JdbcClient jdbc,
      ObjectMapper json,
      PlatformTransactionManager transactions,
      MeterRegistry meters) {
    this.engine = engine;
    this.staffUsers = staffUsers;
    this.jdbc = jdbc;
    this.json = json;
    this.newTransaction = new TransactionTemplate(transactions);
    this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    // one thread keeps the commands of one request in their order; a full queue leaves the rest to
    // the sweeper
    this.afterCommit =
        new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(QUEUE),
            Thread.ofPlatform().name("engine-command-relay").daemon().factory());
    this.relayed =
        Counter.builder(RELAYED)
            .description("Engine commands the engine accepted")
            .register(meters);
    this.duplicates =
        Counter.builder(DUPLICATES)
            .description("Engine commands relayed again that the engine already had (not redone)")
            .register(meters);
    this.failed =
        Counter.builder(FAILED)
            .description("Engine commands given up: the engine refused them for good")
            .register(meters);
    Gauge.builder(PENDING, afterCommit, e -> e.getQueue().size() + e.getActiveCount())
        .description("Engine commands committed and handed to the after-commit relay")
        .register(meters);
  }

  /** Relays the row soon, off the committing thread; the sweeper takes it if this cannot. */
  void relayAfterCommit(long id) {
    if (Instant.now().isBefore(unreachableUntil.get())) {
      return; // the engine did not answer moments ago: the sweeper probes it
    }
    try {
      afterCommit.execute(
          () -> {
            try {
              relay(id);
            } catch (RuntimeException e) {
              LOG.warn(
                  "Engine command {} not relayed yet ({}); the sweeper will", id, e.toString());
            }
          });
    } catch (RejectedExecutionException e) {
      LOG.debug("Engine command {} left to the sweeper (relay queue full or stopping)", id);
    }
  }

  @PreDestroy
  void stop() {
    afterCommit.shutdownNow();
  }

  /** The sweeper: every {@code passerelle.engine.command-relay-interval}, unless switched off. */
  @Scheduled(
      fixedDelayString = "${passerelle.engine.command-relay-interval:PT5S}",
      initialDelayString = "${passerelle.engine.command-relay-interval:PT5S}")
  void sweep() {
    schedule.lock();
    try {
      if (scheduled) {
        relayDue();
      }
    } finally {
      schedule.unlock();
    }
  }

  /**
   * Switches the sweeper's schedule off or on at run time (for a test that runs {@link #relayDue()}
   * itself in a shared context); off returns once a sweep under way has ended. The relay after each
   * commit goes on either way.
   */
  public void scheduleSweeps(boolean on) {
    schedule.lock();
    try {
      scheduled = on;
    } finally {
      schedule.unlock();
    }
  }

  /**
   * Relays the rows that are due, oldest first, a batch at a time; a row the engine refuses for
   * good is marked and the others go on; the sweep stops when the engine does not answer.
   *
   * @return how many rows the engine took (accepted or had already)
   */
  public int relayDue() {
    int done = 0;
    List<Long> due =
        jdbc.sql(
                """
                select id from engine_command
                where failed_at is null and next_attempt_at <= now()
                order by next_attempt_at, id limit :batch
                """)
            .param("batch", SWEEP_BATCH)
            .query(Long.class)
            .list();
    for (long id : due) {
      Outcome outcome;
      try {
        outcome = relay(id);
      } catch (RuntimeException e) {
        // the database, not the engine: this row only
        LOG.warn("Engine command {} not relayed: {}", id, e.toString());
        continue;
      }
      if (outcome == Outcome.DONE) {
        done++;
      } else if (outcome == Outcome.UNREACHABLE) {
        break;
      }
    }
    return done;
  }

  /** What one relay of one row came to. */
  enum Outcome {
    DONE,
    UNREACHABLE,
    FAILED,
    /** Taken by another relay, already done or given up. */
    NOT_MINE
  }

  /** Relays one row under its lock, and records what the engine said. */
  Outcome relay(long id) {
    return newTransaction.execute(
        status -> {
          Row row = lock(id);
          if (row == null) {
            return Outcome.NOT_MINE;
          }
          try {
            boolean first = send(row);
            delivered(row, first);
            return Outcome.DONE;
          } catch (EngineUnavailableException e) {
            waitForEngine(row, e);
            return Outcome.UNREACHABLE;
          } catch (RuntimeException e) {
            giveUp(row, e);
            return Outcome.FAILED;
          }
        });
  }

  /** The row, locked for this transaction; null when another relay holds it or it is gone. */
  private Row lock(long id) {
    return jdbc.sql(
            """
            select id, kind, dedup_key, payload::text as payload, attempts
            from engine_command where id = :id and failed_at is null
            for update skip locked
            """)
        .param("id", id)
        .query(
            (rs, n) ->
                new Row(
                    rs.getLong("id"),
                    EngineCommands.Kind.valueOf(rs.getString("kind")),
                    rs.getString("dedup_key"),
                    rs.getString("payload"),
                    rs.getInt("attempts")))
        .optional()
        .orElse(null);
  }

  /** The engine took it (or had it already): the row goes. */
  private void delivered(Row row, boolean first) {
    jdbc.sql("delete from engine_command where id = :id").param("id", row.id()).update();
    unreachableUntil.set(Instant.MIN); // the engine answers again
    (first ? relayed : duplicates).increment();
    if (!first) {
      LOG.info(
          "Engine command {} ({}) was already with the engine: not done twice",
          row.dedupKey(),
          row.kind());
    }
  }

  /** The engine is unreachable or busy: the row waits, its next attempt backed off. */
  private void waitForEngine(Row row, EngineUnavailableException e) {
    Duration backoff = backoff(row.attempts() + 1);
    unreachableUntil.set(Instant.now().plus(FIRST_BACKOFF));
    jdbc.sql(
            """
            update engine_command set attempts = attempts + 1, last_error = :error,
                   next_attempt_at = now() + cast(:backoff as interval)
            where id = :id
            """)
        .param("error", e.getMessage())
        .param("backoff", backoff.toMillis() + " milliseconds")
        .param("id", row.id())
        .update();
    LOG.warn(
        "Engine command {} ({}) waits for the engine (attempt {}, next in {}): {}",
        row.dedupKey(),
        row.kind(),
        row.attempts() + 1,
        backoff,
        e.getMessage());
  }

  /** The engine refused it for good: the row stays with its error, never retried. */
  private void giveUp(Row row, RuntimeException e) {
    jdbc.sql(
            """
            update engine_command set attempts = attempts + 1, last_error = :error,
                   failed_at = now()
            where id = :id
            """)
        .param("error", String.valueOf(e.getMessage()))
        .param("id", row.id())
        .update();
    failed.increment();
    LOG.error(
        "Engine command {} ({}) given up: the engine refused it ({}); it stays in"
            + " engine_command with its error",
        row.dedupKey(),
        row.kind(),
        e.toString());
  }

  /**
   * Sends the row's command.
   *
   * @return false when the engine had it already (the relay was repeated)
   */
  private boolean send(Row row) {
    Map<String, Object> payload = read(row.payload());
    @SuppressWarnings("unchecked")
    Map<String, Object> variables = (Map<String, Object>) payload.get("variables");
    return switch (row.kind()) {
      case PUBLISH_MESSAGE ->
          engine.publishMessage(
              (String) payload.get("name"),
              (String) payload.get("correlationKey"),
              (String) payload.get("messageId"),
              Duration.ofMillis(((Number) payload.get("timeToLiveMillis")).longValue()),
              variables);
      case COMPLETE_USER_TASK -> {
        engine.completeUserTask(((Number) payload.get("userTaskKey")).longValue(), variables);
        yield true;
      }
      case SET_VARIABLES -> {
        // false: the instance ended meanwhile, nothing left to overwrite: done all the same
        engine.setVariables(((Number) payload.get("processInstanceKey")).longValue(), variables);
        yield true;
      }
      case SYNC_STAFF_IDENTITY -> {
        // idempotent: what the cluster has already counts as done
        staffUsers.sync(((Number) payload.get("staffId")).longValue());
        yield true;
      }
    };
  }

  private Map<String, Object> read(String payload) {
    try {
      return json.readValue(payload, MAP);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("An engine command's payload is not readable", e);
    }
  }

  static Duration backoff(int attempts) {
    Duration wait = FIRST_BACKOFF;
    for (int i = 1; i < attempts && wait.compareTo(MAX_BACKOFF) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait;
  }

  /** Where the outbox stands, for the engine's health details. */
  Status status() {
    return jdbc.sql(
            """
            select count(*) filter (where failed_at is null) as waiting,
                   count(*) filter (where failed_at is not null) as failed,
                   min(created_at) filter (where failed_at is null) as oldest
            from engine_command
            """)
        .query(
            (rs, n) ->
                new Status(
                    rs.getLong("waiting"),
                    rs.getLong("failed"),
                    rs.getTimestamp("oldest") == null
                        ? null
                        : rs.getTimestamp("oldest").toInstant()))
        .single();
  }

  /**
   * The outbox: rows waiting for the engine, rows given up, the commit time of the oldest waiting.
   */
  record Status(long waiting, long failed, Instant oldestWaiting) {}

  private record Row(
      long id, EngineCommands.Kind kind, String dedupKey, String payload, int attempts) {}
}
