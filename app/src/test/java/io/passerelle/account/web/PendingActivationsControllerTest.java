package io.passerelle.account.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import io.passerelle.account.InvitationService;
import io.passerelle.account.InvitationStatus;
import io.passerelle.account.PendingActivation;
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
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.test.web.servlet.MockMvc;

/**
 * "Activations en attente" in the web slice, the invitation service mocked: the page's sign-in, its
 * filters and sort turned into the service's arguments and back into the page's links, each row as
 * staff read it, a parameter that is no boolean as the readable 400. Which rows are pending and the
 * page's actions are tested with the whole application ({@code web.pages.StaffPagesTest}, {@code
 * microsoft.GuestInvitationRowsTest}).
 */
@WebSliceTest
class PendingActivationsControllerTest {

  static final StaffPrincipal MANAGER = WebSlices.member(7, "Claire", "Martin", StaffRole.MANAGER);

  @Autowired MockMvc mvc;
  @Autowired StaffService staff;
  @Autowired InvitationService invitations;

  @Test
  @DisplayName("signed out: the sign-in page, nothing read")
  void signInFirst() throws Exception {
    mvc.perform(get("/activations-en-attente")).andExpect(WebSlices.signInPage());
    verifyNoInteractions(invitations);
  }

  @Test
  @DisplayName("by default: every pending row, never sent first, each with its dossier and inviter")
  void rows() throws Exception {
    when(invitations.pendingActivations(any(), any(), any()))
        .thenReturn(new PageImpl<>(List.of(row(null), row(Instant.parse("2026-11-02T09:00:00Z")))));

    String page =
        mvc.perform(get("/activations-en-attente").with(WebSlices.onPages(staff, MANAGER)))
            .andExpect(status().isOk())
            .andExpect(view().name("pages/activations-en-attente"))
            .andExpect(model().attribute("sortLink", "/activations-en-attente?ordre=desc"))
            .andReturn()
            .getResponse()
            .getContentAsString();

    assertThat(page)
        .contains("2 personne(s) en attente d&#39;activation", "lea@client.test", "Léa Petit")
        .contains("href=\"/dossiers/7\"", "Boulangerie Petit", "Claire Martin")
        .contains("Jamais envoyée", "aria-sort=\"ascending\"");
    verify(invitations)
        .pendingActivations(null, null, PageRequest.of(0, 25, Sort.by("sentAt").ascending()));
  }

  @Test
  @DisplayName("the filters, the order and the page reach the service and stay in the page's links")
  void filtered() throws Exception {
    when(invitations.pendingActivations(any(), any(), any())).thenReturn(new PageImpl<>(List.of()));

    String page =
        mvc.perform(
                get("/activations-en-attente")
                    .param("jamais-envoyees", "true")
                    .param("ordre", "desc")
                    .param("page", "2")
                    .with(WebSlices.onPages(staff, MANAGER)))
            .andExpect(status().isOk())
            .andExpect(model().attribute("descending", true))
            .andExpect(model().attribute("sortLink", containsString("ordre=asc")))
            .andExpect(model().attribute("sortLink", containsString("jamais-envoyees=true")))
            .andReturn()
            .getResponse()
            .getContentAsString();

    assertThat(page).contains("Aucune activation en attente.");
    assertThat(page)
        .containsPattern("id=\"jamais\"[^>]*checked")
        .doesNotContainPattern("id=\"invalides\"[^>]*checked");
    verify(invitations)
        .pendingActivations(true, null, PageRequest.of(2, 25, Sort.by("sentAt").descending()));
  }

  @Test
  @DisplayName("a filter that is no boolean: the readable 400 page, nothing read")
  void badFilter() throws Exception {
    mvc.perform(
            get("/activations-en-attente")
                .param("invalides", "peut-être")
                .with(WebSlices.onPages(staff, MANAGER)))
        .andExpect(
            WebSlices.errorPage(
                400,
                "INVALID_PARAMETER",
                "La valeur donnée pour « invalides » n'est pas valable."));
    verifyNoInteractions(invitations);
  }

  static PendingActivation row(Instant sentAt) {
    return new PendingActivation(
        PendingActivation.Kind.INVITATION,
        sentAt == null ? 31L : 32L,
        null,
        21L,
        210,
        "Léa Petit",
        "lea@client.test",
        false,
        InvitationStatus.SENT,
        List.of(new PendingActivation.DossierRef(7, "Boulangerie Petit")),
        Instant.parse("2026-11-01T09:00:00Z"),
        sentAt,
        Instant.parse("2026-11-15T09:00:00Z"),
        0,
        new PendingActivation.InvitedBy("STAFF", 7L, "Claire Martin"),
        null,
        null,
        null);
  }
}
