package io.passerelle.portal.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import io.passerelle.account.AccountView;
import io.passerelle.contact.Language;
import io.passerelle.domain.PasswordPolicy;
import io.passerelle.portal.NewLinkRequests;
import io.passerelle.portal.PasswordResets;
import io.passerelle.portal.PasswordResets.LiveReset;
import io.passerelle.portal.PasswordResets.Outcome;
import io.passerelle.support.ClientSlices;
import io.passerelle.support.WebSliceTest;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * "Send me a new link" and "I forgot my password" ({@code /acces/**}) in the web slice, the new
 * links and the resets mocked: the forms, an address that is no address refused before the services
 * (400, the form again), the same "request received" page for any valid address, the reset link's
 * form and outcomes, the forms' CSRF. Who gets a mail, and the reset's rules, are tested with the
 * whole application ({@code portal.NewLinkRequestTest}, {@code portal.PasswordResetTest}).
 */
@WebSliceTest
class AccessControllerTest {

  static final String TOKEN = "jeton-de-reinitialisation-0123456789abcdefghij";
  static final AccountView LEA = ClientSlices.account(21, 210, "lea.petit@client.test");
  static final LiveReset RESET = new LiveReset(5, LEA.id(), LEA.email(), Language.fr);

  @Autowired MockMvc mvc;
  @Autowired NewLinkRequests newLinks;
  @Autowired PasswordResets resets;
  @Autowired JdbcClient jdbc;

  @Test
  @DisplayName("the new link form and the forgotten password form, empty")
  void forms() throws Exception {
    assertThat(page(get("/acces/nouveau-lien"), 200))
        .contains("Demander un nouveau lien", "id=\"new-link-form\"", "name=\"_csrf\"")
        .contains("action=\"/acces/nouveau-lien\"", "<label for=\"email\"")
        .doesNotContain("id=\"email-error\"");
    mvc.perform(get("/acces/mot-de-passe-oublie"))
        .andExpect(status().isOk())
        .andExpect(view().name("portal/forgotten-password"))
        .andExpect(model().attribute("invalid", false))
        .andExpect(model().attribute("typed", ""));
  }

  @Test
  @DisplayName(
      "an address that is no address: 400, the form again with what was typed; nobody asked")
  void invalidAddress() throws Exception {
    String page =
        page(post("/acces/nouveau-lien").with(csrf()).param("email", "lea.petit<at>client"), 400);
    assertThat(page)
        .contains("Cette adresse e-mail n’est pas valide", "value=\"lea.petit&lt;at&gt;client\"");

    mvc.perform(post("/acces/mot-de-passe-oublie").with(csrf()))
        .andExpect(status().isBadRequest())
        .andExpect(view().name("portal/forgotten-password"))
        .andExpect(model().attribute("invalid", true));
    verifyNoInteractions(newLinks, resets);
  }

  @Test
  @DisplayName(
      "a valid address: the request handed over as typed, the same 'request received' page")
  void requestReceived() throws Exception {
    assertThat(
            page(
                post("/acces/nouveau-lien").with(csrf()).param("email", " Lea.Petit@client.test"),
                200))
        .contains(
            "Demande reçue", "Si cette adresse correspond à une invitation de Cabinet Exemple");
    verify(newLinks).request(" Lea.Petit@client.test");

    assertThat(
            page(post("/acces/mot-de-passe-oublie").with(csrf()).param("email", LEA.email()), 200))
        .contains("Si cette adresse correspond à un espace client actif de Cabinet Exemple");
    verify(resets).request(LEA.email());
  }

  @Test
  @DisplayName("a form without its CSRF token: back to it, which says so; nobody asked")
  void withoutCsrf() throws Exception {
    mvc.perform(post("/acces/nouveau-lien").param("email", LEA.email()))
        .andExpect(status().isFound())
        .andExpect(redirectedUrl("/acces/nouveau-lien?session-expiree"));
    mvc.perform(post("/acces/mot-de-passe/" + TOKEN).param("password", "x"))
        .andExpect(status().isFound())
        .andExpect(redirectedUrl("/acces/mot-de-passe/" + TOKEN + "?session-expiree"));
    verifyNoInteractions(newLinks, resets);
  }

  @Test
  @DisplayName("a live reset link: the new password form for its address; a dead one or none: 404")
  void resetLink() throws Exception {
    when(resets.findLive(TOKEN)).thenReturn(Optional.of(RESET));
    assertThat(page(get("/acces/mot-de-passe/" + TOKEN), 200))
        .contains("Pour l’espace client lea.petit@client.test.")
        .contains("action=\"/acces/mot-de-passe/" + TOKEN + "\"");

    when(resets.findLive(TOKEN)).thenReturn(Optional.empty());
    assertThat(page(get("/acces/mot-de-passe/" + TOKEN), 404))
        .contains("Ce lien ne fonctionne plus", "id=\"reset-form\"");
    mvc.perform(get("/acces/mot-de-passe"))
        .andExpect(status().isNotFound())
        .andExpect(model().attribute("kind", "password-reset"));
  }

  @Test
  @DisplayName("the new password set: the client of this browser signed out, to the sign-in page")
  void passwordChanged() throws Exception {
    when(resets.complete(TOKEN, "une phrase assez longue", "une phrase assez longue"))
        .thenReturn(new Outcome.Changed(LEA.id()));

    var result =
        mvc.perform(newPassword().with(ClientSlices.signedIn(jdbc, LEA)).with(csrf()))
            .andExpect(status().isFound())
            .andExpect(redirectedUrl("/espace/connexion?nouveau-mot-de-passe"))
            .andReturn();
    assertThat(ClientSlices.signedInAfter(result)).isEmpty();
    verify(resets).complete(TOKEN, "une phrase assez longue", "une phrase assez longue");
  }

  @Test
  @DisplayName("a password that breaks a rule: 422, the form again; a link dead meanwhile: 404")
  void refusedOrDead() throws Exception {
    when(resets.complete(any(), any(), any()))
        .thenReturn(new Outcome.Refused(RESET, PasswordPolicy.Violation.MISMATCH));
    assertThat(page(newPassword().with(csrf()), 422))
        .contains("id=\"password-error\"", "Les deux mots de passe ne sont pas identiques");

    when(resets.complete(any(), any(), any())).thenReturn(new Outcome.Dead());
    assertThat(page(newPassword().with(csrf()), 404)).contains("Ce lien ne fonctionne plus");
    verify(resets, never()).findLive(any());
  }

  private static MockHttpServletRequestBuilder newPassword() {
    return post("/acces/mot-de-passe/" + TOKEN)
        .param("password", "une phrase assez longue")
        .param("confirmation", "une phrase assez longue");
  }

  private String page(MockHttpServletRequestBuilder request, int status) throws Exception {
    return mvc.perform(request)
        .andExpect(status().is(status))
        .andReturn()
        .getResponse()
        .getContentAsString();
  }
}
