package io.passerelle.notification.web;

import io.passerelle.notification.NotificationService;
import io.passerelle.notification.NotificationView;
import io.passerelle.staff.StaffPrincipal;
import io.passerelle.web.pages.NameLookup;
import io.passerelle.web.pages.PageLinks;
import io.passerelle.web.pages.StaffPage;
import java.util.List;
import java.util.Map;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The signed-in member's inbox (seed 002: "all assigned team members receive a notification"):
 * newest first, unread in bold, mark one or all read. With htmx the row and the count in the
 * navigation update in place; without JavaScript the form posts and the page comes back.
 */
@StaffPage
class NotificationsPageController {

  private final NotificationService notifications;
  private final NameLookup names;

  NotificationsPageController(NotificationService notifications, NameLookup names) {
    this.notifications = notifications;
    this.names = names;
  }

  record Line(NotificationView notification, String dossier, String contact) {}

  @GetMapping("/notifications")
  String inbox(
      @RequestParam(name = "non-lues", defaultValue = "false") boolean unreadOnly,
      @RequestParam(required = false) Integer page,
      @AuthenticationPrincipal StaffPrincipal me,
      Model model) {
    Page<NotificationView> inbox =
        notifications.inbox(
            me.staff().id(),
            unreadOnly,
            PageLinks.page(page, Sort.by(Sort.Order.desc("createdAt"), Sort.Order.desc("id"))));
    model.addAttribute("inbox", inbox);
    model.addAttribute("lines", lines(inbox.getContent()));
    model.addAttribute("unreadOnly", unreadOnly);
    model.addAttribute(
        "base", PageLinks.base("/notifications", PageLinks.filters("non-lues", unreadOnly)));
    return "pages/notifications";
  }

  @PostMapping("/notifications/{id}/lue")
  String markRead(
      @PathVariable long id,
      @RequestHeader(name = "HX-Request", required = false) String htmx,
      @AuthenticationPrincipal StaffPrincipal me,
      Model model,
      RedirectAttributes flash) {
    NotificationView read = notifications.markRead(id, me.actor());
    if (htmx != null) {
      model.addAttribute("lines", lines(List.of(read)));
      model.addAttribute("unread", notifications.unreadCount(me.staff().id()));
      return "pages/notifications :: row-and-count";
    }
    flash.addFlashAttribute("success", "Notification marquée comme lue.");
    return "redirect:/notifications";
  }

  @PostMapping("/notifications/toutes-lues")
  String markAllRead(@AuthenticationPrincipal StaffPrincipal me, RedirectAttributes flash) {
    int marked = 0;
    // the inbox is small; each notification is marked through the service's own rule
    for (int round = 0; round < 20; round++) {
      var unread = notifications.inbox(me.staff().id(), true, PageRequest.of(0, 100));
      if (unread.isEmpty()) {
        break;
      }
      for (NotificationView n : unread) {
        notifications.markRead(n.id(), me.actor());
        marked++;
      }
    }
    flash.addFlashAttribute(
        "success",
        marked == 0
            ? "Aucune notification non lue."
            : marked + " notification(s) marquée(s) lue(s).");
    return "redirect:/notifications";
  }

  private List<Line> lines(List<NotificationView> list) {
    Map<Long, String> dossiers =
        names.dossiers(list.stream().map(NotificationView::dossierId).toList());
    Map<Long, String> contacts =
        names.contacts(list.stream().map(NotificationView::contactId).toList());
    return list.stream()
        .map(
            n ->
                new Line(
                    n,
                    n.dossierId() == null ? null : dossiers.get(n.dossierId()),
                    n.contactId() == null ? null : contacts.get(n.contactId())))
        .toList();
  }
}
