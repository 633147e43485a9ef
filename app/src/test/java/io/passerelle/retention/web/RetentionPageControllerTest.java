package io.passerelle.retention.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import io.passerelle.domain.Actor;
import io.passerelle.domain.DomainException;
import io.passerelle.retention.RetentionRun;
import io.passerelle.retention.RetentionService;
import io.passerelle.staff.StaffErrors;
import io.passerelle.staff.StaffPrincipal;
import io.passerelle.staff.StaffRole;
import io.passerelle.staff.StaffService;
import io.passerelle.support.WebSliceTest;
import io.passerelle.support.WebSlices;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/**
 * "Conservation des données" in the web slice, the retention service mocked: the page's sign-in,
 * what it shows of the policy and the runs, the administrator-only refusal as a readable page. Who
 * is an administrator and what a run erases are tested with the whole application ({@code
 * security.RetentionTest}).
 */
@WebSliceTest
class RetentionPageControllerTest {

  static final StaffPrincipal ADMIN = WebSlices.member(1, "Anne", "Roux", StaffRole.ADMIN);
  static final StaffPrincipal MANAGER = WebSlices.member(7, "Claire", "Martin", StaffRole.MANAGER);

  @Autowired MockMvc mvc;
  @Autowired StaffService staff;
  @Autowired RetentionService retention;

  @Test
  @DisplayName("signed out: the sign-in page, nothing read")
  void signInFirst() throws Exception {
    mvc.perform(get("/conservation")).andExpect(WebSlices.signInPage());
    verifyNoInteractions(retention);
  }

  @Test
  @DisplayName("the administrator sees the policy in force and each run with the ids it erased")
  void policyAndRuns() throws Exception {
    when(retention.runs(any(), anyInt()))
        .thenReturn(
            List.of(
                new RetentionRun(
                    31,
                    Instant.parse("2026-11-30T02:00:00Z"),
                    Instant.parse("2026-11-30T02:00:04Z"),
                    Instant.parse("2026-09-01T02:00:00Z"),
                    Instant.parse("2025-10-30T02:00:00Z"),
                    2,
                    List.of(414L, 415L),
                    57,
                    "ADMIN",
                    null)));

    String page =
        mvc.perform(get("/conservation").with(WebSlices.onPages(staff, ADMIN)))
            .andExpect(status().isOk())
            .andExpect(view().name("pages/conservation"))
            .andReturn()
            .getResponse()
            .getContentAsString();

    assertThat(page)
        .contains("Conservation des données", "P90D", "P13M")
        .contains("id=\"run-31\"", "un administrateur", "(n° 414, 415)", "<td>57</td>");
    verify(retention).runs(new Actor.Staff(1, "anne.roux", true), 30);
  }

  @Test
  @DisplayName("anyone else gets the readable 403 page ADMINISTRATOR_ONLY, not problem+json")
  void administratorOnly() throws Exception {
    when(retention.runs(any(), anyInt()))
        .thenThrow(
            DomainException.forbidden(
                StaffErrors.ADMINISTRATOR_ONLY, "Only the office administrator may do this."));

    mvc.perform(get("/conservation").with(WebSlices.onPages(staff, MANAGER)))
        .andExpect(
            WebSlices.errorPage(
                403, "ADMINISTRATOR_ONLY", "Seul l'administrateur du cabinet peut faire cela."));
  }
}
