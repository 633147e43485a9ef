package io.passerelle.engine.web;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.passerelle.engine.EmbeddedZeebeEngine;
import io.passerelle.staff.StaffPrincipal;
import io.passerelle.staff.StaffRole;
import io.passerelle.staff.StaffService;
import io.passerelle.support.WebSliceTest;
import io.passerelle.support.WebSlices;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.ResultMatcher;

/**
 * The development clock ({@code /dev/clock}) in the web slice, with the development tools on and
 * the embedded engine mocked: the development chain (an administrator's session, 401 for JSON and
 * the sign-in page otherwise, CSRF on its POSTs), the durations it accepts (ISO-8601, forward only,
 * no months), the engine time as JSON and the page's form. The clock's effect on a running process
 * is tested with the whole application ({@code engine.DevClockTest}, which leaves the refused
 * durations and bodies to this slice); its absence with the tools off, in {@code
 * security.DevelopmentOffTest}.
 */
@WebSliceTest
class DevClockControllerTest {

  static final StaffPrincipal ADMIN = WebSlices.member(1, "Anne", "Roux", StaffRole.ADMIN);
  static final StaffPrincipal MANAGER = WebSlices.member(7, "Claire", "Martin", StaffRole.MANAGER);

  @Autowired MockMvc mvc;
  @Autowired StaffService staff;
  @Autowired EmbeddedZeebeEngine engine;

  @Test
  @DisplayName("signed out: 401 for JSON, the sign-in page otherwise; the engine not asked")
  void signInFirst() throws Exception {
    mvc.perform(get("/dev/clock").accept(MediaType.APPLICATION_JSON))
        .andExpect(status().isUnauthorized());
    mvc.perform(get("/dev/clock").accept(MediaType.TEXT_HTML))
        .andExpect(status().isFound())
        .andExpect(redirectedUrlPattern("**/connexion"));
    verifyNoInteractions(engine);
  }

  @Test
  @DisplayName("a member who is not an administrator: 403; the engine not asked")
  void administratorsOnly() throws Exception {
    mvc.perform(get("/dev/clock").with(WebSlices.onPages(staff, MANAGER)))
        .andExpect(status().isForbidden());
    verifyNoInteractions(engine);
  }

  @Test
  @DisplayName("the engine time, the wall clock and the offset as JSON")
  void read() throws Exception {
    when(engine.now()).thenReturn(Instant.parse("2026-12-08T10:00:00Z"));
    when(engine.offset()).thenReturn(Duration.ofDays(7));

    mvc.perform(get("/dev/clock").with(WebSlices.onPages(staff, ADMIN)))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.engineTime").value("2026-12-08T10:00:00Z"))
        .andExpect(jsonPath("$.offset").value("PT168H"))
        .andExpect(jsonPath("$.wallClock").exists());
  }

  @Test
  @DisplayName("advancing by P7D (JSON, with CSRF) moves the engine 7 days on")
  void advance() throws Exception {
    when(engine.now()).thenReturn(Instant.parse("2026-12-08T10:00:00Z"));
    when(engine.offset()).thenReturn(Duration.ofDays(7));

    advance("{\"duration\":\"P7D\"}")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.offset").value("PT168H"));
    verify(engine).advance(Duration.ofDays(7));
  }

  @Test
  @DisplayName("advancing without the CSRF token: 403; the clock not moved")
  void csrfRequired() throws Exception {
    mvc.perform(
            post("/dev/clock/advance")
                .with(WebSlices.onPages(staff, ADMIN))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"duration\":\"P7D\"}"))
        .andExpect(status().isForbidden());
    verifyNoInteractions(engine);
  }

  @Test
  @DisplayName("no duration, months, text or a step back: 400 problem+json; the clock not moved")
  void invalidDurations() throws Exception {
    advance("{}").andExpect(refused("CLOCK_DURATION_INVALID"));
    advance("{\"duration\":\"P1M\"}").andExpect(refused("CLOCK_DURATION_INVALID"));
    advance("{\"duration\":\"sept jours\"}").andExpect(refused("CLOCK_DURATION_INVALID"));
    advance("{\"duration\":\"-PT1H\"}").andExpect(refused("CLOCK_DURATION_NOT_POSITIVE"));
    advance("{\"duration\":\"PT0S\"}").andExpect(refused("CLOCK_DURATION_NOT_POSITIVE"));
    advance("{\"duration\":\"P-3D\"}").andExpect(refused("CLOCK_DURATION_NOT_POSITIVE"));
    advance("{\"duration\":\"\"}").andExpect(refused("CLOCK_DURATION_INVALID"));
    advance("{\"duration\":\"PT\"}").andExpect(refused("CLOCK_DURATION_INVALID"));
    verify(engine, never()).advance(any());
  }

  @Test
  @DisplayName("a body that is not JSON: 400 problem+json MALFORMED_REQUEST; the clock not moved")
  void malformedJson() throws Exception {
    advance("{nope").andExpect(refused("MALFORMED_REQUEST"));
    verifyNoInteractions(engine);
  }

  @Test
  @DisplayName("the page's form (P1DT12H, in days) advances the clock and comes back to /dev")
  void fromThePage() throws Exception {
    mvc.perform(
            post("/dev/clock/advance")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .param("duration", "P1DT12H")
                .with(WebSlices.onPages(staff, ADMIN))
                .with(csrf()))
        .andExpect(redirectedUrl("/dev"));
    verify(engine).advance(Duration.ofHours(36));
  }

  private ResultActions advance(String body) throws Exception {
    return mvc.perform(
        post("/dev/clock/advance")
            .with(WebSlices.onPages(staff, ADMIN))
            .with(csrf())
            .contentType(MediaType.APPLICATION_JSON)
            .accept(MediaType.APPLICATION_JSON)
            .content(body));
  }

  private static ResultMatcher refused(String code) {
    return ResultMatcher.matchAll(
        status().isBadRequest(),
        content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON),
        jsonPath("$.code").value(code),
        jsonPath("$.detail").isNotEmpty());
  }
}
