package io.passerelle.retention;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.passerelle.contact.ContactService;
import io.passerelle.domain.Actor;
import io.passerelle.domain.DomainException;
import io.passerelle.staff.StaffErrors;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The retention policy ({@link RetentionProperties}), run daily by {@link RetentionSchedule} and on
 * demand by an administrator:
 *
 * <ol>
 *   <li>contacts whose client space was never activated, whose last invitation expired or was
 *       cancelled before {@code now − neverActivated}, with no live invitation, are erased ({@link
 *       ContactService#erase} as the system: every copy, the same as an administrator's erasure),
 *       oldest first, {@code batchSize} per transaction until none is left;
 *   <li>send-log entries created before {@code now − mailLog} are deleted.
 * </ol>
 *
 * "Now" is the application's clock (the engine's in embedded mode), so moving the development clock
 * moves the policy too. One run at a time across every instance: a PostgreSQL advisory lock held by
 * one connection for the run; the schedule also skips a day that already has a run, so two
 * instances started at the same minute run it once. Each run is recorded ({@code retention_run}:
 * ids and counts only) for the administrators.
 */
@Service
public class RetentionService {

  /** The advisory lock's key: {@code hashtext('passerelle-retention')}, fixed. */
  static final long LOCK_KEY = 0x7061_7373_7265_7431L;

  private static final Logger LOG = LoggerFactory.getLogger(RetentionService.class);
  private static final Actor SYSTEM = Actor.system("retention policy");

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transactions;
  private final ContactService contacts;
  private final RetentionProperties properties;
  private final ObjectMapper json;
  private final Clock clock;

  RetentionService(
      JdbcTemplate jdbc,
      TransactionTemplate transactions,
      ContactService contacts,
      RetentionProperties properties,
      ObjectMapper json,
      Clock clock) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.contacts = contacts;
    this.properties = properties;
    this.json = json;
    this.clock = clock;
  }

  /** Who starts a run. */
  public enum Trigger {
    SCHEDULE,
    ADMIN
  }

  /**
   * Runs the policy now, for an administrator ({@code ADMINISTRATOR_ONLY} otherwise). Another run
   * under way (on any instance) is {@code RETENTION_RUNNING}.
   */
  public RetentionRun runNow(Actor actor) {
    requireAdministrator(actor);
    return run(Trigger.ADMIN)
        .orElseThrow(
            () ->
                DomainException.conflict(
                    RetentionErrors.RETENTION_RUNNING,
                    "A retention run is under way (on this or another instance): try again later."));
  }

  /** The runs, newest first, for an administrator. */
  public List<RetentionRun> runs(Actor actor, int limit) {
    requireAdministrator(actor);
    return jdbc.query(
        """
        select id, started_at, finished_at, contacts_cutoff, mail_log_cutoff, contacts_erased,
               erased_contact_ids::text, mail_log_deleted, triggered_by, failure
        from retention_run order by started_at desc, id desc limit ?
        """,
        (rs, n) ->
            new RetentionRun(
                rs.getLong(1),
                instant(rs.getTimestamp(2)),
                instant(rs.getTimestamp(3)),
                instant(rs.getTimestamp(4)),
                instant(rs.getTimestamp(5)),
                rs.getInt(6),
                ids(rs.getString(7)),
                rs.getInt(8),
                rs.getString(9),
                rs.getString(10)),
        Math.max(1, Math.min(limit, 100)));
  }

  /**
   * Runs the policy unless another run holds the lock (empty then). The schedule passes {@link
   * Trigger#SCHEDULE} and is skipped when today (UTC, by the application's clock) has a run.
   */
  public Optional<RetentionRun> run(Trigger trigger) {
    return jdbc.execute(
        (java.sql.Connection connection) -> {
          if (!tryLock(connection)) {
            LOG.info("Retention: another run holds the lock, nothing done here");
            return Optional.<RetentionRun>empty();
          }
          try {
            if (trigger == Trigger.SCHEDULE && ranToday()) {
              LOG.info("Retention: today's run is done already");
              return Optional.<RetentionRun>empty();
            }
            return Optional.of(runLocked(trigger));
          } finally {
            unlock(connection);
          }
        });
  }

  private RetentionRun runLocked(Trigger trigger) {
    Instant now = clock.instant();
    Instant contactsCutoff =
        now.atOffset(ZoneOffset.UTC).minus(properties.neverActivated()).toInstant();
    Instant mailCutoff = now.atOffset(ZoneOffset.UTC).minus(properties.mailLog()).toInstant();
    long runId =
        jdbc.queryForObject(
            """
            insert into retention_run (started_at, contacts_cutoff, mail_log_cutoff, triggered_by)
            values (?, ?, ?, ?) returning id
            """,
            Long.class,
            Timestamp.from(now),
            Timestamp.from(contactsCutoff),
            Timestamp.from(mailCutoff),
            trigger.name());
    List<Long> erased = new ArrayList<>();
    List<Long> failed = new ArrayList<>();
    int mailDeleted = 0;
    String failure = null;
    try {
      while (true) {
        List<Long> batch = candidates(contactsCutoff, failed, properties.batchSize());
        for (long id : batch) {
          try {
            // one transaction per contact: one that cannot be erased stops nobody else
            transactions.executeWithoutResult(status -> contacts.erase(id, SYSTEM));
            erased.add(id);
          } catch (RuntimeException e) {
            failed.add(id);
            failure = "contact " + id + ": " + e.getClass().getSimpleName();
            LOG.error("Retention run {}: contact {} could not be erased", runId, id, e);
          }
        }
        record(runId, erased, mailDeleted, failure, false);
        if (batch.size() < properties.batchSize()) {
          break;
        }
      }
      mailDeleted =
          jdbc.update("delete from mail_log where created_at < ?", Timestamp.from(mailCutoff));
    } catch (RuntimeException e) {
      failure = e.getClass().getSimpleName();
      LOG.error("Retention run {} stopped", runId, e);
    }
    record(runId, erased, mailDeleted, failure, true);
    LOG.info(
        "Retention run {}: {} contact(s) erased, {} send-log entries deleted",
        runId,
        erased.size(),
        mailDeleted);
    return runs(SYSTEM, 100).stream().filter(r -> r.id() == runId).findFirst().orElseThrow();
  }

  /** Never-activated contacts whose last invitation ended before the cut-off, oldest first. */
  private List<Long> candidates(Instant cutoff, List<Long> skip, int limit) {
    return jdbc.queryForList(
        """
        select c.id
        from contact c
        join client_account a on a.contact_id = c.id
        join lateral (
            select i.status, coalesce(i.closed_at, i.cancelled_at, i.expires_at) as ended_at
            from invitation i where i.account_id = a.id
            order by i.created_at desc, i.id desc limit 1) last on true
        where c.status <> 'ERASED'
          and a.activated_at is null and a.status <> 'ACTIVE'
          and last.status in ('EXPIRED', 'CANCELLED')
          and last.ended_at < ?
          and c.id <> all (?)
          and not exists (select 1 from invitation l
                          where l.account_id = a.id and l.status in ('PENDING_SEND', 'SENT'))
        order by last.ended_at, c.id
        limit ?
        """,
        Long.class,
        Timestamp.from(cutoff),
        skip.toArray(Long[]::new),
        limit);
  }

  private void record(
      long runId, List<Long> erased, int mailDeleted, String failure, boolean finished) {
    String ids;
    try {
      ids = json.writeValueAsString(erased);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    jdbc.update(
        """
        update retention_run set contacts_erased = ?, erased_contact_ids = ?::jsonb,
            mail_log_deleted = ?, failure = ?, finished_at = ?
        where id = ?
        """,
        erased.size(),
        ids,
        mailDeleted,
        failure == null ? null : failure.substring(0, Math.min(failure.length(), 500)),
        finished ? Timestamp.from(clock.instant()) : null,
        runId);
  }

  private boolean ranToday() {
    Instant startOfDay =
        clock
            .instant()
            .atOffset(ZoneOffset.UTC)
            .toLocalDate()
            .atStartOfDay()
            .toInstant(ZoneOffset.UTC);
    Boolean ran =
        jdbc.queryForObject(
            "select exists (select 1 from retention_run where started_at >= ?"
                + " and triggered_by = 'SCHEDULE' and failure is null)",
            Boolean.class,
            Timestamp.from(startOfDay));
    return Boolean.TRUE.equals(ran);
  }

  private static boolean tryLock(java.sql.Connection connection) throws java.sql.SQLException {
    try (var statement = connection.prepareStatement("select pg_try_advisory_lock(?)")) {
      statement.setLong(1, LOCK_KEY);
      try (var rs = statement.executeQuery()) {
        return rs.next() && rs.getBoolean(1);
      }
    }
  }

  private static void unlock(java.sql.Connection connection) {
    try (var statement = connection.prepareStatement("select pg_advisory_unlock(?)")) {
      statement.setLong(1, LOCK_KEY);
      statement.execute();
    } catch (java.sql.SQLException e) {
      LOG.warn("Retention: could not release the advisory lock: {}", e.toString());
    }
  }

  private static void requireAdministrator(Actor actor) {
    if (!(actor instanceof Actor.SystemActor) && !actor.isAdministrator()) {
      throw DomainException.forbidden(
          StaffErrors.ADMINISTRATOR_ONLY,
          "Only the office administrator may see or start the retention policy's runs.");
    }
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }

  private List<Long> ids(String text) {
    try {
      return List.of(json.readValue(text, Long[].class));
    } catch (JsonProcessingException | DataAccessException e) {
      return List.of();
    }
  }
}
