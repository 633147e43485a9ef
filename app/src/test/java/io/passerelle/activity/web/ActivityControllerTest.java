package io.passerelle.activity.web;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.passerelle.activity.ActivityFilter;
import io.passerelle.activity.ActivityService;
import io.passerelle.activity.ActivityType;
import io.passerelle.activity.ActivityView;
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
 * {@code /api/activity} in the web slice, the activity service mocked: the security chain, each
 * filter and the paging bound and checked (400 problem+json), the feed as JSON, newest first by
 * default. What the feed records and who sees which entries are tested with the whole application
 * ({@code activity.ActivityAndNotificationTest}).
 */
@WebSliceTest
class ActivityControllerTest {

  static final StaffPrincipal PAUL = WebSlices.member(9, "Paul", "Bernard", StaffRole.STAFF);

  @Autowired MockMvc mvc;
  @Autowired ActivityService activity;

  @Test
  @DisplayName("without credentials: 401 problem+json; the feed not read")
  void signInRequired() throws Exception {
    mvc.perform(get("/api/activity").accept(MediaType.APPLICATION_JSON))
        .andExpect(WebSlices.signInRequired());
    verifyNoInteractions(activity);
  }

  @Test
  @DisplayName("every filter given to the service, newest first by default; the feed as JSON")
  void filtered() throws Exception {
    when(activity.list(any(), any()))
        .thenReturn(new PageImpl<>(List.of(entry()), PageRequest.of(0, 10), 1));

    mvc.perform(
            get("/api/activity")
                .param("dossierId", "7")
                .param("contactId", "40")
                .param("type", "ACCOUNT_ACTIVATED")
                .param("from", "2026-11-01T00:00:00Z")
                .param("to", "2026-12-01T00:00:00Z")
                .with(user(PAUL)))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.content[0].type").value("ACCOUNT_ACTIVATED"))
        .andExpect(jsonPath("$.content[0].actor.kind").value("CLIENT"))
        .andExpect(jsonPath("$.content[0].actor.accountId").value(21))
        .andExpect(jsonPath("$.page.totalElements").value(1));
    verify(activity)
        .list(
            new ActivityFilter(
                7L,
                40L,
                ActivityType.ACCOUNT_ACTIVATED,
                Instant.parse("2026-11-01T00:00:00Z"),
                Instant.parse("2026-12-01T00:00:00Z")),
            PageRequest.of(0, 10, Sort.by(Sort.Order.desc("occurredAt"), Sort.Order.desc("id"))));
  }

  @Test
  @DisplayName("a type that does not exist, a date that is no instant, a refused sort: 400")
  void badParameters() throws Exception {
    for (String[] bad :
        List.of(
            new String[] {"type", "ACCOUNT_HACKED"},
            new String[] {"from", "hier"},
            new String[] {"dossierId", "sept"})) {
      mvc.perform(get("/api/activity").param(bad[0], bad[1]).with(user(PAUL)))
          .andExpect(status().isBadRequest())
          .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
          .andExpect(jsonPath("$.code").value("INVALID_PARAMETER"));
    }
    mvc.perform(get("/api/activity").param("sort", "details").with(user(PAUL)))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.code").value("INVALID_SORT"));
    verifyNoInteractions(activity);
  }

  static ActivityView entry() {
    return new ActivityView(
        501,
        Instant.parse("2026-11-20T10:00:00Z"),
        ActivityType.ACCOUNT_ACTIVATED,
        new ActivityView.Who("CLIENT", null, 21L),
        7L,
        40L,
        Map.of());
  }
}
