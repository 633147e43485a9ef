package io.passerelle.notification.web;

import io.passerelle.notification.NotificationService;
import io.passerelle.notification.NotificationView;
import io.passerelle.staff.StaffPrincipal;
import io.passerelle.web.ApiPaging;
import java.util.Set;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.web.PageableDefault;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/notifications}: the signed-in staff member's own inbox. */
@RestController
class NotificationController {

  private final NotificationService notifications;

  NotificationController(NotificationService notifications) {
    this.notifications = notifications;
  }

  @GetMapping("/api/notifications")
  Page<NotificationView> inbox(
      @RequestParam(defaultValue = "false") boolean unread,
      @AuthenticationPrincipal StaffPrincipal me,
      @PageableDefault(sort = "createdAt", direction = Sort.Direction.DESC) Pageable pageable) {
    return notifications.inbox(
        me.staff().id(), unread, ApiPaging.check(pageable, Set.of("createdAt", "id")));
  }

  @PostMapping("/api/notifications/{id}/read")
  NotificationView read(@PathVariable long id, @AuthenticationPrincipal StaffPrincipal me) {
    return notifications.markRead(id, me.actor());
  }
}
