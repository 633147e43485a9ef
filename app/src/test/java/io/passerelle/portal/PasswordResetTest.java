package io.passerelle.portal;

import static io.passerelle.portal.ClientFixtures.PASSWORD;
import static io.passerelle.portal.ClientFixtures.freshIp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.passerelle.account.AccountService;
import io.passerelle.account.InvitationService;
import io.passerelle.collaboration.CollaborationService;
import io.passerelle.contact.ContactService;
import io.passerelle.contact.DossierLinkService;
import io.passerelle.contact.Language;
import io.passerelle.dossier.DossierService;
import io.passerelle.mail.DevMailServer;
import io.passerelle.staff.StaffService;
import io.passerelle.support.Mailbox;
import io.passerelle.support.PasserelleSpringTest;
import io.passerelle.support.TestData;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

/** "I forgot my password", end to end: the request, the mail's link, the new password. */
@PasserelleSpringTest
class PasswordResetTest {

  private static final Pattern LINK =
      Pattern.compile("http://localhost:8080/acces/mot-de-passe/([A-Za-z0-9_-]{43})");
  private static final String NEW_PASSWORD = "Le chat dort sur la valise";

  @Autowired MockMvc mvc;
  @Autowired StaffService staff;
  @Autowired DossierService dossiers;
  @Autowired ContactService contacts;
  @Autowired DossierLinkService links;
  @Autowired InvitationService invitations;
  @Autowired AccountService accounts;
  @Autowired CollaborationService collaboration;
  @Autowired DevMailServer mailServer;
  @Autowired BackgroundWork background;
  @Autowired PortalProperties properties;
  @Autowired JdbcTemplate jdbc;
  ClientFixtures clients;
  Mailbox mailbox;

  @BeforeEach
  void setUp() {
    clients =
        new ClientFixtures(staff, dossiers, contacts, links, invitations, accounts, collaboration);
    mailbox = new Mailbox(mailServer);
  }

  @Test
  @DisplayName(
      "request → mail with a single-use link → new password → sign in with it, not the old one")
  void endToEnd() throws Exception {
    var client = clients.activeHolder();
    String email = client.account().email();

    String answer = request(email.toUpperCase());
    assertThat(answer).contains("Demande reçue").contains("Si cette adresse correspond");

    MimeMessage mail = mailbox.await(email, 1).getFirst();
    assertThat(Mailbox.subject(mail))
        .isEqualTo("Choisir un nouveau mot de passe pour votre espace client Cabinet Exemple");
    assertThat(mail.getMessageID()).matches("<password-reset\\.password-reset-\\d+\\.0@.+>");
    String text = Mailbox.text(mail);
    assertThat(text).contains("Bonjour Jeanne").doesNotContain(PASSWORD);
    var matcher = LINK.matcher(text);
    assertThat(matcher.find()).as(text).isTrue();
    String token = matcher.group(1);
    assertThat(Mailbox.html(mail))
        .contains("href=\"http://localhost:8080/acces/mot-de-passe/" + token);

    // only the SHA-256 of the token is stored
    byte[] stored =
        jdbc.queryForObject(
            "select token_hash from password_reset where account_id = ? and status = 'LIVE'",
            byte[].class,
            client.account().id());
    assertThat(stored)
        .isEqualTo(
            MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    assertThat(
            jdbc.queryForObject(
                "select count(*) from password_reset p where p::text like ?",
                Integer.class,
                "%" + token + "%"))
        .isZero();

    // GET shows the form and consumes nothing
    for (int i = 0; i < 2; i++) {
      assertThat(page(get("/acces/mot-de-passe/" + token), 200))
          .contains("Choisir un nouveau mot de passe")
          .contains(email);
    }
    assertThat(
            page(
                post("/acces/mot-de-passe/" + token)
                    .with(csrf())
                    .param("password", "azertyuiop123")
                    .param("confirmation", "azertyuiop123"),
                422))
        .contains("trop facile à deviner");

    mvc.perform(
            post("/acces/mot-de-passe/" + token)
                .with(freshIp())
                .with(csrf())
                .param("password", NEW_PASSWORD)
                .param("confirmation", NEW_PASSWORD))
        .andExpect(status().isFound())
        .andExpect(redirectedUrl("/espace/connexion?nouveau-mot-de-passe"));

    // single use
    assertThat(page(get("/acces/mot-de-passe/" + token), 404))
        .contains("Ce lien ne fonctionne plus");
    assertThat(
            page(
                post("/acces/mot-de-passe/" + token)
                    .with(csrf())
                    .param("password", "Encore une autre phrase")
                    .param("confirmation", "Encore une autre phrase"),
                404))
        .contains("Ce lien ne fonctionne plus");

    ClientFixtures.signIn(mvc, email, NEW_PASSWORD);
    mvc.perform(
            post("/espace/connexion")
                .with(freshIp())
                .with(csrf())
                .param("email", email)
                .param("password", PASSWORD))
        .andExpect(redirectedUrl("/espace/connexion?erreur"));
    assertThat(
            jdbc.queryForObject(
                "select count(*) from activity where type = 'ACCOUNT_PASSWORD_RESET'"
                    + " and (details->>'accountId')::bigint = ?",
                Integer.class,
                client.account().id()))
        .isEqualTo(1);
  }

  @Test
  @DisplayName("a second request replaces the first link; the old one is dead")
  void newRequestReplacesOld() throws Exception {
    var client = clients.activeHolder();
    String email = client.account().email();
    request(email);
    String first = token(mailbox.await(email, 1).getFirst());
    request(email);
    String second = token(mailbox.await(email, 2).get(1));
    assertThat(second).isNotEqualTo(first);
    page(get("/acces/mot-de-passe/" + first), 404);
    page(get("/acces/mot-de-passe/" + second), 200);
  }

  @Test
  @DisplayName("an expired link is dead")
  void expired() throws Exception {
    var client = clients.activeHolder();
    request(client.account().email());
    String token = token(mailbox.await(client.account().email(), 1).getFirst());
    jdbc.update(
        "update password_reset set created_at = now() - interval '2 hours',"
            + " expires_at = now() - interval '1 second' where account_id = ?",
        client.account().id());
    page(get("/acces/mot-de-passe/" + token), 404);
    page(
        post("/acces/mot-de-passe/" + token)
            .with(csrf())
            .param("password", NEW_PASSWORD)
            .param("confirmation", NEW_PASSWORD),
        404);
  }

  @Test
  @DisplayName(
      "unknown, pending and active addresses get the same page; only the active one gets mail")
  void sameAnswer() throws Exception {
    var active = clients.activeHolder();
    var pending = clients.invitedHolder(Language.fr, null);
    String unknown = TestData.email("personne");

    String forActive = request(active.account().email());
    String forPending = request(pending.account().email());
    String forUnknown = request(unknown);
    assertThat(forPending).isEqualTo(forActive);
    assertThat(forUnknown).isEqualTo(forActive);

    mailbox.await(active.account().email(), 1);
    assertThat(background.awaitIdle(Duration.ofSeconds(20))).isTrue();
    assertThat(mailbox.to(pending.account().email())).isEmpty();
    assertThat(mailbox.to(unknown)).isEmpty();
  }

  @Test
  @DisplayName("requests for one address past the limit: 429 with Retry-After, whoever it is")
  void limited() throws Exception {
    String unknown = TestData.email("personne");
    for (int i = 0; i < properties.rateLimit().passwordResetPerAddress(); i++) {
      request(unknown);
    }
    mvc.perform(
            post("/acces/mot-de-passe-oublie").with(freshIp()).with(csrf()).param("email", unknown))
        .andExpect(status().isTooManyRequests())
        .andExpect(header().exists("Retry-After"));
  }

  @Test
  @DisplayName("a malformed address is asked again; unknown and malformed links are dead")
  void malformed() throws Exception {
    assertThat(
            page(
                post("/acces/mot-de-passe-oublie").with(csrf()).param("email", "pas une adresse"),
                400))
        .contains("Cette adresse e-mail n’est pas valide");
    page(get("/acces/mot-de-passe/x"), 404);
    page(get("/acces/mot-de-passe/" + "C".repeat(43)), 404);
    page(get("/acces/mot-de-passe/" + "C".repeat(10_240)), 404);
    page(get("/acces/mot-de-passe"), 404);
  }

  private String request(String email) throws Exception {
    String page =
        mvc.perform(
                post("/acces/mot-de-passe-oublie")
                    .with(freshIp())
                    .with(csrf())
                    .param("email", email))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString(StandardCharsets.UTF_8);
    return page;
  }

  private String page(
      org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request,
      int status)
      throws Exception {
    return mvc.perform(request.with(freshIp()))
        .andExpect(status().is(status))
        .andReturn()
        .getResponse()
        .getContentAsString(StandardCharsets.UTF_8);
  }

  private static String token(MimeMessage mail) {
    var matcher = LINK.matcher(Mailbox.text(mail));
    assertThat(matcher.find()).isTrue();
    return matcher.group(1);
  }
}
