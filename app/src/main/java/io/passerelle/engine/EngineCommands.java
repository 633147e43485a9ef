package io.passerelle.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The engine commands that follow a domain change, made durable with it: each is written to the
 * {@code engine_command} outbox in the caller's transaction (which must exist), relayed to the
 * engine right after the commit on a thread of the relay's own (the caller's latency is unchanged),
 * and by a sweeper until the engine accepts it ({@link EngineCommandRelay}). A rollback writes
 * nothing, so the engine never hears of a change that did not happen; a commit is never lost, even
 * with the engine down or the application killed right after it.
 *
 * <p>A relay may be repeated (a crash between the engine's acceptance and the deletion of the row):
 * a publication carries its message id, which the engine refuses a second time while the first is
 * buffered; setting variables is the same write twice; a task completed already is counted as given
 * up (its error kept), never completed twice. The same command written twice while it waits (its
 * dedup key) is one row.
 */
@Component
public class EngineCommands {

  /** How long after its commit the sweeper takes a row the after-commit relay should have sent. */
  static final Duration SWEEP_GRACE = Duration.ofSeconds(5);

  private final JdbcClient jdbc;
  private final ObjectMapper json;
  private final EngineCommandRelay relay;

  EngineCommands(JdbcClient jdbc, ObjectMapper json, EngineCommandRelay relay) {
    this.jdbc = jdbc;
    this.json = json;
    this.relay = relay;
  }

  /**
   * Publishes a message once the caller's transaction has committed, until the engine takes it. The
   * {@code messageId} is the row's dedup key: the same message written again while the first waits
   * is not written twice, and the engine refuses a relay repeated after a crash.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public void publishMessage(
      String name,
      String correlationKey,
      String messageId,
      Duration timeToLive,
      Map<String, Object> variables) {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("name", name);
    payload.put("correlationKey", correlationKey);
    payload.put("messageId", messageId);
    payload.put("timeToLiveMillis", timeToLive.toMillis());
    payload.put("variables", variables == null ? Map.of() : variables);
    write(Kind.PUBLISH_MESSAGE, messageId, payload);
  }

  /**
   * Completes a user task once the caller's transaction has committed. A task the engine no longer
   * has open when the command arrives (completed elsewhere meanwhile) leaves the row given up with
   * that error, for a person to look at.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public void completeUserTask(long userTaskKey, Map<String, Object> variables) {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("userTaskKey", userTaskKey);
    payload.put("variables", variables == null ? Map.of() : variables);
    write(Kind.COMPLETE_USER_TASK, "complete-user-task-" + userTaskKey, payload);
  }

  /**
   * Sets variables on an instance's root scope once the caller's transaction has committed; an
   * instance that ended meanwhile counts as done (nothing left to overwrite).
   *
   * @param dedupKey what makes this write the same command when written twice
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public void setVariables(
      long processInstanceKey, Map<String, Object> variables, String dedupKey) {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("processInstanceKey", processInstanceKey);
    // null values are the point of an erasure: kept as JSON nulls
    payload.put("variables", new HashMap<>(variables));
    write(Kind.SET_VARIABLES, dedupKey, payload);
  }

  /**
   * Makes the cluster's user of a staff member match them as they are when the command is relayed
   * (remote mode, {@link CamundaStaffUsers}); every relay sends the latest state, so a row written
   * for an older change sends the newer one too.
   *
   * @param occasion what makes this row one command: the same occasion written twice while it waits
   *     is one row
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public void syncStaffIdentity(long staffId, String occasion) {
    write(
        Kind.SYNC_STAFF_IDENTITY,
        "staff-identity-" + staffId + "-" + occasion,
        Map.of("staffId", staffId));
  }

  private void write(Kind kind, String dedupKey, Map<String, Object> payload) {
    Long id =
        jdbc.sql(
                """
                insert into engine_command (kind, dedup_key, payload, next_attempt_at)
                values (:kind, :dedupKey, cast(:payload as jsonb),
                        now() + cast(:grace as interval))
                on conflict (dedup_key) do nothing
                returning id
                """)
            .param("kind", kind.name())
            .param("dedupKey", dedupKey)
            .param("payload", toJson(payload))
            .param("grace", SWEEP_GRACE.toMillis() + " milliseconds")
            .query(Long.class)
            .optional()
            .orElse(null);
    if (id == null) {
      return; // the same command waits already
    }
    TransactionSynchronizationManager.registerSynchronization(
        new TransactionSynchronization() {
          @Override
          public void afterCommit() {
            relay.relayAfterCommit(id);
          }
        });
  }

  private String toJson(Map<String, Object> payload) {
    try {
      return json.writeValueAsString(payload);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("An engine command's payload is not JSON", e);
    }
  }

  /** What a row asks of the engine. */
  enum Kind {
    PUBLISH_MESSAGE,
    COMPLETE_USER_TASK,
    SET_VARIABLES,
    SYNC_STAFF_IDENTITY
  }
}
