package io.passerelle.activity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.passerelle.domain.Actor;
import io.passerelle.staff.StaffScope;
import jakarta.persistence.criteria.Predicate;
import java.sql.Types;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The append-only activity feed. Services record what they change in the same transaction as the
 * change; an entry with a dedup key is recorded once however often it is asked for (a job the
 * engine delivers twice). The database refuses updates and deletes of entries.
 */
@Service
public class ActivityService {

  /**
   * An entry, once: a dedup key already recorded appends nothing. Plain JDBC in the caller's
   * transaction, not a repository's native query: before a native statement Hibernate dirty-checks
   * every entity of the session (even with the statement's table named), which made the feed's line
   * the costliest statement of each journey step (issue 18, the bulk's profile). The table has no
   * foreign key and no entity writes it, so nothing pending in the session has to go first.
   */
  private static final String APPEND =
      """
      insert into activity (occurred_at, type, actor_kind, actor_staff_id, actor_account_id,
                            dossier_id, contact_id, details, dedup_key)
      values (:occurredAt, :type, :actorKind, :actorStaffId, :actorAccountId,
              :dossierId, :contactId, cast(:details as jsonb), :dedupKey)
      on conflict (dedup_key) do nothing
      """;

  private final StaffScope scopes;

  private final ActivityRepository entries;
  private final JdbcClient jdbc;
  private final ObjectMapper json;
  private final Clock clock;

  ActivityService(
      ActivityRepository entries,
      JdbcClient jdbc,
      ObjectMapper json,
      Clock clock,
      StaffScope scopes) {
    this.scopes = scopes;
    this.entries = entries;
    this.jdbc = jdbc;
    this.json = json;
    this.clock = clock;
  }

  /** Appends the entry; returns false when its dedup key was already recorded. */
  @Transactional(propagation = Propagation.REQUIRED)
  public boolean record(ActivityRecord entry) {
    String kind;
    Long staffId = null;
    Long accountId = null;
    switch (entry.actor()) {
      case Actor.Staff staff -> {
        kind = "STAFF";
        staffId = staff.staffId();
      }
      case Actor.Client client -> {
        kind = "CLIENT";
        accountId = client.accountId();
      }
      case Actor.SystemActor ignored -> kind = "SYSTEM";
    }
    String details;
    try {
      details = json.writeValueAsString(entry.details());
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Activity details must be plain JSON values", e);
    }
    return jdbc.sql(APPEND)
            .param("occurredAt", OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
            .param("type", entry.type().name())
            .param("actorKind", kind)
            .param("actorStaffId", staffId, Types.BIGINT)
            .param("actorAccountId", accountId, Types.BIGINT)
            .param("dossierId", entry.dossierId(), Types.BIGINT)
            .param("contactId", entry.contactId(), Types.BIGINT)
            .param("details", details)
            .param("dedupKey", entry.dedupKey(), Types.VARCHAR)
            .update()
        == 1;
  }

  @Transactional(readOnly = true)
  public Page<ActivityView> list(ActivityFilter filter, Pageable pageable) {
    var scope = scopes.current();
    Specification<ActivityEntry> spec =
        (root, query, cb) -> {
          List<Predicate> where = new ArrayList<>();
          where.add(scope.row(cb, root.get("dossierId"), root.get("contactId")));
          if (filter.dossierId() != null) {
            where.add(cb.equal(root.get("dossierId"), filter.dossierId()));
          }
          if (filter.contactId() != null) {
            where.add(cb.equal(root.get("contactId"), filter.contactId()));
          }
          if (filter.type() != null) {
            where.add(cb.equal(root.get("type"), filter.type()));
          }
          if (filter.from() != null) {
            where.add(cb.greaterThanOrEqualTo(root.get("occurredAt"), filter.from()));
          }
          if (filter.to() != null) {
            where.add(cb.lessThan(root.get("occurredAt"), filter.to()));
          }
          return cb.and(where.toArray(Predicate[]::new));
        };
    return entries.findAll(spec, pageable).map(ActivityEntry::view);
  }
}
