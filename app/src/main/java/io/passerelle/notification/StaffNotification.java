package io.passerelle.notification;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Map;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

@Entity
@Table(name = "staff_notification")
class StaffNotification {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "staff_id", nullable = false, updatable = false)
  private long staffId;

  @Column(nullable = false, length = 40, updatable = false)
  private String type;

  @Column(name = "dossier_id", updatable = false)
  private Long dossierId;

  @Column(name = "contact_id", updatable = false)
  private Long contactId;

  @JdbcTypeCode(SqlTypes.JSON)
  @Column(nullable = false, columnDefinition = "jsonb", updatable = false)
  private Map<String, Object> details;

  @Column(name = "dedup_key", length = 200, updatable = false)
  private String dedupKey;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;

  @Column(name = "read_at")
  private Instant readAt;

  protected StaffNotification() {}

  long getStaffId() {
    return staffId;
  }

  void markRead(Instant now) {
    if (readAt == null) {
      readAt = now;
    }
  }

  NotificationView view() {
    return new NotificationView(
        id, staffId, type, dossierId, contactId, details, createdAt, readAt);
  }
}
