package io.passerelle.activity;

import jakarta.persistence.QueryHint;
import org.hibernate.jpa.HibernateHints;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.jpa.repository.QueryHints;

interface ActivityRepository
    extends JpaRepository<ActivityEntry, Long>, JpaSpecificationExecutor<ActivityEntry> {

  /** Appends an entry; with a dedup key already recorded, appends nothing and returns 0. */
  // The statement's table named: before a native statement whose tables it does not know,
  // Hibernate flushes the whole session; knowing them, it flushes only pending writes to those
  // tables, and there are none to activity: no entity writes it (ActivityEntry is immutable) and
  // it has no foreign keys. The service's own changes are flushed when it, a query or the commit
  // needs them.
  @Modifying
  @QueryHints(@QueryHint(name = HibernateHints.HINT_NATIVE_SPACES, value = "activity"))
  @Query(
      value =
          """
          insert into activity (occurred_at, type, actor_kind, actor_staff_id, actor_account_id,
                                dossier_id, contact_id, details, dedup_key)
          values (:occurredAt, :type, :actorKind, :actorStaffId, :actorAccountId,
                  :dossierId, :contactId, cast(:details as jsonb), :dedupKey)
          on conflict (dedup_key) do nothing
          """,
      nativeQuery = true)
  int append(
      java.time.Instant occurredAt,
      String type,
      String actorKind,
      Long actorStaffId,
      Long actorAccountId,
      Long dossierId,
      Long contactId,
      String details,
      String dedupKey);
}
