package io.passerelle.notification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.passerelle.domain.Actor;
import io.passerelle.domain.DomainException;
import io.passerelle.dossier.DossierService;
import io.passerelle.dossier.DossierSummary;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Staff inboxes (seed 002: "all assigned team members receive a notification"). {@link
 * #notifyAssignedStaff} is keyed by a dedup key per staff member: a redelivered job notifies nobody
 * twice. The mail that goes with it belongs to the mail feature.
 */
@Service
public class NotificationService {

  private final StaffNotificationRepository notifications;
  private final DossierService dossiers;
  private final ObjectMapper json;
  private final Clock clock;

  NotificationService(
      StaffNotificationRepository notifications,
      DossierService dossiers,
      ObjectMapper json,
      Clock clock) {
    this.notifications = notifications;
    this.dossiers = dossiers;
    this.json = json;
    this.clock = clock;
  }

  /**
   * Notifies every staff member assigned to the dossier (its manager included). Returns how many
   * notifications were added now (0 when the dedup key was seen before for each of them).
   *
   * @param type e.g. CLIENT_ACTIVATED
   * @param details ids and codes only
   * @param dedupKey required: e.g. "client-activated/onboarding-42"
   */
  @Transactional
  public int notifyAssignedStaff(
      long dossierId, String type, Long contactId, Map<String, Object> details, String dedupKey) {
    Objects.requireNonNull(dedupKey, "a dedup key keeps a redelivered job from notifying twice");
    if (type == null || !type.matches("[A-Z][A-Z_]{0,39}")) {
      throw new IllegalArgumentException("notification types are in capitals: " + type);
    }
    DossierSummary dossier = dossiers.summary(dossierId);
    String body = write(details == null ? Map.of() : details);
    int added = 0;
    for (long staffId : dossier.assignedStaffIds()) {
      added +=
          notifications.add(staffId, type, dossierId, contactId, body, dedupKey, clock.instant());
    }
    return added;
  }

  @Transactional(readOnly = true)
  public Page<NotificationView> inbox(long staffId, boolean unreadOnly, Pageable pageable) {
    return notifications.inbox(staffId, unreadOnly, pageable).map(StaffNotification::view);
  }

  @Transactional(readOnly = true)
  public long unreadCount(long staffId) {
    return notifications.countByStaffIdAndReadAtIsNull(staffId);
  }

  /** Marks one of the actor's own notifications read; someone else's is not found. */
  @Transactional
  public NotificationView markRead(long notificationId, Actor actor) {
    StaffNotification notification =
        notifications
            .findById(notificationId)
            .filter(n -> actor instanceof Actor.Staff staff && n.getStaffId() == staff.staffId())
            .orElseThrow(
                () ->
                    DomainException.notFound(
                        "NOTIFICATION_NOT_FOUND",
                        "You have no notification with the id " + notificationId + "."));
    notification.markRead(clock.instant());
    notifications.saveAndFlush(notification);
    return notification.view();
  }

  private String write(Map<String, Object> details) {
    try {
      return json.writeValueAsString(details);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("notification details must be plain JSON values", e);
    }
  }
}
