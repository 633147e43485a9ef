package io.passerelle.retention.web;

import static org.mockito.ArgumentMatchers.any;
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
import io.passerelle.retention.RetentionErrors;
import io.passerelle.retention.RetentionRun;
import io.passerelle.retention.RetentionService;
import io.passerelle.staff.StaffPrincipal;
import io.passerelle.staff.StaffRole;
import io.passerelle.support.WebSliceTest;
import io.passerelle.support.WebSlices;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * {@code /api/retention-runs} in the web slice, the retention service mocked: the security chain,
 * the limit's binding, the run as JSON, a run under way as 409 problem+json. The policy itself is
 * tested with the whole application ({@code security.RetentionTest}).
 */
@WebSliceTest
class RetentionControllerTest {

  static final StaffPrincipal ADMIN = WebSlices.member(1, "Anne", "Roux", StaffRole.ADMIN);
  static final Actor.Staff ANNE = new Actor.Staff(1, "anne.roux", true);

  @Autowired MockMvc mvc;
  @Autowired RetentionService retention;

  @Test
  @DisplayName("without credentials: 401 problem+json; the service not asked")
  void signInRequired() throws Exception {
    mvc.perform(post("/api/retention-runs").accept(MediaType.APPLICATION_JSON))
        .andExpect(WebSlices.signInRequired());
    verifyNoInteractions(retention);
  }

  @Test
  @DisplayName(
      "the runs as JSON, the limit given to the service; a limit that is no number is a 400")
  void runs() throws Exception {
    when(retention.runs(any(), any(Integer.class))).thenReturn(List.of(run()));

    mvc.perform(get("/api/retention-runs").param("limit", "5").with(user(ADMIN)))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$[0].id").value(31))
        .andExpect(jsonPath("$[0].erasedContactIds[1]").value(415))
        .andExpect(jsonPath("$[0].trigger").value("ADMIN"));
    verify(retention).runs(ANNE, 5);

    mvc.perform(get("/api/retention-runs").param("limit", "cinq").with(user(ADMIN)))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.code").value("INVALID_PARAMETER"));
  }

  @Test
  @DisplayName("a run under way elsewhere: 409 problem+json RETENTION_RUNNING")
  void runUnderWay() throws Exception {
    when(retention.runNow(ANNE))
        .thenThrow(DomainException.conflict(RetentionErrors.RETENTION_RUNNING, "under way"));

    mvc.perform(post("/api/retention-runs").with(user(ADMIN)).accept(MediaType.APPLICATION_JSON))
        .andExpect(status().isConflict())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.code").value("RETENTION_RUNNING"));
  }

  static RetentionRun run() {
    return new RetentionRun(
        31,
        Instant.parse("2026-11-30T02:00:00Z"),
        Instant.parse("2026-11-30T02:00:04Z"),
        Instant.parse("2026-09-01T02:00:00Z"),
        Instant.parse("2025-10-30T02:00:00Z"),
        2,
        List.of(414L, 415L),
        57,
        "ADMIN",
        null);
  }
}
