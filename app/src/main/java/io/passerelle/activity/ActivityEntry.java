package io.passerelle.activity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Map;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One line of the feed, read-only: rows are written by {@link ActivityRepository#append}. */
@Entity
@Immutable
@Table(name = "activity")
class ActivityEntry {

  @Id private Long id;

  @Column(name = "occurred_at", nullable = false)
  private Instant occurredAt;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 40)
  private ActivityType type;

  @Column(name = "actor_kind", nullable = false, length = 8)
  private String actorKind;

  @Column(name = "actor_staff_id")
  private Long actorStaffId;

  @Column(name = "actor_account_id")
  private Long actorAccountId;

  @Column(name = "dossier_id")
  private Long dossierId;

  @Column(name = "contact_id")
  private Long contactId;

  @JdbcTypeCode(SqlTypes.JSON)
  @Column(nullable = false, columnDefinition = "jsonb")
  private Map<String, Object> details;

  @Column(name = "dedup_key", length = 200)
  private String dedupKey;

  protected ActivityEntry() {}

  ActivityView view() {
    return new ActivityView(
        id,
        occurredAt,
        type,
        new ActivityView.Who(actorKind, actorStaffId, actorAccountId),
        dossierId,
        contactId,
        details);
  }
}
