package io.passerelle.dossier.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.passerelle.account.AccountStatus;
import io.passerelle.catalog.CatalogService;
import io.passerelle.staff.StaffPrincipal;
import io.passerelle.staff.StaffRole;
import io.passerelle.staff.StaffService;
import io.passerelle.staff.StaffView;
import io.passerelle.support.SliceViews;
import io.passerelle.support.WebSliceTest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The portfolio page in the web slice, its read model mocked: the sign-in it asks for, the filters
 * it hands to the read model, the rows it shows, and the readable page for a bad address. The read
 * model's SQL is {@link PortfolioQueryTest}'s; its statement count on thousands of dossiers, {@link
 * PortfolioScaleTest}'s.
 */
@WebSliceTest
class PortfolioControllerTest {

  static final StaffView CLAIRE =
      new StaffView(
          7, "claire.martin", "claire@firm.test", "Claire", "Martin", StaffRole.MANAGER, true);

  @Autowired MockMvc mvc;
  @Autowired StaffService staff;
  @Autowired PortfolioQuery portfolio;
  @Autowired CatalogService catalog;

  @BeforeEach
  void staffAndOffers() {
    // the pages' filter chain reads the signed-in member again at each request
    when(staff.current(CLAIRE.id())).thenReturn(Optional.of(CLAIRE));
    when(staff.list(any(), any(), any())).thenReturn(new PageImpl<>(List.of(CLAIRE)));
    when(catalog.offers()).thenReturn(List.of(SliceViews.offer("START", "Start", true)));
  }

  @Test
  @DisplayName("signed out, the portfolio sends to the sign-in page and reads nothing")
  void signInFirst() throws Exception {
    mvc.perform(get("/portefeuille"))
        .andExpect(status().isFound())
        .andExpect(redirectedUrlPattern("**/connexion"));
    verifyNoInteractions(portfolio);
  }

  @Test
  @DisplayName(
      "the page shows the read model's rows; \"my dossiers\" filters on the member signed in")
  void rowsAndFilters() throws Exception {
    var row =
        new PortfolioQuery.Row(
            41,
            "Menuiserie Dupont",
            "73282932000074",
            "Lyon",
            new PortfolioQuery.StaffName(7, "Claire Martin"),
            List.of(new PortfolioQuery.OfferTile("START", "Start", "ENABLED")),
            List.of(new PortfolioQuery.StaffName(7, "Claire Martin")),
            Map.of(AccountStatus.ACTIVE, 2));
    when(portfolio.find(any(), any())).thenReturn(new PageImpl<>(List.of(row)));

    String page =
        mvc.perform(
                get("/portefeuille")
                    .param("q", "dupont")
                    .param("mes", "true")
                    .param("offre", " START ")
                    .param("statut", "ACTIVE")
                    .param("page", "2")
                    .with(user(new StaffPrincipal(CLAIRE, "unused"))))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();

    assertThat(page).contains("Menuiserie Dupont", "SIRET 73282932000074", "1 dossier(s)");
    verify(portfolio)
        .find(
            eq(new PortfolioQuery.Filter("dupont", null, 7L, "START", AccountStatus.ACTIVE)),
            eq((Pageable) PageRequest.of(2, 25)));
  }

  @Test
  @DisplayName("an unknown contact status in the address is a readable 400 page, not an error")
  void unknownStatus() throws Exception {
    mvc.perform(
            get("/portefeuille")
                .param("statut", "PERDU")
                .with(user(new StaffPrincipal(CLAIRE, "unused"))))
        .andExpect(status().isBadRequest())
        .andExpect(content().string(org.hamcrest.Matchers.containsString("statut")));
    verifyNoInteractions(portfolio);
  }
}
