package io.passerelle.notification;

import java.time.Instant;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface StaffNotificationRepository
    extends JpaRepository<StaffNotification, Long>, JpaSpecificationExecutor<StaffNotification> {

  /** Adds a notification; one already there with the same (staff, dedup key) is kept: 0. */
  @Modifying
  @Query(
      value =
          """
          insert into staff_notification (staff_id, type, dossier_id, contact_id, details, dedup_key, created_at)
          values (:staffId, :type, :dossierId, :contactId, cast(:details as jsonb), :dedupKey, :createdAt)
          on conflict (staff_id, dedup_key) do nothing
          """,
      nativeQuery = true)
  int add(
      long staffId,
      String type,
      Long dossierId,
      Long contactId,
      String details,
      String dedupKey,
      Instant createdAt);
}
