package io.passerelle.activity;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface ActivityRepository
    extends JpaRepository<ActivityEntry, Long>, JpaSpecificationExecutor<ActivityEntry> {

  /** Appends an entry; with a dedup key already recorded, appends nothing and returns 0. */
  @Modifying
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
