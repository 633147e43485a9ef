package io.passerelle.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.passerelle.account.AccountService;
import io.passerelle.account.InvitationService;
import io.passerelle.collaboration.CollaborationService;
import io.passerelle.contact.ContactService;
import io.passerelle.contact.DossierLinkService;
import io.passerelle.contact.Language;
import io.passerelle.dossier.DossierService;
import io.passerelle.engine.EmbeddedZeebeEngine;
import io.passerelle.mail.DevMailServer;
import io.passerelle.portal.ClientFixtures;
import io.passerelle.staff.NewStaffMember;
import io.passerelle.staff.StaffChanges;
import io.passerelle.staff.StaffRole;
import io.passerelle.staff.StaffService;
import io.passerelle.support.Api;
import io.passerelle.support.Fixtures;
import io.passerelle.support.Mailbox;
import io.passerelle.support.PasserelleSpringTest;
import io.passerelle.support.TestData;
import io.passerelle.web.SecurityProperties;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.authentication.event.AbstractAuthenticationEvent;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Staff sign-in tried as an attacker would, over HTTP: brute force on the form and on HTTP Basic,
 * passwords bcrypt cannot take, sessions outliving a role change or a deactivation.
 */
@PasserelleSpringTest
class StaffAuthAttackTest {

  private static final String PASSWORD = "Un long chemin vers la mer";

  /** 72 bytes in UTF-8 (55 characters, many of them 2 or 3 bytes): the longest bcrypt takes. */
  private static final String ACCENTS_72 =
      "Près du cœur, l’été déçoit à Noël ; ça éveille où l’âme!";

  /** The same plus one accented letter: 74 bytes. */
  private static final String ACCENTS_74 = ACCENTS_72 + "é";

  private static final AtomicInteger IPS = new AtomicInteger();

  @Autowired MockMvc mvc;
  @Autowired ObjectMapper json;
  @Autowired StaffService staff;
  @Autowired SecurityProperties security;
  @Autowired EmbeddedZeebeEngine engine;
  @Autowired ConfigurableApplicationContext context;
  @Autowired DossierService dossiers;
  @Autowired ContactService contacts;
  @Autowired DossierLinkService links;
  @Autowired InvitationService invitations;
  @Autowired AccountService accounts;
  @Autowired CollaborationService collaboration;
  @Autowired DevMailServer mailServer;

  /** A staff member of its own for each test (the limits are per username). */
  private String member(StaffRole role) {
    String username = TestData.unique("brute.").toLowerCase().replaceAll("[^a-z0-9.]", "");
    staff.create(
        new NewStaffMember(
            username, username + "@cabinet.example", "Test", "Attaque", role, PASSWORD),
        Fixtures.SYSTEM);
    return username;
  }

  /** An IP address of its own for each test (203.0.113.x and beyond: documentation ranges). */
  private static RequestPostProcessor freshIp() {
    int n = IPS.incrementAndGet();
    String ip = "198.18." + ((n >> 8) & 255) + "." + (n & 255);
    return request -> {
      request.setRemoteAddr(ip);
      return request;
    };
  }

  private int usernameLimit() {
    return security.signIn().failuresPerUsername();
  }

  /** Counts Spring Security's authentication events for a username (each costs a bcrypt). */
  private AtomicInteger attemptsOf(String username) {
    var attempts = new AtomicInteger();
    context.addApplicationListener(
        (ApplicationListener<AbstractAuthenticationEvent>)
            event -> {
              if (username.equals(event.getAuthentication().getName())) {
                attempts.incrementAndGet();
              }
            });
    return attempts;
  }

  @Test
  @DisplayName(
      "form brute force: past the failures a username may have, 429 with Retry-After and the French"
          + " page, even with the right password and from another address, without a password"
          + " check; after the window the right password signs in")
  void formBruteForce() throws Exception {
    String username = member(StaffRole.STAFF);
    var attempts = attemptsOf(username);
    for (int i = 0; i < usernameLimit(); i++) {
      mvc.perform(
              post("/connexion")
                  .with(freshIp())
                  .with(csrf())
                  .param("username", username)
                  .param("password", "mauvais essai " + i))
          .andExpect(redirectedUrl("/connexion?erreur"));
    }
    assertThat(attempts.get()).isEqualTo(usernameLimit());

    var throttled =
        mvc.perform(
                post("/connexion")
                    .with(freshIp())
                    .with(csrf())
                    .param("username", username.toUpperCase())
                    .param("password", PASSWORD))
            .andExpect(status().isTooManyRequests())
            .andExpect(header().exists("Retry-After"))
            .andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML))
            .andExpect(content().string(org.hamcrest.Matchers.containsString("Trop de tentatives")))
            .andReturn()
            .getResponse();
    long retryAfter = Long.parseLong(throttled.getHeader("Retry-After"));
    assertThat(retryAfter).isBetween(1L, security.signIn().window().toSeconds());
    // neutral (the page names no username); its form still carries a CSRF token
    assertThat(throttled.getContentAsString()).doesNotContain(username).contains("name=\"_csrf\"");
    assertThat(attempts.get()).as("a throttled try checks no password").isEqualTo(usernameLimit());

    engine.advance(security.signIn().window().plusSeconds(1));
    mvc.perform(
            post("/connexion")
                .with(freshIp())
                .with(csrf())
                .param("username", username)
                .param("password", PASSWORD))
        .andExpect(status().isFound())
        .andExpect(redirectedUrl("/"));
  }

  @Test
  @DisplayName(
      "Basic brute force: 401s, then 429 problem+json TOO_MANY_SIGN_IN_ATTEMPTS with Retry-After;"
          + " after the window the right password is served")
  void basicBruteForce() throws Exception {
    String username = member(StaffRole.STAFF);
    var attempts = attemptsOf(username);
    for (int i = 0; i < usernameLimit(); i++) {
      mvc.perform(get("/api/staff/me").with(freshIp()).with(httpBasic(username, "faux " + i)))
          .andExpect(status().isUnauthorized());
    }
    mvc.perform(get("/api/staff/me").with(freshIp()).with(httpBasic(username, PASSWORD)))
        .andExpect(status().isTooManyRequests())
        .andExpect(header().exists("Retry-After"))
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.code").value("TOO_MANY_SIGN_IN_ATTEMPTS"))
        .andExpect(jsonPath("$.status").value(429));
    assertThat(attempts.get()).isEqualTo(usernameLimit());

    engine.advance(security.signIn().window().plusSeconds(1));
    mvc.perform(get("/api/staff/me").with(freshIp()).with(httpBasic(username, PASSWORD)))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.username").value(username));
  }

  @Test
  @DisplayName(
      "one address trying many usernames is throttled as a whole; another address is not; a right"
          + " password never counts")
  void perAddress() throws Exception {
    var ip = freshIp();
    var otherIp = freshIp();
    String victim = member(StaffRole.STAFF);
    for (int i = 0; i < 3; i++) {
      mvc.perform(get("/api/staff/me").with(ip).with(httpBasic(victim, PASSWORD)))
          .andExpect(status().isOk());
    }
    int limit = security.signIn().failuresPerIp();
    for (int i = 0; i < limit; i++) {
      mvc.perform(get("/api/staff/me").with(ip).with(httpBasic(TestData.unique("nobody"), "x" + i)))
          .andExpect(status().isUnauthorized());
    }
    mvc.perform(get("/api/staff/me").with(ip).with(httpBasic(victim, PASSWORD)))
        .andExpect(status().isTooManyRequests())
        .andExpect(jsonPath("$.code").value("TOO_MANY_SIGN_IN_ATTEMPTS"));
    mvc.perform(
            post("/connexion")
                .with(ip)
                .with(csrf())
                .param("username", victim)
                .param("password", PASSWORD))
        .andExpect(status().isTooManyRequests());
    mvc.perform(get("/api/staff/me").with(otherIp).with(httpBasic(victim, PASSWORD)))
        .andExpect(status().isOk());
  }

  private Map<String, Object> newStaff(String password) {
    String username = TestData.unique("pw.").toLowerCase().replaceAll("[^a-z0-9.]", "");
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("username", username);
    body.put("email", username + "@cabinet.example");
    body.put("firstName", "Mot");
    body.put("lastName", "De Passe");
    body.put("role", "STAFF");
    body.put("password", password);
    return body;
  }

  @Test
  @DisplayName(
      "staff passwords: 73 UTF-8 bytes, a NUL, a common password are refused with their codes; 72"
          + " bytes of accents and ASCII are taken and sign in")
  void staffPasswordPolicy() throws Exception {
    Api admin = Api.as(mvc, json, Api.ADMIN);
    assertThat(ACCENTS_72.getBytes(StandardCharsets.UTF_8)).hasSize(72);
    String ascii73 = "Une phrase de passe bien trop longue pour bcrypt qui coupe a 72 octets !!";
    assertThat(ascii73.getBytes(StandardCharsets.UTF_8)).hasSize(73);
    for (String tooLong : new String[] {ascii73, ACCENTS_74, "Mot de passe " + "😀".repeat(15)}) {
      admin
          .post("/api/staff", newStaff(tooLong))
          .andExpect(status().isBadRequest())
          .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
          .andExpect(jsonPath("$.errors[0].field").value("password"))
          .andExpect(jsonPath("$.errors[0].code").value("PASSWORD_TOO_LONG"))
          .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("72 bytes")));
    }
    admin
        .post("/api/staff", newStaff("Une phrase\u0000de passe longue"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].code").value("PASSWORD_CONTROL_CHARACTER"));
    admin
        .post("/api/staff", newStaff("Soleil2024!!"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].code").value("PASSWORD_COMMON"));

    String accents = ACCENTS_72;
    var created = newStaff(accents);
    admin.post("/api/staff", created).andExpect(status().isCreated());
    mvc.perform(
            get("/api/staff/me")
                .with(freshIp())
                .with(httpBasic((String) created.get("username"), accents)))
        .andExpect(status().isOk());
    // a sign-in with a password bcrypt cannot take is a plain failure, never a 500
    mvc.perform(
            get("/api/staff/me")
                .with(freshIp())
                .with(httpBasic((String) created.get("username"), ACCENTS_74)))
        .andExpect(status().isUnauthorized());

    long id = staff.findByUsername((String) created.get("username")).orElseThrow().id();
    admin
        .patch("/api/staff/" + id, Map.of("password", ascii73))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].code").value("PASSWORD_TOO_LONG"));
    admin
        .patch("/api/staff/" + id, Map.of("password", "Une autre\tphrase longue"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].code").value("PASSWORD_CONTROL_CHARACTER"));
  }

  @Test
  @DisplayName(
      "client passwords: 73 bytes and a NUL are refused with a sentence at activation and at a"
          + " reset, never a 500")
  void clientPasswordPaths() throws Exception {
    var clients =
        new ClientFixtures(staff, dossiers, contacts, links, invitations, accounts, collaboration);
    String ascii73 = "Une phrase de passe bien trop longue pour bcrypt qui coupe a 72 octets !!";
    var invited = clients.invitedHolder(Language.fr, null);
    mvc.perform(ClientFixtures.activate(invited.token(), ascii73, ascii73).with(freshIp()))
        .andExpect(status().isUnprocessableEntity())
        .andExpect(content().string(org.hamcrest.Matchers.containsString("72 octets au plus")));
    String nul = "Une phrase\u0000de passe longue";
    mvc.perform(ClientFixtures.activate(invited.token(), nul, nul).with(freshIp()))
        .andExpect(status().isUnprocessableEntity())
        .andExpect(content().string(org.hamcrest.Matchers.containsString("caractère invisible")));

    var active = clients.activeHolder();
    String email = active.account().email();
    mvc.perform(
            post("/acces/mot-de-passe-oublie").with(freshIp()).with(csrf()).param("email", email))
        .andExpect(status().isOk());
    var link =
        Pattern.compile("/acces/mot-de-passe/([A-Za-z0-9_-]{43})")
            .matcher(Mailbox.text(new Mailbox(mailServer).await(email, 1).getFirst()));
    assertThat(link.find()).isTrue();
    mvc.perform(
            post("/acces/mot-de-passe/" + link.group(1))
                .with(freshIp())
                .with(csrf())
                .param("password", ACCENTS_74)
                .param("confirmation", ACCENTS_74))
        .andExpect(status().isUnprocessableEntity())
        .andExpect(content().string(org.hamcrest.Matchers.containsString("72 octets au plus")));
    mvc.perform(
            post("/acces/mot-de-passe/" + link.group(1))
                .with(freshIp())
                .with(csrf())
                .param("password", nul)
                .param("confirmation", nul))
        .andExpect(status().isUnprocessableEntity())
        .andExpect(content().string(org.hamcrest.Matchers.containsString("caractère invisible")));
  }

  private MockHttpSession signIn(String username) throws Exception {
    var result =
        mvc.perform(
                post("/connexion")
                    .with(freshIp())
                    .with(csrf())
                    .param("username", username)
                    .param("password", PASSWORD))
            .andExpect(redirectedUrl("/"))
            .andReturn();
    return (MockHttpSession) result.getRequest().getSession(false);
  }

  private static java.util.List<String> authorities(MockHttpSession session) {
    var context =
        (SecurityContext)
            session.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
    return context.getAuthentication().getAuthorities().stream()
        .map(GrantedAuthority::getAuthority)
        .toList();
  }

  @Test
  @DisplayName(
      "an open session sees a role change at its next request, and a deactivation ends it there")
  void sessionsFollowTheStaffMember() throws Exception {
    String username = member(StaffRole.STAFF);
    long id = staff.findByUsername(username).orElseThrow().id();
    MockHttpSession session = signIn(username);
    mvc.perform(get("/").session(session)).andExpect(status().isOk());
    assertThat(authorities(session)).containsExactly("ROLE_STAFF");

    Api.as(mvc, json, Api.ADMIN)
        .patch("/api/staff/" + id, Map.of("role", "MANAGER"))
        .andExpect(status().isOk());
    mvc.perform(get("/").session(session)).andExpect(status().isOk());
    assertThat(authorities(session)).containsExactly("ROLE_MANAGER");

    staff.update(id, new StaffChanges(null, null, null, null, false, null), Fixtures.SYSTEM);
    mvc.perform(get("/").session(session))
        .andExpect(status().isFound())
        .andExpect(redirectedUrl("http://localhost/connexion"));
    assertThat(session.isInvalid()).isTrue();
    // and the API refuses the deactivated member at once (Basic signs in on every request)
    mvc.perform(get("/api/staff/me").with(freshIp()).with(httpBasic(username, PASSWORD)))
        .andExpect(status().isUnauthorized());
  }
}
