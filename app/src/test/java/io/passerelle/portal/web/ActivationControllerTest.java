package io.passerelle.portal.web;

import static org.assertj.core.api.Assertions.assertThat;
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

import io.passerelle.account.AccountService;
import io.passerelle.account.AccountView;
import io.passerelle.contact.Language;
import io.passerelle.domain.PasswordPolicy;
import io.passerelle.portal.ActivationService;
import io.passerelle.portal.ActivationService.Outcome;
import io.passerelle.support.ClientSlices;
import io.passerelle.support.WebSliceTest;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The invitation link ({@code /activation/{token}}) in the web slice, the activation service
 * mocked: the confirmation page and what it shows, the one "link no longer works" page (404), each
 * outcome of the form (signed in and sent to the space, the password's rule broken as 422, already
 * active or with Microsoft as 409), the form's CSRF. Which links work and what an activation writes
 * are tested with the whole application ({@code portal.ActivationPagesTest}, {@code
 * portal.ClientJourneyTest}).
 */
@WebSliceTest
class ActivationControllerTest {

  static final String TOKEN = "jeton-d-invitation-0123456789abcdefghijklmnop";
  static final AccountView LEA = ClientSlices.account(21, 210, "lea.petit@client.test");

  @Autowired MockMvc mvc;
  @Autowired ActivationService activation;
  @Autowired AccountService accounts;
  @Autowired JdbcClient jdbc;

  @Test
  @DisplayName(
      "a live link: who invites, to which dossier, the login, the password form; nothing used")
  void livePage() throws Exception {
    when(activation.open(TOKEN)).thenReturn(Optional.of(invitation(Language.fr, false)));

    String page =
        mvc.perform(get("/activation/" + TOKEN))
            .andExpect(status().isOk())
            .andExpect(view().name("portal/activation"))
            .andExpect(model().attribute("violation", (Object) null))
            .andReturn()
            .getResponse()
            .getContentAsString();

    assertThat(page)
        .contains("Bonjour Léa Petit,", "Cabinet Exemple vous invite à collaborer sur le dossier")
        .contains("Boulangerie Petit", "Invitation envoyée par Claire Martin.")
        .contains("Votre identifiant sera votre adresse e-mail : lea.petit@client.test")
        .contains("action=\"/activation/" + TOKEN + "\"", "id=\"password\"")
        .doesNotContain("id=\"microsoft-sign-in\"");
    verify(activation).open(TOKEN);
  }

  @Test
  @DisplayName("an invitation in English reads in English; one with Microsoft offers its button")
  void englishAndMicrosoft() throws Exception {
    when(activation.open(TOKEN)).thenReturn(Optional.of(invitation(Language.en, true)));

    assertThat(page(get("/activation/" + TOKEN), 200))
        .contains("<html lang=\"en\">", "Hello Léa Petit,")
        .contains("id=\"microsoft-sign-in\"", "login_hint=lea.petit@client.test")
        .doesNotContain("id=\"activation-form\"");
  }

  @Test
  @DisplayName(
      "a link that does not work, or none: 404, the page that offers a new link (in English when"
          + " the browser puts English first)")
  void deadLink() throws Exception {
    when(activation.open(TOKEN)).thenReturn(Optional.empty());

    assertThat(page(get("/activation/" + TOKEN), 404))
        .contains("Ce lien ne fonctionne plus", "id=\"new-link-form\"")
        .contains("action=\"/acces/nouveau-lien\"", "name=\"email\"");
    assertThat(
            page(
                get("/activation/" + TOKEN).header("Accept-Language", "en-GB,en;q=0.9,fr;q=0.5"),
                404))
        .contains("<html lang=\"en\"", "This link no longer works");
    mvc.perform(get("/activation"))
        .andExpect(status().isNotFound())
        .andExpect(view().name("portal/link-dead"))
        .andExpect(model().attribute("kind", "activation"));
    mvc.perform(post("/activation/").with(csrf())).andExpect(status().isNotFound());
  }

  @Test
  @DisplayName(
      "the form without its CSRF token: back to the link, which says so; nothing activated")
  void withoutCsrf() throws Exception {
    mvc.perform(activate())
        .andExpect(status().isFound())
        .andExpect(redirectedUrl("/activation/" + TOKEN + "?session-expiree"));
    verifyNoInteractions(activation);
  }

  @Test
  @DisplayName(
      "activated: the client signed in (a new session), the sign-in recorded, to the space")
  void activated() throws Exception {
    when(activation.activate(TOKEN, "une phrase assez longue", "une phrase assez longue"))
        .thenReturn(new Outcome.Activated(LEA));
    ClientSlices.signedIn(jdbc, LEA);

    var result =
        mvc.perform(activate().with(csrf()))
            .andExpect(status().isFound())
            .andExpect(redirectedUrl("/espace?bienvenue"))
            .andReturn();

    assertThat(ClientSlices.signedInAfter(result))
        .hasValueSatisfying(client -> assertThat(client.accountId()).isEqualTo(LEA.id()));
    verify(accounts).recordLogin(LEA.id());
  }

  @Test
  @DisplayName("a password that breaks a rule: 422, the form again with the rule in plain words")
  void refused() throws Exception {
    when(activation.activate(TOKEN, "une phrase assez longue", "une phrase assez longue"))
        .thenReturn(
            new Outcome.Refused(
                invitation(Language.fr, false), PasswordPolicy.Violation.TOO_SHORT));

    assertThat(page(activate().with(csrf()), 422))
        .contains("id=\"password-error\"")
        .contains("Ce mot de passe est trop court : il faut au moins 12 caractères.");
  }

  @Test
  @DisplayName("already activated: 409, sign in instead; with Microsoft: 409, the Microsoft button")
  void alreadyOrMicrosoft() throws Exception {
    when(activation.activate(TOKEN, "une phrase assez longue", "une phrase assez longue"))
        .thenReturn(new Outcome.AlreadyActivated(Language.en));
    assertThat(page(activate().with(csrf()), 409))
        .contains("Your space is already active", "href=\"/espace/connexion\"");

    when(activation.activate(TOKEN, "une phrase assez longue", "une phrase assez longue"))
        .thenReturn(new Outcome.SignInWithMicrosoft(invitation(Language.fr, true)));
    assertThat(page(activate().with(csrf()), 409)).contains("id=\"microsoft-sign-in\"");
  }

  @Test
  @DisplayName("a form sent to a link that died meanwhile: 404, the new link page")
  void deadOnSubmit() throws Exception {
    when(activation.activate(TOKEN, "une phrase assez longue", "une phrase assez longue"))
        .thenReturn(new Outcome.Dead());

    assertThat(page(activate().with(csrf()), 404)).contains("Ce lien ne fonctionne plus");
  }

  private static MockHttpServletRequestBuilder activate() {
    return post("/activation/" + TOKEN)
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

  static ActivationService.Invitation invitation(Language language, boolean microsoft) {
    return new ActivationService.Invitation(
        TOKEN,
        LEA.id(),
        LEA.email(),
        language,
        "Léa Petit",
        "Cabinet Exemple",
        "Boulangerie Petit",
        "Claire Martin",
        null,
        null,
        Instant.parse("2026-12-20T17:00:00Z"),
        microsoft);
  }
}
