package io.passerelle.notification.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import io.passerelle.domain.Actor;
import io.passerelle.domain.DomainException;
import io.passerelle.notification.NotificationErrors;
import io.passerelle.notification.NotificationService;
import io.passerelle.notification.NotificationView;
import io.passerelle.staff.StaffPrincipal;
import io.passerelle.staff.StaffRole;
import io.passerelle.staff.StaffService;
import io.passerelle.support.WebSliceTest;
import io.passerelle.support.WebSlices;
import io.passerelle.web.pages.NameLookup;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.test.web.servlet.MockMvc;

/**
 * "Mes notifications" in the web slice, the notification service and the names mocked: the page's
 * sign-in, the member's own inbox with the names of what each line mentions, its filter and pages,
 * marking one read (a redirect and its flash, or the row and the count for htmx) and all read, the
 * forms' CSRF, another member's notification as the readable 404. Who is notified of what is tested
 * with the whole application ({@code activity.ActivityAndNotificationTest}).
 */
@WebSliceTest
class NotificationsPageControllerTest {

  static final StaffPrincipal CLAIRE = WebSlices.member(7, "Claire", "Martin", StaffRole.MANAGER);
  static final Actor CLAIRE_ACTOR = new Actor.Staff(7, "claire.martin", false);
  static final Sort NEWEST_FIRST = Sort.by(Sort.Order.desc("createdAt"), Sort.Order.desc("id"));

  @Autowired MockMvc mvc;
  @Autowired StaffService staff;
  @Autowired NotificationService notifications;
  @Autowired NameLookup names;

  @Test
  @DisplayName("signed out: the sign-in page, the inbox not read")
  void signInFirst() throws Exception {
    mvc.perform(get("/notifications")).andExpect(WebSlices.signInPage());
    verifyNoInteractions(notifications);
  }

  @Test
  @DisplayName(
      "the member's inbox: each line with its dossier and contact named, unread ones markable")
  void inbox() throws Exception {
    when(notifications.inbox(anyLong(), anyBoolean(), any()))
        .thenReturn(new PageImpl<>(List.of(notification(31, null)), PageRequest.of(0, 25), 1));
    when(names.dossiers(any())).thenReturn(Map.of(7L, "Boulangerie Petit"));
    when(names.contacts(any())).thenReturn(Map.of(40L, "Léa Petit"));

    String page =
        mvc.perform(get("/notifications").with(WebSlices.onPages(staff, CLAIRE)))
            .andExpect(status().isOk())
            .andExpect(view().name("pages/notifications"))
            .andReturn()
            .getResponse()
            .getContentAsString();

    assertThat(page)
        .contains("1 notification(s)", "id=\"notification-31\"", "Compte client activé")
        .contains("href=\"/dossiers/7\"", "Boulangerie Petit", "Léa Petit")
        .contains("action=\"/notifications/31/lue\"");
    verify(notifications).inbox(7, false, PageRequest.of(0, 25, NEWEST_FIRST));
  }

  @Test
  @DisplayName("unread only, page 2: given to the service")
  void unreadOnly() throws Exception {
    when(notifications.inbox(anyLong(), anyBoolean(), any())).thenReturn(Page.empty());

    mvc.perform(
            get("/notifications")
                .param("non-lues", "true")
                .param("page", "1")
                .with(WebSlices.onPages(staff, CLAIRE)))
        .andExpect(status().isOk());
    verify(notifications).inbox(7, true, PageRequest.of(1, 25, NEWEST_FIRST));
  }

  @Test
  @DisplayName("marking read without the CSRF token: 403, nothing marked")
  void withoutCsrf() throws Exception {
    mvc.perform(post("/notifications/31/lue").with(WebSlices.onPages(staff, CLAIRE)))
        .andExpect(status().isForbidden());
    verify(notifications, never()).markRead(anyLong(), any());
  }

  @Test
  @DisplayName("one marked read by the member: back to the inbox with a flash; with htmx, the row")
  void markRead() throws Exception {
    when(notifications.markRead(31, CLAIRE_ACTOR))
        .thenReturn(notification(31, Instant.parse("2026-12-01T11:00:00Z")));
    when(notifications.unreadCount(7)).thenReturn(4L);

    mvc.perform(post("/notifications/31/lue").with(csrf()).with(WebSlices.onPages(staff, CLAIRE)))
        .andExpect(redirectedUrl("/notifications"))
        .andExpect(flash().attribute("success", "Notification marquée comme lue."));

    String fragment =
        mvc.perform(
                post("/notifications/31/lue")
                    .header("HX-Request", "true")
                    .with(csrf())
                    .with(WebSlices.onPages(staff, CLAIRE)))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(fragment)
        .contains("id=\"notification-31\"", "Lue", "id=\"unread-count\"", ">4<")
        .doesNotContain("<html");
  }

  @Test
  @DisplayName("all marked read, each through the service, counted in the flash")
  void markAllRead() throws Exception {
    when(notifications.inbox(7, true, PageRequest.of(0, 100)))
        .thenReturn(new PageImpl<>(List.of(notification(31, null), notification(32, null))))
        .thenReturn(Page.empty());

    mvc.perform(
            post("/notifications/toutes-lues").with(csrf()).with(WebSlices.onPages(staff, CLAIRE)))
        .andExpect(redirectedUrl("/notifications"))
        .andExpect(flash().attribute("success", "2 notification(s) marquée(s) lue(s)."));
    verify(notifications).markRead(31, CLAIRE_ACTOR);
    verify(notifications).markRead(32, CLAIRE_ACTOR);
  }

  @Test
  @DisplayName("someone else's notification: the readable 404 page")
  void notYours() throws Exception {
    when(notifications.markRead(33, CLAIRE_ACTOR))
        .thenThrow(
            DomainException.notFound(NotificationErrors.NOTIFICATION_NOT_FOUND, "not yours"));

    mvc.perform(post("/notifications/33/lue").with(csrf()).with(WebSlices.onPages(staff, CLAIRE)))
        .andExpect(
            WebSlices.errorPage(
                404, "NOTIFICATION_NOT_FOUND", "Vous n'avez pas cette notification."));
  }

  static NotificationView notification(long id, Instant readAt) {
    return new NotificationView(
        id,
        7,
        "ACCOUNT_ACTIVATED",
        7L,
        40L,
        Map.of(),
        Instant.parse("2026-12-01T10:00:00Z"),
        readAt);
  }
}
