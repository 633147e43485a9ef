package io.passerelle.engine;

import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The engine commands the relay gave up on ({@link EngineCommandRelay}: the engine refused them for
 * good, e.g. a message for an instance the engine no longer has after a restore, a task completion
 * the engine rejected): listed for the operator, who either relays one again (after fixing what the
 * engine refused: a resolved incident, a restored instance) or discards it, with the command
 * written to the log. Both act only on a row still given up, so a second click or a second operator
 * does nothing twice.
 */
@Component
public class FailedEngineCommands {

  private static final Logger LOG = LoggerFactory.getLogger(FailedEngineCommands.class);

  private final JdbcClient jdbc;
  private final EngineCommandRelay relay;

  FailedEngineCommands(JdbcClient jdbc, EngineCommandRelay relay) {
    this.jdbc = jdbc;
    this.relay = relay;
  }

  /** One command given up: what it was, how often it was tried, what the engine said last. */
  public record FailedCommand(
      long id,
      String kind,
      String target,
      int attempts,
      String lastError,
      Instant createdAt,
      Instant failedAt) {}

  /** What relaying a given-up command again came to. */
  public enum RelayOutcome {
    /** The engine took it (or had it already): the row is gone. */
    DONE,
    /** The engine cannot be reached now: the row waits, the sweeper relays it. */
    WAITING,
    /** The engine refused it again: the row is given up again, with the new error. */
    REFUSED,
    /** No such given-up command (relayed or discarded already). */
    NOT_FOUND
  }

  /** How many commands are given up. */
  public long count() {
    return jdbc.sql("select count(*) from engine_command where failed_at is not null")
        .query(Long.class)
        .single();
  }

  /** The given-up commands, the most recent first, at most {@code limit}. */
  public List<FailedCommand> list(int limit) {
    return jdbc.sql(
            """
            select id, kind, dedup_key, attempts, last_error, created_at, failed_at
            from engine_command where failed_at is not null
            order by failed_at desc, id desc limit :limit
            """)
        .param("limit", limit)
        .query(
            (rs, n) ->
                new FailedCommand(
                    rs.getLong("id"),
                    rs.getString("kind"),
                    rs.getString("dedup_key"),
                    rs.getInt("attempts"),
                    rs.getString("last_error"),
                    rs.getTimestamp("created_at").toInstant(),
                    rs.getTimestamp("failed_at").toInstant()))
        .list();
  }

  /** Relays a given-up command again, now; see {@link RelayOutcome}. */
  public RelayOutcome relayAgain(long id) {
    int taken =
        jdbc.sql(
                """
                update engine_command set failed_at = null, next_attempt_at = now()
                where id = :id and failed_at is not null
                """)
            .param("id", id)
            .update();
    if (taken == 0) {
      return RelayOutcome.NOT_FOUND;
    }
    LOG.info("Engine command {} relayed again by an operator", id);
    return switch (relay.relay(id)) {
      case DONE -> RelayOutcome.DONE;
      case FAILED -> RelayOutcome.REFUSED;
      // unreachable, or the sweeper took the row first: it is no longer given up
      case UNREACHABLE, NOT_MINE -> RelayOutcome.WAITING;
    };
  }

  /**
   * Puts every given-up command back in the queue; the sweeper relays them (in order, with its
   * backoff). Returns how many.
   */
  public int relayAllAgain() {
    int taken =
        jdbc.sql(
                """
                update engine_command set failed_at = null, next_attempt_at = now()
                where failed_at is not null
                """)
            .update();
    if (taken > 0) {
      LOG.info("{} given-up engine command(s) put back in the queue by an operator", taken);
    }
    return taken;
  }

  /**
   * Drops a given-up command for good, its content written to the log. Returns false when there was
   * no such given-up command.
   */
  public boolean discard(long id) {
    List<String> dropped =
        jdbc.sql(
                """
                delete from engine_command where id = :id and failed_at is not null
                returning kind || ' ' || dedup_key || ' ' || payload::text
                """)
            .param("id", id)
            .query(String.class)
            .list();
    if (dropped.isEmpty()) {
      return false;
    }
    LOG.warn("Engine command {} discarded by an operator: {}", id, dropped.getFirst());
    return true;
  }
}
