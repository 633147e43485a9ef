package io.passerelle.portal;

import static io.passerelle.portal.ClientFixtures.PASSWORD;
import static io.passerelle.portal.ClientFixtures.activate;
import static io.passerelle.portal.ClientFixtures.freshIp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.passerelle.account.AccountService;
import io.passerelle.account.AccountStatus;
import io.passerelle.account.InvitationService;
import io.passerelle.account.InvitationStatus;
import io.passerelle.collaboration.CollaborationService;
import io.passerelle.contact.ContactService;
import io.passerelle.contact.DossierLinkService;
import io.passerelle.contact.Language;
import io.passerelle.dossier.DossierService;
import io.passerelle.staff.StaffService;
import io.passerelle.support.Fixtures;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * The activation link as a client meets it: the confirmation page, the password form, the dead
 * links, over MockMvc through the clients' real filter chain.
 */
@io.passerelle.support.PasserelleSpringTest
class ActivationPagesTest {

  @Autowired MockMvc mvc;
  @Autowired StaffService staff;
  @Autowired DossierService dossiers;
  @Autowired ContactService contacts;
  @Autowired DossierLinkService links;
  @Autowired InvitationService invitations;
  @Autowired AccountService accounts;
  @Autowired CollaborationService collaboration;
  @Autowired JdbcTemplate jdbc;

  @org.springframework.boot.test.web.server.LocalServerPort int port;

  ClientFixtures clients;

  @BeforeEach
  void setUp() {
    clients =
        new ClientFixtures(staff, dossiers, contacts, links, invitations, accounts, collaboration);
  }

  @Test
  @DisplayName(
      "GET shows who invites, the firm, the dossier, the offer and the login, and consumes nothing")
  void confirmationPage() throws Exception {
    var invited =
        clients.invitedHolder(Language.fr, "Bienvenue <script>alert(1)</script>\nÀ bientôt");

    for (int i = 0; i < 3; i++) {
      String page =
          mvc.perform(get("/activation/" + invited.token()).with(freshIp()))
              .andExpect(status().isOk())
              .andExpect(
                  header()
                      .string("Cache-Control", org.hamcrest.Matchers.containsString("no-store")))
              .andReturn()
              .getResponse()
              .getContentAsString(StandardCharsets.UTF_8);
      assertThat(page)
          .contains("<html lang=\"fr\"")
          .contains("Activer votre espace client")
          .contains(
              "Cabinet Exemple vous invite à collaborer sur le dossier "
                  + invited.dossier().companyName())
          .contains("Invitation envoyée par Claire Martin.")
          .contains("Avec l’offre Start, vous pourrez :")
          .contains("Consulter la GED")
          .contains("Déposer vos pièces justificatives")
          .contains("Votre identifiant sera votre adresse e-mail : " + invited.account().email())
          .contains("Bienvenue &lt;script&gt;alert(1)&lt;/script&gt;")
          .doesNotContain("<script>")
          .contains("name=\"_csrf\"")
          .contains("autocomplete=\"new-password\"");
    }
    assertThat(invitations.get(invited.invitationId()).status().live()).isTrue();
    assertThat(accounts.get(invited.account().id()).status()).isEqualTo(AccountStatus.PENDING);
  }

  @Test
  @DisplayName("POST activates the space, signs the client in and lands in their space")
  void activateAndLand() throws Exception {
    var invited = clients.invitedHolder(Language.fr, null);
    mvc.perform(get("/activation/" + invited.token()).with(freshIp())).andExpect(status().isOk());

    MvcResult result =
        mvc.perform(activate(invited.token(), PASSWORD, PASSWORD).with(freshIp()))
            .andExpect(status().isFound())
            .andExpect(redirectedUrl("/espace?bienvenue"))
            .andReturn();

    var account = accounts.get(invited.account().id());
    assertThat(account.status()).isEqualTo(AccountStatus.ACTIVE);
    assertThat(account.firstLoginAt()).isNotNull();
    assertThat(account.lastLoginAt()).isEqualTo(account.firstLoginAt());
    assertThat(invitations.get(invited.invitationId()).status())
        .isEqualTo(InvitationStatus.ACCEPTED);
    String hash =
        jdbc.queryForObject(
            "select password_hash from client_account where id = ?", String.class, account.id());
    assertThat(hash).startsWith("{bcrypt}").doesNotContain(PASSWORD);

    var session = (MockHttpSession) result.getRequest().getSession(false);
    assertThat(session.getAttribute(ClientSessions.CONTEXT_ATTRIBUTE)).isNotNull();
    assertThat(session.getAttribute("SPRING_SECURITY_CONTEXT")).isNull();
    String space =
        mvc.perform(get("/espace?bienvenue").session(session).with(freshIp()))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString(StandardCharsets.UTF_8);
    assertThat(space)
        .contains("Votre espace est activé. Bienvenue !")
        .contains(invited.dossier().companyName());
  }

  @Test
  @DisplayName("a double submit activates once; the second gets 'already activated, sign in'")
  void doubleSubmit() throws Exception {
    var invited = clients.invitedHolder(Language.fr, null);
    mvc.perform(activate(invited.token(), PASSWORD, PASSWORD).with(freshIp()))
        .andExpect(status().isFound());
    String second =
        mvc.perform(activate(invited.token(), PASSWORD, PASSWORD).with(freshIp()))
            .andExpect(status().isConflict())
            .andReturn()
            .getResponse()
            .getContentAsString(StandardCharsets.UTF_8);
    assertThat(second)
        .contains("Votre espace est déjà activé")
        .contains("href=\"/espace/connexion\"");
    Integer activations =
        jdbc.queryForObject(
            "select count(*) from activity where type = 'ACCOUNT_ACTIVATED' and (details->>'accountId')::bigint = ?",
            Integer.class,
            invited.account().id());
    assertThat(activations).isEqualTo(1);
  }

  @Test
  @DisplayName("two submits at the same instant: one activates, the other is told it is done")
  void concurrentSubmits() throws Exception {
    var invited = clients.invitedHolder(Language.fr, null);
    var start = new CountDownLatch(1);
    var pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        Callable<Integer> submit =
            () -> {
              start.await();
              return mvc.perform(activate(invited.token(), PASSWORD, PASSWORD).with(freshIp()))
                  .andReturn()
                  .getResponse()
                  .getStatus();
            };
        results.add(pool.submit(submit));
      }
      start.countDown();
      List<Integer> statuses = new ArrayList<>();
      for (var result : results) {
        statuses.add(result.get());
      }
      assertThat(statuses).containsExactlyInAnyOrder(302, 409);
    } finally {
      pool.shutdownNow();
    }
    assertThat(accounts.get(invited.account().id()).status()).isEqualTo(AccountStatus.ACTIVE);
  }

  @Test
  @DisplayName("a refused password shows the form again with a sentence, and the link stays live")
  void passwordRefused() throws Exception {
    var invited = clients.invitedHolder(Language.fr, null);
    assertRefused(
        invited.token(),
        "court",
        "court",
        "Ce mot de passe est trop court : il faut au moins 12 caractères.");
    assertRefused(invited.token(), "motdepasse2024", "motdepasse2024", "trop facile à deviner");
    assertRefused(
        invited.token(),
        invited.account().email(),
        invited.account().email(),
        "ne peut pas être votre adresse e-mail");
    assertRefused(
        invited.token(), PASSWORD, PASSWORD + "!", "Les deux mots de passe ne sont pas identiques");
    assertThat(invitations.get(invited.invitationId()).status().live()).isTrue();
    assertThat(accounts.get(invited.account().id()).status()).isEqualTo(AccountStatus.PENDING);

    mvc.perform(activate(invited.token(), PASSWORD, PASSWORD).with(freshIp()))
        .andExpect(status().isFound());
  }

  @Test
  @DisplayName("a contact whose language is English reads the page and its errors in English")
  void english() throws Exception {
    var invited = clients.invitedHolder(Language.en, null);
    String page =
        mvc.perform(get("/activation/" + invited.token()).with(freshIp()))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString(StandardCharsets.UTF_8);
    assertThat(page)
        .contains("<html lang=\"en\"")
        .contains("Activate your client space")
        .contains("With the Start offer, you will be able to:");
    String refused =
        mvc.perform(activate(invited.token(), "password1234", "password1234").with(freshIp()))
            .andExpect(status().isUnprocessableEntity())
            .andReturn()
            .getResponse()
            .getContentAsString(StandardCharsets.UTF_8);
    assertThat(refused).contains("This password is too easy to guess");
  }

  @ParameterizedTest(name = "token \"{0}\"…")
  @ValueSource(strings = {"", "/", "x", "a-token-that-does-not-exist", "SHORT", "unknown43"})
  @DisplayName("unknown and malformed links get the one dead-link page")
  void unknownTokens(String token) throws Exception {
    String path =
        token.equals("/") ? "/activation/" : "/activation" + (token.isEmpty() ? "" : "/" + token);
    assertDead(get(path));
    assertDead(post(path).with(csrf()).param("password", PASSWORD).param("confirmation", PASSWORD));
  }

  @Test
  @DisplayName("a 10 kB token and a well-formed unknown one get the same page as the others")
  void longAndPlausibleTokens() throws Exception {
    String tenKb = "A".repeat(10 * 1024);
    String plausible = "B".repeat(43);
    String reference = assertDead(get("/activation/x"));
    assertThat(assertDead(get("/activation/" + tenKb))).isEqualTo(reference);
    assertThat(assertDead(get("/activation/" + plausible))).isEqualTo(reference);
    assertDead(
        post("/activation/" + tenKb)
            .with(csrf())
            .param("password", PASSWORD)
            .param("confirmation", PASSWORD));
  }

  @Test
  @DisplayName("dead after use, cancellation, a resend, expiry by the process, and expiry by time")
  void deadLinks() throws Exception {
    var used = clients.invitedHolder(Language.fr, null);
    mvc.perform(activate(used.token(), PASSWORD, PASSWORD).with(freshIp()))
        .andExpect(status().isFound());
    assertDead(get("/activation/" + used.token()));

    var cancelled = clients.invitedHolder(Language.fr, null);
    invitations.cancel(cancelled.invitationId(), Fixtures.SYSTEM);
    assertDead(get("/activation/" + cancelled.token()));
    assertDead(activate(cancelled.token(), PASSWORD, PASSWORD));

    var resent = clients.invitedHolder(Language.fr, null);
    invitations.supersede(resent.invitationId(), Fixtures.SYSTEM);
    var fresh = clients.invite(resent.dossier(), resent.contact(), null);
    assertDead(get("/activation/" + resent.token()));
    assertDead(activate(resent.token(), PASSWORD, PASSWORD));
    mvc.perform(get("/activation/" + fresh.token()).with(freshIp())).andExpect(status().isOk());

    var expired = clients.invitedHolder(Language.fr, null);
    invitations.expire(expired.invitationId(), Fixtures.SYSTEM);
    // an expired link gets the very page an unknown one gets: nothing tells them apart
    assertThat(assertDead(get("/activation/" + expired.token())))
        .isEqualTo(assertDead(get("/activation/unknown-token")));

    var late = clients.invitedHolder(Language.fr, null);
    jdbc.update(
        "update invitation set created_at = now() - interval '50 days',"
            + " expires_at = now() - interval '1 minute' where id = ?",
        late.invitationId());
    assertDead(get("/activation/" + late.token()));
    assertDead(activate(late.token(), PASSWORD, PASSWORD));
    assertThat(accounts.get(late.account().id()).status()).isEqualTo(AccountStatus.PENDING);
  }

  @Test
  @DisplayName(
      "a form without its CSRF token (the session expired) changes nothing and comes back saying so")
  void csrfRequired() throws Exception {
    var invited = clients.invitedHolder(Language.fr, null);
    mvc.perform(
            post("/activation/" + invited.token())
                .with(freshIp())
                .param("password", PASSWORD)
                .param("confirmation", PASSWORD))
        .andExpect(status().isFound())
        .andExpect(redirectedUrl("/activation/" + invited.token() + "?session-expiree"));
    assertThat(accounts.get(invited.account().id()).status()).isEqualTo(AccountStatus.PENDING);
    mvc.perform(
            post("/activation/" + invited.token())
                .with(freshIp())
                .with(csrf().useInvalidToken())
                .param("password", PASSWORD)
                .param("confirmation", PASSWORD))
        .andExpect(status().isFound());
    assertThat(accounts.get(invited.account().id()).status()).isEqualTo(AccountStatus.PENDING);

    String page =
        mvc.perform(get("/activation/" + invited.token() + "?session-expiree").with(freshIp()))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString(StandardCharsets.UTF_8);
    assertThat(page)
        .contains("Votre session avait expiré, rien n’a été enregistré")
        .contains("id=\"activation-form\"");
  }

  @Test
  @DisplayName("client pages carry CSP without inline scripts, no referrer, and no framing")
  void securityHeaders() throws Exception {
    var invited = clients.invitedHolder(Language.fr, null);
    for (String path :
        List.of(
            "/activation/" + invited.token(),
            "/activation/x",
            "/espace/connexion",
            "/acces/nouveau-lien",
            "/acces/mot-de-passe-oublie")) {
      var response = mvc.perform(get(path).with(freshIp())).andReturn().getResponse();
      assertThat(response.getHeader("Content-Security-Policy"))
          .as(path)
          .contains("default-src 'self'")
          .contains("script-src 'self'")
          .contains("frame-ancestors 'none'")
          .doesNotContain("unsafe-inline");
      assertThat(response.getHeader("Referrer-Policy")).as(path).isEqualTo("no-referrer");
      assertThat(response.getHeader("X-Frame-Options")).as(path).isEqualTo("DENY");
      assertThat(response.getHeader("X-Content-Type-Options")).as(path).isEqualTo("nosniff");
      assertThat(response.getContentAsString(StandardCharsets.UTF_8))
          .as(path)
          .doesNotContain("<script")
          .doesNotContain("style=");
    }
  }

  @Test
  @DisplayName("over real HTTP, a 10 kB link gets the same page too (not the server's own error)")
  void tenKilobytesOverHttp() throws Exception {
    var client = java.net.http.HttpClient.newHttpClient();
    var response =
        client.send(
            java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(
                        "http://localhost:" + port + "/activation/" + "A".repeat(10 * 1024)))
                .build(),
            java.net.http.HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body()).contains("Ce lien ne fonctionne plus");
    assertThat(response.headers().firstValue("Referrer-Policy")).contains("no-referrer");
  }

  private void assertRefused(String token, String password, String confirmation, String message)
      throws Exception {
    String page =
        mvc.perform(activate(token, password, confirmation).with(freshIp()))
            .andExpect(status().isUnprocessableEntity())
            .andExpect(content().contentTypeCompatibleWith("text/html"))
            .andReturn()
            .getResponse()
            .getContentAsString(StandardCharsets.UTF_8);
    assertThat(page).contains(message).contains("role=\"alert\"");
  }

  /** The dead-link page, with the CSRF token taken out so that two answers compare. */
  private String assertDead(
      org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request)
      throws Exception {
    String page =
        mvc.perform(request.with(freshIp()))
            .andExpect(status().isNotFound())
            .andReturn()
            .getResponse()
            .getContentAsString(StandardCharsets.UTF_8);
    assertThat(page)
        .contains("Ce lien ne fonctionne plus")
        .contains("action=\"/acces/nouveau-lien\"")
        .contains("href=\"/espace/connexion\"")
        // links expire, said before anything else, as the expiry mail does; the new-link form is
        // the next step, before the other reasons and the sign-in
        .contains("valables un temps limité")
        .contains("Recevoir un nouveau lien");
    assertThat(page.indexOf("valables un temps limité"))
        .isLessThan(page.indexOf("action=\"/acces/nouveau-lien\""));
    assertThat(page.indexOf("action=\"/acces/nouveau-lien\""))
        .isLessThan(page.indexOf("href=\"/espace/connexion\""))
        .isLessThan(page.indexOf("déjà servi"));
    assertThat(page).containsPattern("<input id=\"email\"[^>]*autofocus");
    return page.replaceAll("name=\"_csrf\" value=\"[^\"]*\"", "name=\"_csrf\"");
  }
}
