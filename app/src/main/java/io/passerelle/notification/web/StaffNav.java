package io.passerelle.notification.web;

import io.passerelle.notification.NotificationService;
import io.passerelle.staff.StaffPrincipal;
import org.springframework.stereotype.Component;

/**
 * What the layout's navigation needs on every staff page, whichever controller rendered it: the
 * signed-in member and their unread notifications. Templates call it as {@code @staffNav}.
 */
@Component("staffNav")
public class StaffNav {

  private final NotificationService notifications;

  StaffNav(NotificationService notifications) {
    this.notifications = notifications;
  }

  /** The signed-in staff member, or null on an open page. */
  public StaffPrincipal me() {
    return StaffPrincipal.current();
  }

  public long unread() {
    StaffPrincipal me = me();
    return me == null ? 0 : notifications.unreadCount(me.staff().id());
  }
}
