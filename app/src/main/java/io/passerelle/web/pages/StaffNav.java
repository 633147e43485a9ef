package io.passerelle.web.pages;

import io.passerelle.notification.NotificationService;
import io.passerelle.web.StaffPrincipal;
import org.springframework.security.core.context.SecurityContextHolder;
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
    var authentication = SecurityContextHolder.getContext().getAuthentication();
    return authentication != null && authentication.getPrincipal() instanceof StaffPrincipal p
        ? p
        : null;
  }

  public long unread() {
    StaffPrincipal me = me();
    return me == null ? 0 : notifications.unreadCount(me.staff().id());
  }
}
