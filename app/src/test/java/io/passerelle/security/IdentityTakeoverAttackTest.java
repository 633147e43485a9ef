package io.passerelle.security;

import static io.passerelle.portal.ClientFixtures.PASSWORD;
import static io.passerelle.portal.ClientFixtures.freshIp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.passerelle.account.AccountService;
import io.passerelle.account.AccountStatus;
import io.passerelle.account.InvitationService;
import io.passerelle.collaboration.CollaborationService;
import io.passerelle.contact.AccessLevel;
import io.passerelle.contact.ContactService;
import io.passerelle.contact.ContactStatus;
import io.passerelle.contact.ContactView;
import io.passerelle.contact.DossierLinkService;
import io.passerelle.contact.SubscriberType;
import io.passerelle.dossier.DossierService;
import io.passerelle.mail.DevMailServer;
import io.passerelle.portal.ClientFixtures;
import io.passerelle.staff.NewStaffMember;
import io.passerelle.staff.StaffRole;
import io.passerelle.staff.StaffService;
import io.passerelle.support.Api;
import io.passerelle.support.Fixtures;
import io.passerelle.support.Mailbox;
import io.passerelle.support.PasserelleSpringTest;
import io.passerelle.support.TestData;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * Issue 19, item 2, tried from outside: the account takeover through a contact's e-mail (the API's
 * PATCH and the page form), the other identity fields, reactivation, and a client's delegated
 * invitation to someone the firm keeps apart.
 */
@PasserelleSpringTest
class IdentityTakeoverAttackTest {

  private static final Pattern RESET_LINK =
      Pattern.compile("http://localhost:8080/acces/mot-de-passe/([A-Za-z0-9_-]{43})");
  private static final String STAFF_PASSWORD = "Un mot de passe de collaborateur 7";

  @Autowired MockMvc mvc;
  @Autowired ObjectMapper json;
  @Autowired StaffService staff;
  @Autowired DossierService dossiers;
  @Autowired ContactService contacts;
  @Autowired DossierLinkService links;
  @Autowired InvitationService invitations;
  @Autowired AccountService accounts;
  @Autowired CollaborationService collaboration;
  @Autowired DevMailServer mailServer;
  @Autowired JdbcTemplate jdbc;
  ClientFixtures clients;
  Fixtures fixtures;
  Mailbox mailbox;

  @BeforeEach
  void setUp() {
    clients =
        new ClientFixtures(staff, dossiers, contacts, links, invitations, accounts, collaboration);
    fixtures = clients.fixtures;
    mailbox = new Mailbox(mailServer);
  }

  @Test
  @DisplayName(
      "an unassigned STAFF user replays the takeover: PATCH e-mail → 403, nothing changed, no mail")
  void unassignedStaffCannotMoveTheLogin() throws Exception {
    String intruder = unassignedStaff();
    var client = clients.activeHolder();
    String victim = client.account().email();
    String attacker = TestData.email("attacker");

    // refused (403, or 404 where staff see only their dossiers' contacts)
    int refused =
        basic(patch("/api/contacts/" + client.contact().id()), intruder, Map.of("email", attacker))
            .andReturn()
            .getResponse()
            .getStatus();
    assertThat(refused).isIn(403, 404);
    // a STAFF user assigned to the dossier (hugo.bernard) meets the rule itself, naming who may
    Api.as(mvc, json, Api.STAFF)
        .patch("/api/contacts/" + client.contact().id(), Map.of("email", attacker))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.code").value("CONTACT_IDENTITY_MANAGER_ONLY"))
        .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString(Api.MANAGER)));

    assertUnchanged(client.contact().id(), victim);
    assertThat(accounts.byEmail(attacker)).isEmpty();
    // the reset the attacker would ask next reaches nobody: no account has their address
    mvc.perform(
            post("/acces/mot-de-passe-oublie")
                .with(freshIp())
                .with(csrf())
                .param("email", attacker))
        .andExpect(status().isOk());
    // the victim still signs in with their own address
    ClientFixtures.signIn(mvc, victim, PASSWORD);
    assertThat(mailbox.to(attacker)).isEmpty();
    assertThat(mailbox.to(victim)).noneMatch(m -> subject(m).contains("adresse de connexion"));
  }

  @Test
  @DisplayName("the page form POST /interlocuteurs/{id}/email as a STAFF user is a 403 page")
  void pageFormIsRefusedToo() throws Exception {
    String intruder = unassignedStaff();
    var client = clients.activeHolder();
    String victim = client.account().email();
    String attacker = TestData.email("attacker");
    MockHttpSession staffSession = staffSignIn(intruder, STAFF_PASSWORD);

    var page =
        mvc.perform(
                post("/interlocuteurs/" + client.contact().id() + "/email")
                    .session(staffSession)
                    .with(csrf())
                    .param("email", attacker))
            .andReturn()
            .getResponse();
    assertThat(page.getStatus()).isIn(403, 404);
    // and the assigned STAFF user, through the same form: the rule's own 403 page
    String refusal =
        mvc.perform(
                post("/interlocuteurs/" + client.contact().id() + "/email")
                    .session(staffSignIn(Api.STAFF, Api.passwordOf(Api.STAFF)))
                    .with(csrf())
                    .param("email", attacker))
            .andExpect(status().isForbidden())
            .andReturn()
            .getResponse()
            .getContentAsString(StandardCharsets.UTF_8);
    assertThat(refusal).contains("Seuls le responsable de chacun des dossiers");
    // the page shows the form only to those the service lets through
    String asStaff =
        mvc.perform(
                get("/interlocuteurs/" + client.contact().id())
                    .session(staffSignIn(Api.STAFF, Api.passwordOf(Api.STAFF))))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString(StandardCharsets.UTF_8);
    assertThat(asStaff)
        .contains("id=\"email-not-allowed\"")
        .doesNotContain("/interlocuteurs/" + client.contact().id() + "/email\"");
    String asManager =
        mvc.perform(
                get("/interlocuteurs/" + client.contact().id())
                    .session(staffSignIn(Api.MANAGER, Api.passwordOf(Api.MANAGER))))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString(StandardCharsets.UTF_8);
    assertThat(asManager)
        .doesNotContain("id=\"email-not-allowed\"")
        .contains("/interlocuteurs/" + client.contact().id() + "/email\"");
    assertUnchanged(client.contact().id(), victim);
    assertThat(mailbox.to(attacker)).isEmpty();
  }

  @Test
  @DisplayName(
      "the manager of one of the contact's two dossiers is refused; the 403 names the other one")
  void managerOfOneDossierOnly() throws Exception {
    var client = clients.activeHolder(); // dossier managed by claire.martin
    var other = fixtures.dossier(Api.OTHER_MANAGER);
    fixtures.link(other.id(), client.contact().id(), false, AccessLevel.READ_ONLY);
    String victim = client.account().email();
    String target = TestData.email("moved");

    Api.as(mvc, json, Api.MANAGER)
        .patch("/api/contacts/" + client.contact().id(), Map.of("email", target))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.code").value("CONTACT_IDENTITY_MANAGER_ONLY"))
        .andExpect(
            jsonPath("$.detail").value(org.hamcrest.Matchers.containsString(Api.OTHER_MANAGER)));
    assertUnchanged(client.contact().id(), victim);
    assertThat(mailbox.to(target)).isEmpty();

    // the administrator may
    Api.as(mvc, json, Api.ADMIN)
        .patch("/api/contacts/" + client.contact().id(), Map.of("email", target))
        .andExpect(status().isOk());
    assertThat(contacts.get(client.contact().id()).email()).isEqualTo(target);
  }

  @Test
  @DisplayName(
      "the manager of every dossier moves the login: the old address is told, the old session"
          + " and the old reset link die, the new address signs in")
  void managerOfAllMovesTheLogin() throws Exception {
    var client = clients.activeHolder();
    var second = fixtures.dossier(Api.MANAGER);
    fixtures.link(second.id(), client.contact().id(), false, AccessLevel.READ_ONLY);
    String old = client.account().email();
    String moved = TestData.email("moved");

    MockHttpSession before = ClientFixtures.signIn(mvc, old, PASSWORD);
    mvc.perform(get("/espace").session(before)).andExpect(status().isOk());
    mvc.perform(post("/acces/mot-de-passe-oublie").with(freshIp()).with(csrf()).param("email", old))
        .andExpect(status().isOk());
    String resetToken = resetToken(mailbox.await(old, 1).getFirst());

    Api.as(mvc, json, Api.MANAGER)
        .patch("/api/contacts/" + client.contact().id(), Map.of("email", moved))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.contact.email").value(moved));

    // the old address is told, in French, with the new address masked
    MimeMessage notice = mailbox.await(old, 2).get(1);
    assertThat(subject(notice))
        .isEqualTo("L'adresse de connexion de votre espace client Cabinet Exemple a changé");
    String text = Mailbox.text(notice);
    assertThat(text).contains("m***@").doesNotContain(moved).contains("ne vient pas de vous");
    assertThat(mailbox.to(moved)).isEmpty();

    // the session opened before gets the sign-in page on its next request
    mvc.perform(get("/espace").session(before))
        .andExpect(status().isFound())
        .andExpect(redirectedUrl("http://localhost/espace/connexion"));
    // the reset link mailed to the old address is dead
    mvc.perform(get("/acces/mot-de-passe/" + resetToken).with(freshIp()))
        .andExpect(status().isNotFound());
    // the old address no longer signs in; the new one does, with the same password
    mvc.perform(
            post("/espace/connexion")
                .with(freshIp())
                .with(csrf())
                .param("email", old)
                .param("password", PASSWORD))
        .andExpect(redirectedUrl("/espace/connexion?erreur"));
    MockHttpSession after = ClientFixtures.signIn(mvc, moved, PASSWORD);
    mvc.perform(get("/espace").session(after)).andExpect(status().isOk());

    // the same request again changes nothing and tells nobody twice
    Api.as(mvc, json, Api.MANAGER)
        .patch("/api/contacts/" + client.contact().id(), Map.of("email", moved))
        .andExpect(status().isOk());
    mvc.perform(get("/espace").session(after)).andExpect(status().isOk());
    assertThat(
            jdbc.queryForObject(
                "select count(*) from mail_log where kind = 'LOGIN_CHANGED' and message_key like ?",
                Integer.class,
                "account/" + client.account().id() + "/%"))
        .isEqualTo(1);
  }

  @Test
  @DisplayName(
      "a STAFF user cannot change the type, role or read-only flag, nor reactivate; other fields"
          + " stay open")
  void otherIdentityFields() throws Exception {
    String intruder = assignedStaff();
    var client = clients.activeHolder();
    long id = client.contact().id();
    String path = "/api/contacts/" + id;
    for (Map<String, Object> change :
        java.util.List.<Map<String, Object>>of(
            Map.of("subscriberType", "ADVISOR", "advisorType", "NOTARY"),
            Map.of("organisationalRoleCode", "CONJOINT"),
            Map.of("consultationOnly", true))) {
      basic(patch(path), intruder, change)
          .andExpect(status().isForbidden())
          .andExpect(jsonPath("$.code").value("CONTACT_IDENTITY_MANAGER_ONLY"));
    }
    ContactView after = contacts.get(id);
    assertThat(after.subscriberType()).isEqualTo(SubscriberType.CLIENT);
    assertThat(after.organisationalRole().code()).isEqualTo("DIRIGEANT");
    assertThat(after.consultationOnly()).isFalse();

    // the same values, and the phone, are not an identity change
    basic(
            patch(path),
            intruder,
            Map.of(
                "subscriberType", "CLIENT", "phone", "01 23 45 67 89", "consultationOnly", false))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.contact.phone").value("01 23 45 67 89"));

    // reactivation
    var deactivatable = fixtures.contact(SubscriberType.FAMILY_MEMBER);
    var dossier = fixtures.dossier(Api.MANAGER);
    fixtures.link(dossier.id(), deactivatable.id(), false, AccessLevel.READ_ONLY);
    accounts.findOrCreate(deactivatable.id(), deactivatable.email(), Fixtures.SYSTEM);
    contacts.delete(deactivatable.id(), Fixtures.SYSTEM);
    assertThat(contacts.get(deactivatable.id()).status()).isEqualTo(ContactStatus.DEACTIVATED);
    basic(post("/api/contacts/" + deactivatable.id() + "/reactivation"), intruder, null)
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.code").value("CONTACT_IDENTITY_MANAGER_ONLY"));
    assertThat(contacts.get(deactivatable.id()).status()).isEqualTo(ContactStatus.DEACTIVATED);
    Api.as(mvc, json, Api.ADMIN)
        .post("/api/contacts/" + deactivatable.id() + "/reactivation", null)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("ACTIVE"));
  }

  @Test
  @DisplayName(
      "a client's invitation to an advisor's or a deactivated contact's address is refused;"
          + " nothing is reused or enabled")
  void delegatedInvitationNeverReuses() throws Exception {
    var holder = clients.activeHolder();
    MockHttpSession session = ClientFixtures.signIn(mvc, holder.account().email(), PASSWORD);

    ContactView advisor = fixtures.contact(SubscriberType.ADVISOR);
    ContactView gone = fixtures.contact(SubscriberType.FAMILY_MEMBER);
    var elsewhere = fixtures.dossier(Api.OTHER_MANAGER);
    fixtures.link(elsewhere.id(), gone.id(), false, AccessLevel.READ_ONLY);
    accounts.findOrCreate(gone.id(), gone.email(), Fixtures.SYSTEM);
    contacts.delete(gone.id(), Fixtures.SYSTEM);
    assertThat(accounts.forContact(gone.id()).orElseThrow().status())
        .isEqualTo(AccountStatus.DISABLED);

    for (String email : java.util.List.of(advisor.email(), gone.email().toUpperCase())) {
      String page =
          mvc.perform(
                  post("/espace/dossiers/" + holder.dossier().id() + "/invitations")
                      .session(session)
                      .with(csrf())
                      .with(freshIp())
                      .param("requestId", java.util.UUID.randomUUID().toString())
                      .param("firstName", "Paul")
                      .param("lastName", "Martin")
                      .param("email", email)
                      .param("subscriberType", "FAMILY_MEMBER")
                      .param("role", "CONJOINT")
                      .param("accessLevel", "READ_ONLY")
                      .param("offerCode", "START")
                      .param("language", "fr"))
              .andExpect(status().isUnprocessableEntity())
              .andReturn()
              .getResponse()
              .getContentAsString(StandardCharsets.UTF_8);
      var error = Pattern.compile("id=\"invite-error\"[^>]*>([^<]*)<").matcher(page);
      assertThat(error.find()).as(page).isTrue();
      // the same sentence for both: it tells nothing of who has the address
      assertThat(error.group(1))
          .isEqualTo(
              "Cette personne ne peut pas être invitée depuis votre espace : demandez à votre"
                  + " cabinet de lui donner accès.");
    }
    assertThat(links.liveLinkOf(holder.dossier().id(), advisor.id())).isEmpty();
    assertThat(links.liveLinkOf(holder.dossier().id(), gone.id())).isEmpty();
    assertThat(contacts.get(gone.id()).status()).isEqualTo(ContactStatus.DEACTIVATED);
    assertThat(accounts.forContact(gone.id()).orElseThrow().status())
        .isEqualTo(AccountStatus.DISABLED);
    assertThat(mailbox.to(advisor.email())).isEmpty();
    assertThat(mailbox.to(gone.email())).isEmpty();
  }

  @Test
  @DisplayName(
      "the same change sent twice at once moves the login once and tells the old address once,"
          + " in English for an English-speaking client")
  void twiceAtOnceInEnglish() throws Exception {
    var client =
        clients.invited(
            fixtures.dossier(Api.MANAGER),
            SubscriberType.CLIENT,
            true,
            AccessLevel.READ_WRITE,
            io.passerelle.contact.Language.en,
            null);
    invitations.accept(client.token(), PASSWORD);
    String old = client.account().email();
    String moved = TestData.email("moved");
    var start = new java.util.concurrent.CountDownLatch(1);
    var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      var answers = new java.util.ArrayList<java.util.concurrent.Future<Integer>>();
      for (int i = 0; i < 2; i++) {
        answers.add(
            pool.submit(
                () -> {
                  start.await();
                  return Api.as(mvc, json, Api.MANAGER)
                      .patch("/api/contacts/" + client.contact().id(), Map.of("email", moved))
                      .andReturn()
                      .getResponse()
                      .getStatus();
                }));
      }
      start.countDown();
      for (var answer : answers) {
        assertThat(answer.get(30, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(200);
      }
    } finally {
      pool.shutdownNow();
    }
    MimeMessage notice = mailbox.await(old, 1).getFirst();
    assertThat(subject(notice))
        .isEqualTo("The sign-in address of your Cabinet Exemple client space changed");
    assertThat(Mailbox.text(notice)).contains("m***@test.example").contains("Hello");
    assertThat(
            jdbc.queryForObject(
                "select session_generation from client_account where id = ?",
                Integer.class,
                client.account().id()))
        .isEqualTo(1);
    assertThat(
            jdbc.queryForObject(
                "select count(*) from mail_log where kind = 'LOGIN_CHANGED' and message_key like ?",
                Integer.class,
                "account/" + client.account().id() + "/%"))
        .isEqualTo(1);
  }

  // ---- helpers ----

  /** hugo.bernard: STAFF, assigned to every dossier the fixtures make. */
  private String assignedStaff() {
    return Api.STAFF;
  }

  private String unassignedStaff() {
    String username = TestData.unique("lea.petit").toLowerCase().replaceAll("[^a-z0-9._-]", "");
    staff.create(
        new NewStaffMember(
            username, TestData.email("lea"), "Léa", "Petit", StaffRole.STAFF, STAFF_PASSWORD),
        fixtures.actor(Api.ADMIN));
    return username;
  }

  private ResultActions basic(
      org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request,
      String username,
      Object body)
      throws Exception {
    request.with(
        httpBasic(
            username, Api.STAFF.equals(username) ? Api.passwordOf(username) : STAFF_PASSWORD));
    if (body != null) {
      request.contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(body));
    }
    return mvc.perform(request);
  }

  private MockHttpSession staffSignIn(String username, String password) throws Exception {
    var result =
        mvc.perform(
                post("/connexion")
                    .param("username", username)
                    .param("password", password)
                    .with(csrf()))
            .andExpect(status().isFound())
            .andExpect(redirectedUrl("/"))
            .andReturn();
    return (MockHttpSession) result.getRequest().getSession(false);
  }

  private void assertUnchanged(long contactId, String email) {
    assertThat(contacts.get(contactId).email()).isEqualTo(email);
    assertThat(accounts.forContact(contactId).orElseThrow().email()).isEqualTo(email);
    assertThat(accounts.forContact(contactId).orElseThrow().status())
        .isEqualTo(AccountStatus.ACTIVE);
  }

  private static String subject(MimeMessage message) {
    return Mailbox.subject(message);
  }

  private static String resetToken(MimeMessage mail) {
    var matcher = RESET_LINK.matcher(Mailbox.text(mail));
    assertThat(matcher.find()).isTrue();
    return matcher.group(1);
  }
}
