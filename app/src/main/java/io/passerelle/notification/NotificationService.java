package io.passerelle.notification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.passerelle.domain.Actor;
import io.passerelle.domain.DomainException;
import io.passerelle.dossier.DossierService;
import io.passerelle.dossier.DossierSummary;
import io.passerelle.staff.StaffScope;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Staff inboxes (seed 002: "all assigned team members receive a notification"). {@link
 * #notifyAssignedStaff} is keyed by a dedup key per staff member: a redelivered job notifies nobody
 * twice. The mail that goes with it belongs to the mail feature.
 */
@Service
public class NotificationService {

  private final StaffScope scopes;

  private final StaffNotificationRepository notifications;
  private final DossierService dossiers;
  private final ObjectMapper json;
  private final Clock clock;

  NotificationService(
      StaffNotificationRepository notifications,
      DossierService dossiers,
      ObjectMapper json,
      Clock clock,
      StaffScope scopes) {
    this.scopes = scopes;
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
    return notifications
        .findAll(inboxOf(staffId, unreadOnly), pageable)
        .map(StaffNotification::view);
  }

  /** The unread notifications of the member, among those they may still see (the badge). */
  @Transactional(readOnly = true)
  public long unreadCount(long staffId) {
    return notifications.count(inboxOf(staffId, true));
  }

  /**
   * The member's notifications about what they still see: a notification about a dossier they were
   * taken off is no longer shown ({@code Scope}); one naming no dossier was addressed to them.
   */
  private Specification<StaffNotification> inboxOf(long staffId, boolean unreadOnly) {
    var scope = scopes.current();
    return (root, query, cb) ->
        cb.and(
            cb.equal(root.get("staffId"), staffId),
            unreadOnly ? cb.isNull(root.get("readAt")) : cb.conjunction(),
            scope.isEverything()
                ? cb.conjunction()
                : cb.or(
                    cb.isNull(root.get("dossierId")), scope.dossier(cb, root.get("dossierId"))));
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
                        NotificationErrors.NOTIFICATION_NOT_FOUND,
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
