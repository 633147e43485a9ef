package io.passerelle.notification;

import java.time.Instant;
import java.util.Map;

/** A line of a staff member's inbox. */
public record NotificationView(
    long id,
    long staffId,
    String type,
    Long dossierId,
    Long contactId,
    Map<String, Object> details,
    Instant createdAt,
    Instant readAt) {

  public boolean unread() {
    return readAt == null;
  }
}
