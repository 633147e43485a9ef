package io.passerelle.activity.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import io.passerelle.activity.ActivityFilter;
import io.passerelle.activity.ActivityService;
import io.passerelle.activity.ActivityType;
import io.passerelle.activity.ActivityView;
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
 * "Fil d'activité" in the web slice, the activity service and the names mocked: the page's sign-in,
 * each line with who did it and what it mentions named, the filters turned into the service's
 * filter (the days as Paris days, the last one included), a filter that is no value as the readable
 * 400. What the feed records is tested with the whole application ({@code
 * activity.ActivityAndNotificationTest}).
 */
@WebSliceTest
class ActivityPageControllerTest {

  static final StaffPrincipal PAUL = WebSlices.member(9, "Paul", "Bernard", StaffRole.STAFF);
  static final Sort NEWEST_FIRST = Sort.by(Sort.Order.desc("occurredAt"), Sort.Order.desc("id"));

  @Autowired MockMvc mvc;
  @Autowired StaffService staff;
  @Autowired ActivityService activity;
  @Autowired NameLookup names;

  @Test
  @DisplayName("signed out: the sign-in page, the feed not read")
  void signInFirst() throws Exception {
    mvc.perform(get("/activite")).andExpect(WebSlices.signInPage());
    verifyNoInteractions(activity);
  }

  @Test
  @DisplayName(
      "the feed: who did what, on which dossier and contact, by name; a missing one reads so")
  void feed() throws Exception {
    when(activity.list(any(), any()))
        .thenReturn(
            new PageImpl<>(
                List.of(
                    entry(501, new ActivityView.Who("CLIENT", null, 21L), 7L),
                    entry(502, new ActivityView.Who("STAFF", 9L, null), 8L),
                    entry(503, new ActivityView.Who("SYSTEM", null, null), null)),
                PageRequest.of(0, 25),
                3));
    when(names.accounts(any())).thenReturn(Map.of(21L, "Léa Petit"));
    when(names.staff(any())).thenReturn(Map.of(9L, "Paul Bernard"));
    when(names.dossiers(any())).thenReturn(Map.of(7L, "Boulangerie Petit"));

    String page =
        mvc.perform(get("/activite").with(WebSlices.onPages(staff, PAUL)))
            .andExpect(status().isOk())
            .andExpect(view().name("pages/activite"))
            .andReturn()
            .getResponse()
            .getContentAsString();

    assertThat(page)
        .contains("3 événement(s)", "Compte client activé")
        .contains("Léa Petit (client)", "Paul Bernard", "Passerelle")
        .contains("href=\"/activite?dossier=7\"", "Boulangerie Petit", "(supprimé)");
    verify(activity)
        .list(
            new ActivityFilter(null, null, null, null, null), PageRequest.of(0, 25, NEWEST_FIRST));
  }

  @Test
  @DisplayName("the filters: dossier and contact named, the period as whole Paris days")
  void filtered() throws Exception {
    when(activity.list(any(), any())).thenReturn(Page.empty());
    when(names.dossiers(List.of(7L))).thenReturn(Map.of(7L, "Boulangerie Petit"));
    when(names.contacts(List.of(40L))).thenReturn(Map.of(40L, "Léa Petit"));

    mvc.perform(
            get("/activite")
                .param("dossier", "7")
                .param("interlocuteur", "40")
                .param("type", "ACCOUNT_ACTIVATED")
                .param("du", "2026-07-01")
                .param("au", "2026-07-31")
                .param("page", "1")
                .with(WebSlices.onPages(staff, PAUL)))
        .andExpect(status().isOk())
        .andExpect(model().attribute("dossierName", "Boulangerie Petit"))
        .andExpect(model().attribute("contactName", "Léa Petit"))
        .andExpect(model().attribute("base", containsString("type=ACCOUNT_ACTIVATED")))
        .andExpect(
            content().string(containsString("<option value=\"ACCOUNT_ACTIVATED\" selected")));
    verify(activity)
        .list(
            new ActivityFilter(
                7L,
                40L,
                ActivityType.ACCOUNT_ACTIVATED,
                Instant.parse("2026-06-30T22:00:00Z"),
                Instant.parse("2026-07-31T22:00:00Z")),
            PageRequest.of(1, 25, NEWEST_FIRST));
  }

  @Test
  @DisplayName("a type that does not exist, a date that is no date: the readable 400, nothing read")
  void badFilter() throws Exception {
    for (String[] bad : List.of(new String[] {"type", "PIRATAGE"}, new String[] {"du", "hier"})) {
      mvc.perform(get("/activite").param(bad[0], bad[1]).with(WebSlices.onPages(staff, PAUL)))
          .andExpect(
              WebSlices.errorPage(
                  400,
                  "INVALID_PARAMETER",
                  "La valeur donnée pour « " + bad[0] + " » n'est pas valable."));
    }
    verifyNoInteractions(activity);
  }

  static ActivityView entry(long id, ActivityView.Who who, Long dossierId) {
    return new ActivityView(
        id,
        Instant.parse("2026-11-20T10:00:00Z"),
        ActivityType.ACCOUNT_ACTIVATED,
        who,
        dossierId,
        null,
        Map.of());
  }
}
