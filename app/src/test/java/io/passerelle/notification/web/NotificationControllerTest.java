package io.passerelle.notification.web;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.passerelle.domain.Actor;
import io.passerelle.domain.DomainException;
import io.passerelle.notification.NotificationErrors;
import io.passerelle.notification.NotificationService;
import io.passerelle.notification.NotificationView;
import io.passerelle.staff.StaffPrincipal;
import io.passerelle.staff.StaffRole;
import io.passerelle.support.WebSliceTest;
import io.passerelle.support.WebSlices;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * {@code /api/notifications} in the web slice, the notification service mocked: the security chain,
 * the inbox asked for the signed-in member alone with the filter and paging bound and checked,
 * marking read as the member, another member's notification as 404 problem+json. Who is notified of
 * what is tested with the whole application ({@code activity.ActivityAndNotificationTest}).
 */
@WebSliceTest
class NotificationControllerTest {

  static final StaffPrincipal PAUL = WebSlices.member(9, "Paul", "Bernard", StaffRole.STAFF);

  @Autowired MockMvc mvc;
  @Autowired NotificationService notifications;

  @Test
  @DisplayName("without credentials: 401 problem+json; the inbox not read")
  void signInRequired() throws Exception {
    mvc.perform(get("/api/notifications").accept(MediaType.APPLICATION_JSON))
        .andExpect(WebSlices.signInRequired());
    mvc.perform(post("/api/notifications/31/read").accept(MediaType.APPLICATION_JSON))
        .andExpect(WebSlices.signInRequired());
    verifyNoInteractions(notifications);
  }

  @Test
  @DisplayName("the member's own inbox, unread only, newest first, as a page of JSON")
  void inbox() throws Exception {
    when(notifications.inbox(anyLong(), anyBoolean(), any()))
        .thenReturn(new PageImpl<>(List.of(notification(null)), PageRequest.of(0, 10), 1));

    mvc.perform(get("/api/notifications").param("unread", "true").with(user(PAUL)))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.content[0].id").value(31))
        .andExpect(jsonPath("$.content[0].type").value("ACCOUNT_ACTIVATED"))
        .andExpect(jsonPath("$.content[0].details.email").value("lea@client.test"))
        .andExpect(jsonPath("$.page.totalElements").value(1));
    verify(notifications).inbox(9, true, PageRequest.of(0, 10, Sort.by("createdAt").descending()));
  }

  @Test
  @DisplayName("a filter that is no boolean, a sort the API refuses: 400 problem+json")
  void badParameters() throws Exception {
    mvc.perform(get("/api/notifications").param("unread", "oui").with(user(PAUL)))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.code").value("INVALID_PARAMETER"));
    mvc.perform(get("/api/notifications").param("sort", "staffId").with(user(PAUL)))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.code").value("INVALID_SORT"));
    verifyNoInteractions(notifications);
  }

  @Test
  @DisplayName("marked read by the member; someone else's notification: 404 problem+json")
  void markRead() throws Exception {
    Actor paul = new Actor.Staff(9, "paul.bernard", false);
    when(notifications.markRead(31, paul))
        .thenReturn(notification(Instant.parse("2026-12-01T11:00:00Z")));
    when(notifications.markRead(32, paul))
        .thenThrow(
            DomainException.notFound(NotificationErrors.NOTIFICATION_NOT_FOUND, "not yours"));

    mvc.perform(post("/api/notifications/31/read").with(user(PAUL)))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.readAt").value("2026-12-01T11:00:00Z"));
    mvc.perform(post("/api/notifications/32/read").with(user(PAUL)))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.code").value("NOTIFICATION_NOT_FOUND"));
  }

  static NotificationView notification(Instant readAt) {
    return new NotificationView(
        31,
        9,
        "ACCOUNT_ACTIVATED",
        7L,
        40L,
        Map.of("email", "lea@client.test"),
        Instant.parse("2026-12-01T10:00:00Z"),
        readAt);
  }
}
