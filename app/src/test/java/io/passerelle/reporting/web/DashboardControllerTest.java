package io.passerelle.reporting.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import io.passerelle.reporting.DashboardQuery;
import io.passerelle.staff.StaffPrincipal;
import io.passerelle.staff.StaffRole;
import io.passerelle.staff.StaffService;
import io.passerelle.support.WebSliceTest;
import io.passerelle.support.WebSlices;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The dashboard in the web slice, its read model mocked: the sign-in, the period and the days
 * "stuck" read from the address with their defaults and bounds, the figures drawn (the median as
 * staff read it, the stuck activations, the charts' labels). The figures' SQL is tested with the
 * whole application ({@code web.pages.StaffPagesTest}, {@code microsoft.GuestInvitationRowsTest}).
 */
@WebSliceTest
class DashboardControllerTest {

  static final StaffPrincipal MANAGER = WebSlices.member(9, "Claire", "Martin", StaffRole.MANAGER);

  @Autowired MockMvc mvc;
  @Autowired StaffService staff;
  @Autowired DashboardQuery query;

  @BeforeEach
  void stubFigures() {
    when(query.figures(anyInt(), anyInt())).thenReturn(figures());
  }

  @Test
  @DisplayName("signed out: the sign-in page, nothing read")
  void signInFirst() throws Exception {
    mvc.perform(get("/tableau-de-bord")).andExpect(WebSlices.signInPage());
    verifyNoInteractions(query);
  }

  @Test
  @DisplayName(
      "90 days and 14 days stuck by default; the figures drawn: the median, the stuck, the weeks")
  void defaults() throws Exception {
    String page =
        mvc.perform(get("/tableau-de-bord").with(WebSlices.onPages(staff, MANAGER)))
            .andExpect(status().isOk())
            .andExpect(view().name("pages/tableau-de-bord"))
            .andReturn()
            .getResponse()
            .getContentAsString();

    verify(query).figures(90, 14);
    assertThat(page)
        .contains("value=\"90\"", "value=\"14\"", "2 j 3 h")
        .contains("Activations bloquées depuis plus de 14 jours : 1", "Jean Dupont")
        .contains("Proposés", "Invités", "Activés", "30/11");
  }

  @Test
  @DisplayName("the period and the days stuck asked, bounded to 1..3650 and 1..365")
  void bounds() throws Exception {
    mvc.perform(
            get("/tableau-de-bord")
                .param("periode", "30")
                .param("bloquees", "7")
                .with(WebSlices.onPages(staff, MANAGER)))
        .andExpect(status().isOk());
    verify(query).figures(30, 7);

    mvc.perform(
            get("/tableau-de-bord")
                .param("periode", "100000")
                .param("bloquees", "0")
                .with(WebSlices.onPages(staff, MANAGER)))
        .andExpect(status().isOk());
    verify(query).figures(3650, 1);
  }

  @Test
  @DisplayName("a period that is no number: a 400, nothing read")
  void periodNotANumber() throws Exception {
    mvc.perform(
            get("/tableau-de-bord")
                .param("periode", "trois mois")
                .with(WebSlices.onPages(staff, MANAGER)))
        .andExpect(status().isBadRequest());
    verifyNoInteractions(query);
  }

  static DashboardQuery.Figures figures() {
    return new DashboardQuery.Figures(
        new DashboardQuery.Funnel(10, 8, 5),
        Duration.ofDays(2).plusHours(3),
        5,
        new DashboardQuery.Reminders(3, 3, 1),
        1,
        List.of(
            new DashboardQuery.Stuck(
                31L,
                17L,
                false,
                73,
                "Jean Dupont",
                "jean@dupont.test",
                false,
                Instant.parse("2026-11-01T10:00:00Z"),
                2)),
        List.of(new DashboardQuery.Week(LocalDate.of(2026, 11, 30), 4)));
  }
}
