package io.passerelle.portal.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import io.passerelle.account.AccountService;
import io.passerelle.account.AccountView;
import io.passerelle.support.ClientSlices;
import io.passerelle.support.WebSliceTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The clients' sign-in page ({@code /espace/connexion}) and the page of a refused sign-in with
 * Microsoft in the web slice: what each shows, in the browser's language, the signed-in client sent
 * to their space, the form's CSRF and failure as the clients' chain answers them. Signing in for
 * real (the password, active accounts only, the throttle) is tested with the whole application
 * ({@code portal.ClientSignInTest}, {@code security.ClientPagesOverHttpTest}).
 */
@WebSliceTest
class SignInControllerTest {

  static final AccountView LEA = ClientSlices.account(21, 210, "lea.petit@client.test");

  @Autowired MockMvc mvc;
  @Autowired JdbcClient jdbc;
  @Autowired AccountService accounts;

  @Test
  @DisplayName("the sign-in page in French, with the firm's name and no Microsoft button")
  void signInPage() throws Exception {
    String page =
        mvc.perform(get("/espace/connexion"))
            .andExpect(status().isOk())
            .andExpect(view().name("portal/sign-in"))
            .andExpect(model().attribute("failed", false))
            .andExpect(model().attribute("microsoft", false))
            .andReturn()
            .getResponse()
            .getContentAsString();

    assertThat(page)
        .contains("<html lang=\"fr\">", "Connexion à votre espace client")
        .contains("L’espace client de Cabinet Exemple.", "id=\"sign-in-form\"", "name=\"_csrf\"")
        .doesNotContain("id=\"microsoft-sign-in\"", "role=\"alert\"");
  }

  @Test
  @DisplayName("in English when the browser asks for it; after a failure, the failure's notice")
  void failedInEnglish() throws Exception {
    String page =
        mvc.perform(get("/espace/connexion").param("erreur", "").header("Accept-Language", "en-GB"))
            .andExpect(status().isOk())
            .andExpect(model().attribute("failed", true))
            .andReturn()
            .getResponse()
            .getContentAsString();

    assertThat(page)
        .contains("<html lang=\"en\">", "Sign in to your client space")
        .contains("Wrong e-mail address or password.");
  }

  @Test
  @DisplayName("after signing out, and after a new password, the page says so")
  void signedOutAndNewPassword() throws Exception {
    assertThat(content(get("/espace/connexion").param("sortie", "")))
        .contains("Vous êtes déconnecté.")
        .doesNotContain("Votre mot de passe a été changé");
    assertThat(content(get("/espace/connexion").param("nouveau-mot-de-passe", "")))
        .contains("Votre mot de passe a été changé : connectez-vous avec le nouveau.")
        .doesNotContain("Vous êtes déconnecté.");
  }

  @Test
  @DisplayName("a client already signed in goes to their space")
  void signedInGoesToSpace() throws Exception {
    mvc.perform(get("/espace/connexion").with(ClientSlices.signedIn(jdbc, LEA)))
        .andExpect(status().isFound())
        .andExpect(redirectedUrl("/espace"));
  }

  @Test
  @DisplayName(
      "a Microsoft refusal: 403 with its reason; a reason the page does not know reads FAILED")
  void microsoftRefused() throws Exception {
    String unknown =
        mvc.perform(get("/espace/connexion/microsoft-refusee").param("motif", "UNKNOWN"))
            .andExpect(status().isForbidden())
            .andExpect(view().name("portal/microsoft-refused"))
            .andExpect(model().attribute("reason", "UNKNOWN"))
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(unknown)
        .contains("Aucun espace client de Cabinet Exemple ne correspond à ce compte Microsoft.");

    mvc.perform(get("/espace/connexion/microsoft-refusee").param("motif", "<script>"))
        .andExpect(status().isForbidden())
        .andExpect(model().attribute("reason", "FAILED"));
    mvc.perform(get("/espace/connexion/microsoft-refusee"))
        .andExpect(model().attribute("reason", "FAILED"));
  }

  @Test
  @DisplayName("the form without its CSRF token: back to the page, which says the session expired")
  void formWithoutCsrf() throws Exception {
    mvc.perform(
            post("/espace/connexion")
                .param("email", LEA.email())
                .param("password", "une phrase assez longue"))
        .andExpect(status().isFound())
        .andExpect(redirectedUrl("/espace/connexion?session-expiree"));

    assertThat(content(get("/espace/connexion").param("session-expiree", "")))
        .contains("id=\"session-expired\"", "rien n’a été enregistré");
  }

  @Test
  @DisplayName("an address with no active account: back to the page with the failure")
  void unknownAddress() throws Exception {
    mvc.perform(
            post("/espace/connexion")
                .with(csrf())
                .param("email", "personne@client.test")
                .param("password", "une phrase assez longue"))
        .andExpect(status().isFound())
        .andExpect(redirectedUrl("/espace/connexion?erreur"));
  }

  private String content(
      org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request)
      throws Exception {
    return mvc.perform(request)
        .andExpect(status().isOk())
        .andReturn()
        .getResponse()
        .getContentAsString();
  }
}
