package io.passerelle.portal;

import static io.passerelle.portal.ClientFixtures.PASSWORD;
import static io.passerelle.portal.ClientFixtures.freshIp;
import static io.passerelle.portal.ClientFixtures.ip;
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
import io.passerelle.staff.StaffService;
import io.passerelle.support.Api;
import io.passerelle.support.Fixtures;
import io.passerelle.support.PasserelleSpringTest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

/** Returning clients: sign-in, the "Accès" dates, sign-out, and the wall between the two sides. */
@PasserelleSpringTest
class ClientSignInTest {

  @Autowired MockMvc mvc;
  @Autowired StaffService staff;
  @Autowired DossierService dossiers;
  @Autowired ContactService contacts;
  @Autowired DossierLinkService links;
  @Autowired InvitationService invitations;
  @Autowired AccountService accounts;
  @Autowired CollaborationService collaboration;
  @Autowired PortalProperties properties;
  ClientFixtures clients;

  @BeforeEach
  void setUp() {
    clients =
        new ClientFixtures(staff, dossiers, contacts, links, invitations, accounts, collaboration);
  }

  @Test
  @DisplayName("sign-in records the first access once and moves the last one each time")
  void firstAndLastLogin() throws Exception {
    var client = clients.activeHolder();
    assertThat(accounts.get(client.account().id()).firstLoginAt()).isNull();

    Instant before = Instant.now();
    MockHttpSession session = ClientFixtures.signIn(mvc, client.account().email(), PASSWORD);
    var first = accounts.get(client.account().id());
    assertThat(first.firstLoginAt()).isAfterOrEqualTo(before.minusSeconds(1));
    assertThat(first.lastLoginAt()).isEqualTo(first.firstLoginAt());
    mvc.perform(get("/espace").session(session).with(freshIp())).andExpect(status().isOk());

    Thread.sleep(5);
    ClientFixtures.signIn(mvc, client.account().email().toUpperCase(), PASSWORD);
    var second = accounts.get(client.account().id());
    assertThat(second.firstLoginAt()).isEqualTo(first.firstLoginAt());
    assertThat(second.lastLoginAt()).isAfter(first.lastLoginAt());
  }

  @Test
  @DisplayName("wrong passwords, pending and disabled accounts do not sign in, with one message")
  void refusals() throws Exception {
    var client = clients.activeHolder();
    signInFails(client.account().email(), "pas le bon mot de passe");
    signInFails("personne." + client.account().id() + "@inconnu.test", PASSWORD);

    var pending = clients.invitedHolder(Language.fr, null);
    signInFails(pending.account().email(), PASSWORD);

    var disabled = clients.activeHolder();
    accounts.disableForContact(disabled.contact().id(), Fixtures.SYSTEM);
    signInFails(disabled.account().email(), PASSWORD);
    assertThat(accounts.get(disabled.account().id()).firstLoginAt()).isNull();
  }

  @Test
  @DisplayName("the space needs a signed-in client; a disabled account is signed out")
  void spaceNeedsClient() throws Exception {
    mvc.perform(get("/espace").with(freshIp()))
        .andExpect(status().isFound())
        .andExpect(redirectedUrl("http://localhost/espace/connexion"));

    var client = clients.activeHolder();
    MockHttpSession session = ClientFixtures.signIn(mvc, client.account().email(), PASSWORD);
    accounts.disableForContact(client.contact().id(), Fixtures.SYSTEM);
    // signed out before the request is authorised (StaleSessionFilter): the sign-in page
    mvc.perform(get("/espace").session(session).with(freshIp()))
        .andExpect(status().isFound())
        .andExpect(redirectedUrl("http://localhost/espace/connexion"));
    assertThat(session.getAttribute(ClientSessions.CONTEXT_ATTRIBUTE)).isNull();
  }

  @Test
  @DisplayName("staff and client sessions are separate: neither opens the other side's pages")
  void separateSessions() throws Exception {
    var client = clients.activeHolder();
    MockHttpSession session = ClientFixtures.signIn(mvc, client.account().email(), PASSWORD);
    mvc.perform(get("/").session(session))
        .andExpect(status().isFound())
        .andExpect(redirectedUrl("http://localhost/connexion"));

    // the same browser signs in as staff too: both sessions live side by side
    var staffLogin =
        mvc.perform(
                post("/connexion")
                    .session(session)
                    .with(csrf())
                    .param("username", Api.MANAGER)
                    .param("password", Api.passwordOf(Api.MANAGER)))
            .andExpect(status().isFound())
            .andReturn();
    session = (MockHttpSession) staffLogin.getRequest().getSession(false);
    mvc.perform(get("/").session(session)).andExpect(status().isOk());
    mvc.perform(get("/espace").session(session).with(freshIp())).andExpect(status().isOk());

    // the client signs out: the staff member stays signed in
    mvc.perform(post("/espace/deconnexion").session(session).with(csrf()).with(freshIp()))
        .andExpect(status().isFound())
        .andExpect(redirectedUrl("/espace/connexion?sortie"));
    mvc.perform(get("/espace").session(session).with(freshIp())).andExpect(status().isFound());
    mvc.perform(get("/").session(session)).andExpect(status().isOk());
  }

  @Test
  @DisplayName("a staff session does not open the client's space")
  void staffIsNotClient() throws Exception {
    var staffLogin =
        mvc.perform(
                post("/connexion")
                    .with(csrf())
                    .param("username", Api.MANAGER)
                    .param("password", Api.passwordOf(Api.MANAGER)))
            .andExpect(status().isFound())
            .andReturn();
    var session = (MockHttpSession) staffLogin.getRequest().getSession(false);
    mvc.perform(get("/espace").session(session).with(freshIp()))
        .andExpect(status().isFound())
        .andExpect(redirectedUrl("http://localhost/espace/connexion"));
  }

  @Test
  @DisplayName("failed sign-ins on one account past the limit: 429 with Retry-After, then refused")
  void failuresPerAccountLimited() throws Exception {
    var client = clients.activeHolder();
    int limit = properties.rateLimit().signInFailuresPerAccount();
    for (int i = 0; i < limit; i++) {
      signInFails(client.account().email(), "mauvais mot de passe " + i);
    }
    var refused =
        mvc.perform(
                post("/espace/connexion")
                    .with(freshIp())
                    .with(csrf())
                    .param("email", client.account().email())
                    .param("password", PASSWORD))
            .andExpect(status().isTooManyRequests())
            .andExpect(header().exists("Retry-After"))
            .andReturn()
            .getResponse();
    long retryAfter = Long.parseLong(refused.getHeader("Retry-After"));
    assertThat(retryAfter).isBetween(1L, properties.rateLimit().window().toSeconds());
    assertThat(refused.getContentAsString(StandardCharsets.UTF_8))
        .contains("Trop de tentatives")
        .contains("Réessayez dans");
    assertThat(accounts.get(client.account().id()).lastLoginAt()).isNull();
  }

  @Test
  @DisplayName("sign-in attempts from one IP address past the limit: 429 with Retry-After")
  void attemptsPerIpLimited() throws Exception {
    String address = "192.0.2." + (int) (Math.random() * 250 + 1);
    int limit = properties.rateLimit().signInPerIp();
    for (int i = 0; i < limit; i++) {
      mvc.perform(
              post("/espace/connexion")
                  .with(ip(address))
                  .with(csrf())
                  .param("email", "quelqu.un." + i + "@inconnu.test")
                  .param("password", "n'importe quoi"))
          .andExpect(status().isFound());
    }
    mvc.perform(
            post("/espace/connexion")
                .with(ip(address))
                .with(csrf())
                .param("email", "encore@inconnu.test")
                .param("password", "n'importe quoi"))
        .andExpect(status().isTooManyRequests())
        .andExpect(header().exists("Retry-After"));
    // another address is not affected
    mvc.perform(
            post("/espace/connexion")
                .with(freshIp())
                .with(csrf())
                .param("email", "encore@inconnu.test")
                .param("password", "n'importe quoi"))
        .andExpect(status().isFound());
  }

  private void signInFails(String email, String password) throws Exception {
    mvc.perform(
            post("/espace/connexion")
                .with(freshIp())
                .with(csrf())
                .param("email", email)
                .param("password", password))
        .andExpect(status().isFound())
        .andExpect(redirectedUrl("/espace/connexion?erreur"));
    String page =
        mvc.perform(get("/espace/connexion?erreur").with(freshIp()))
            .andReturn()
            .getResponse()
            .getContentAsString(StandardCharsets.UTF_8);
    assertThat(page).contains("Adresse e-mail ou mot de passe incorrect.");
  }
}
