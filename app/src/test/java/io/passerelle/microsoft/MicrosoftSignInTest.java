package io.passerelle.microsoft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.passerelle.account.AccountService;
import io.passerelle.account.AccountStatus;
import io.passerelle.account.AccountView;
import io.passerelle.account.InvitationService;
import io.passerelle.account.InvitationStatus;
import io.passerelle.activity.ActivityFilter;
import io.passerelle.activity.ActivityService;
import io.passerelle.catalog.CatalogService;
import io.passerelle.collaboration.CollaborationService;
import io.passerelle.contact.ContactService;
import io.passerelle.contact.DossierLinkService;
import io.passerelle.dossier.DossierService;
import io.passerelle.dossier.WidgetState;
import io.passerelle.mail.DevMailServer;
import io.passerelle.onboarding.OnboardingService;
import io.passerelle.portal.ClientFixtures;
import io.passerelle.staff.StaffService;
import io.passerelle.support.Api;
import io.passerelle.support.EntraIdProvider.Person;
import io.passerelle.support.Fixtures;
import io.passerelle.support.IsolatedSpringTest;
import io.passerelle.support.Mailbox;
import io.passerelle.support.TestData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Issue 23, items 3 and 4, through the whole OpenID Connect exchange with a real provider ({@link
 * io.passerelle.support.EntraIdProvider}): the first sign-in activates a Microsoft client's account
 * once; another Microsoft identity with the same address, an unknown address, a password account
 * are refused; staff sign in by address and keep Passerelle's role; an unknown member, a guest of
 * the tenant and a forged callback are refused; neither side's session opens the other's pages.
 */
@IsolatedSpringTest
class MicrosoftSignInTest extends MicrosoftSignInContext {

  @Autowired MockMvc mvc;
  @Autowired ObjectMapper json;
  @Autowired StaffService staff;
  @Autowired DossierService dossiers;
  @Autowired ContactService contacts;
  @Autowired DossierLinkService links;
  @Autowired CatalogService catalog;
  @Autowired OnboardingService onboardings;
  @Autowired InvitationService invitations;
  @Autowired AccountService accounts;
  @Autowired CollaborationService collaboration;
  @Autowired ActivityService activity;
  @Autowired DevMailServer mailServer;
  @Autowired JdbcClient jdbc;
  @Autowired UserDetailsService users;

  MicrosoftOnboardings microsoft;
  Mailbox mailbox;

  @BeforeEach
  void setUp() {
    var fixtures = new Fixtures(staff, dossiers, contacts, links);
    microsoft =
        new MicrosoftOnboardings(
            Api.as(mvc, json, Api.MANAGER), fixtures, catalog, onboardings, invitations, dossiers);
    mailbox = new Mailbox(mailServer);
  }

  @Test
  @DisplayName(
      "the invitation says Microsoft; the first sign-in activates once; the same sign-in again"
          + " changes nothing")
  void firstSignInActivatesOnce() throws Exception {
    String email = TestData.email("jeanne.ms");
    var proposed = microsoft.propose(email);
    String text = Mailbox.text(mailbox.await(email, 1).getFirst());
    assertThat(text)
        .contains("Connectez-vous avec votre compte Microsoft. Votre identifiant : " + email)
        .contains("celui de votre compte Microsoft")
        .doesNotContain("vous choisirez vous-même votre mot de passe");
    Person jeanne = PROVIDER.user(Person.guest(email));

    var first = new SignInFlow(base).signIn("/oauth2/authorization/microsoft", jeanne);
    assertThat(first.location()).isEqualTo(base + "/espace?bienvenue");
    microsoft.awaitOnboarded(proposed.onboardingId());
    AccountView account = accounts.byEmail(email).orElseThrow();
    assertThat(account.status()).isEqualTo(AccountStatus.ACTIVE);
    assertThat(oidOf(account.id())).isEqualTo(jeanne.oid());
    assertThat(passwordHashOf(account.id())).isNull();
    assertThat(microsoft.widgetOf(proposed.dossier().id())).isEqualTo(WidgetState.ENABLED);

    var again = new SignInFlow(base);
    var second = again.signIn("/oauth2/authorization/microsoft", jeanne);
    assertThat(second.location()).isEqualTo(base + "/espace");
    assertThat(again.get(base + "/espace").status()).isEqualTo(200);
    AccountView after = accounts.get(account.id());
    assertThat(after.activatedAt()).isEqualTo(account.activatedAt());
    assertThat(count(proposed.dossier().id(), "ACCOUNT_ACTIVATED")).isEqualTo(1);
    assertThat(count(proposed.dossier().id(), "INVITATION_ACCEPTED")).isEqualTo(1);
  }

  @Test
  @DisplayName("another Microsoft identity with the client's address is refused (account takeover)")
  void otherObjectIdRefused() throws Exception {
    String email = TestData.email("prise");
    microsoft.propose(email);
    Person owner = PROVIDER.user(Person.guest(email));
    new SignInFlow(base).signIn("/oauth2/authorization/microsoft", owner);

    Person impostor = PROVIDER.user(owner.impersonatedBy(TestData.email("imposteur")));
    var flow = new SignInFlow(base);
    var refused = flow.signIn("/oauth2/authorization/microsoft", impostor);
    assertThat(refused.location())
        .endsWith("/espace/connexion/microsoft-refusee?motif=OTHER_IDENTITY");
    var page = flow.get(refused.location());
    assertThat(page.status()).isEqualTo(403);
    assertThat(page.body()).contains("lié à un autre compte Microsoft");
    assertThat(flow.get(base + "/espace").location()).endsWith("/espace/connexion");
    assertThat(oidOf(accounts.byEmail(email).orElseThrow().id())).isEqualTo(owner.oid());
  }

  @Test
  @DisplayName(
      "a guest deleted and invited again (a new object id) is refused until the dossier's manager"
          + " forgets the kept identity (API, page with its confirmation; twice is once, one feed"
          + " entry); the next sign-in keeps the new one")
  void staffForgetTheKeptIdentity() throws Exception {
    String email = TestData.email("reinvitee");
    var proposed = microsoft.propose(email);
    Person before = PROVIDER.user(Person.guest(email));
    new SignInFlow(base).signIn("/oauth2/authorization/microsoft", before);
    long accountId = accounts.byEmail(email).orElseThrow().id();
    long contactId = accounts.get(accountId).contactId();
    assertThat(accounts.get(accountId).microsoftIdentityKept()).isTrue();

    // deleted from the tenant and invited again: the same address, a new object id
    Person after = PROVIDER.user(Person.guest(email));
    assertThat(after.oid()).isNotEqualTo(before.oid());
    assertThat(new SignInFlow(base).signIn("/oauth2/authorization/microsoft", after).location())
        .endsWith("motif=OTHER_IDENTITY");

    // the contact page shows the kept identity and the form, behind its confirmation
    String contactPage = "/interlocuteurs/" + contactId;
    assertThat(page(contactPage, Api.MANAGER))
        .contains("id=\"microsoft-identity-form\"")
        .contains("name=\"confirmation\"")
        .contains("Oublier l'identité Microsoft retenue");
    String forget = contactPage + "/identite-microsoft/oublier";
    var unconfirmed =
        mvc.perform(post(forget).with(csrf()).with(user(users.loadUserByUsername(Api.MANAGER))))
            .andExpect(status().is3xxRedirection())
            .andReturn();
    assertThat(String.valueOf(unconfirmed.getFlashMap().get("failure")))
        .contains("Cochez la case de confirmation");
    assertThat(oidOf(accountId)).as("nothing without the confirmation").isEqualTo(before.oid());

    // refused: anonymous, staff who do not manage the contact's dossier, a client
    String api = "/api/accounts/" + accountId + "/microsoft-identity";
    assertThat(mvc.perform(delete(api)).andReturn().getResponse().getStatus()).isEqualTo(401);
    assertThat(
            mvc.perform(post(forget).param("confirmation", "oui").with(csrf()))
                .andReturn()
                .getResponse()
                .getRedirectedUrl())
        .contains("/connexion");
    MockHttpServletResponse otherManager =
        mvc.perform(
                delete(api)
                    .with(httpBasic(Api.OTHER_MANAGER, Api.passwordOf(Api.OTHER_MANAGER)))
                    .accept(org.springframework.http.MediaType.APPLICATION_JSON))
            .andReturn()
            .getResponse();
    assertThat(otherManager.getStatus()).as("not her dossier: unknown").isEqualTo(404);
    assertThat(otherManager.getContentAsString()).doesNotContain(email);
    assertThat(
            mvc.perform(
                    post(forget)
                        .param("confirmation", "oui")
                        .with(csrf())
                        .with(user(users.loadUserByUsername(Api.OTHER_MANAGER))))
                .andReturn()
                .getResponse()
                .getStatus())
        .isEqualTo(404);
    // assigned to the dossier, but not its manager: the contact's identity is not theirs
    Api.as(mvc, json, Api.STAFF)
        .delete(api)
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.code").value("CONTACT_IDENTITY_MANAGER_ONLY"));
    assertThat(page(contactPage, Api.STAFF)).doesNotContain("id=\"microsoft-identity-form\"");
    var clients =
        new ClientFixtures(staff, dossiers, contacts, links, invitations, accounts, collaboration);
    var client = clients.activeHolder();
    MockHttpSession clientSession =
        ClientFixtures.signInAsBrowser(mvc, client.account().email(), ClientFixtures.PASSWORD);
    assertThat(
            mvc.perform(delete(api).session(clientSession)).andReturn().getResponse().getStatus())
        .isIn(401, 403);
    MockHttpServletResponse asClient =
        mvc.perform(post(forget).param("confirmation", "oui").with(csrf()).session(clientSession))
            .andReturn()
            .getResponse();
    assertThat(asClient.getStatus()).isIn(302, 401, 403);
    if (asClient.getStatus() == 302) {
      assertThat(asClient.getRedirectedUrl()).contains("/connexion");
    }
    assertThat(oidOf(accountId)).as("nothing refused changed it").isEqualTo(before.oid());
    assertThat(cleared(contactId)).isZero();

    // the dossier's manager, through the API: cleared; again: nothing more
    Api manager = Api.as(mvc, json, Api.MANAGER);
    manager
        .delete(api)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.cleared").value(true))
        .andExpect(jsonPath("$.account.microsoftIdentityKept").value(false));
    manager.delete(api).andExpect(status().isOk()).andExpect(jsonPath("$.cleared").value(false));
    assertThat(oidOf(accountId)).isNull();
    // and the page's button, confirmed, twice: nothing more either
    for (int click = 0; click < 2; click++) {
      var done =
          mvc.perform(
                  post(forget)
                      .param("confirmation", "oui")
                      .with(csrf())
                      .with(user(users.loadUserByUsername(Api.MANAGER))))
              .andExpect(status().is3xxRedirection())
              .andReturn();
      assertThat(String.valueOf(done.getFlashMap().get("success"))).contains("oubliée");
    }
    assertThat(cleared(contactId)).as("one feed entry for four requests").isEqualTo(1);
    assertThat(page(contactPage, Api.MANAGER)).contains("id=\"microsoft-identity-none\"");

    // the next Microsoft sign-in keeps the new identity; the account stays as it was
    var flow = new SignInFlow(base);
    assertThat(flow.signIn("/oauth2/authorization/microsoft", after).location())
        .isEqualTo(base + "/espace");
    assertThat(flow.get(base + "/espace").status()).isEqualTo(200);
    assertThat(oidOf(accountId)).isEqualTo(after.oid());
    assertThat(accounts.get(accountId).status()).isEqualTo(AccountStatus.ACTIVE);
    assertThat(count(proposed.dossier().id(), "ACCOUNT_ACTIVATED")).isEqualTo(1);
  }

  @Test
  @DisplayName("before its first sign-in, an account is not taken by an identity already kept")
  void keptObjectIdCannotTakeAnotherAccount() throws Exception {
    String first = TestData.email("premier");
    microsoft.propose(first);
    Person person = PROVIDER.user(Person.guest(first));
    new SignInFlow(base).signIn("/oauth2/authorization/microsoft", person);

    String second = TestData.email("second");
    microsoft.propose(second);
    // the same object id, now showing the second client's address
    Person sameOid =
        PROVIDER.user(
            new Person(
                TestData.email("meme-oid"), person.password(), person.oid(), second, "X", null));
    var refused = new SignInFlow(base).signIn("/oauth2/authorization/microsoft", sameOid);
    assertThat(refused.location()).endsWith("motif=EMAIL_MISMATCH");
    assertThat(accounts.byEmail(second).orElseThrow().status()).isEqualTo(AccountStatus.PENDING);
  }

  @Test
  @DisplayName("an unknown address and a password account are not opened by Microsoft")
  void unknownAndPasswordAccountsRefused() throws Exception {
    Person stranger = PROVIDER.user(Person.guest(TestData.email("inconnu")));
    assertThat(new SignInFlow(base).signIn("/oauth2/authorization/microsoft", stranger).location())
        .endsWith("motif=UNKNOWN");

    var clients =
        new ClientFixtures(staff, dossiers, contacts, links, invitations, accounts, collaboration);
    var active = clients.activeHolder();
    Person same = PROVIDER.user(Person.guest(active.account().email()));
    var flow = new SignInFlow(base);
    assertThat(flow.signIn("/oauth2/authorization/microsoft", same).location())
        .endsWith("motif=PASSWORD_ACCOUNT");
    assertThat(flow.get(base + "/espace").location()).endsWith("/espace/connexion");
    assertThat(oidOf(active.account().id())).isNull();
  }

  @Test
  @DisplayName("a Microsoft client's activation link never takes a password")
  void noPasswordForMicrosoftAccounts() throws Exception {
    String email = TestData.email("sans.mdp");
    microsoft.propose(email);
    String token = Mailbox.activationToken(mailbox.await(email, 1).getFirst());
    String page =
        mvc.perform(
                org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(
                    "/activation/" + token))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(page)
        .contains("Se connecter avec Microsoft")
        .contains("/oauth2/authorization/microsoft?login_hint=")
        .doesNotContain("id=\"activation-form\"");
    mvc.perform(
            ClientFixtures.activateAsBrowser(
                    mvc, token, ClientFixtures.PASSWORD, ClientFixtures.PASSWORD)
                .with(ClientFixtures.freshIp()))
        .andExpect(status().isConflict());
    AccountView account = accounts.byEmail(email).orElseThrow();
    assertThat(account.status()).isEqualTo(AccountStatus.PENDING);
    assertThat(passwordHashOf(account.id())).isNull();
    assertThat(invitations.forAccount(account.id()).getFirst().status())
        .isEqualTo(InvitationStatus.SENT);
  }

  @Test
  @DisplayName("staff sign in with Microsoft by address and keep Passerelle's role")
  void staffSingleSignOn() throws Exception {
    Person claire = PROVIDER.user(Person.member("claire.martin@cabinet.example"));
    var flow = new SignInFlow(base);
    var signedIn = flow.signIn("/oauth2/authorization/microsoft-staff", claire);
    assertThat(signedIn.location()).isEqualTo(base + "/");
    assertThat(flow.get(base + "/").status()).isEqualTo(200);
    // a MANAGER, not an administrator: the retention runs stay closed
    assertThat(flow.get(base + "/conservation").status()).isEqualTo(403);
    // and a staff session is no client session
    assertThat(flow.get(base + "/espace").location()).endsWith("/espace/connexion");
  }

  @Test
  @DisplayName("staff: an unknown address and a guest of the tenant are refused; nobody is created")
  void staffRefusals() throws Exception {
    long before = jdbc.sql("select count(*) from staff_member").query(Long.class).single();
    Person unknown = PROVIDER.user(Person.member(TestData.email("nouveau.collaborateur")));
    var flow = new SignInFlow(base);
    var refused = flow.signIn("/oauth2/authorization/microsoft-staff", unknown);
    assertThat(refused.location()).endsWith("/connexion/microsoft-refusee?motif=inconnu");
    var page = flow.get(refused.location());
    assertThat(page.status()).isEqualTo(403);
    assertThat(page.body()).contains("Passerelle ne crée pas de compte");
    assertThat(flow.get(base + "/portefeuille").location()).endsWith("/connexion");

    // a client of the firm (a guest of its tenant) at the staff's door, with a staff address
    Person guest = PROVIDER.user(Person.guest("hugo.bernard@cabinet.example"));
    assertThat(
            new SignInFlow(base).signIn("/oauth2/authorization/microsoft-staff", guest).location())
        .endsWith("motif=invite");
    assertThat(jdbc.sql("select count(*) from staff_member").query(Long.class).single())
        .isEqualTo(before);
  }

  @Test
  @DisplayName("a client's Microsoft session opens no staff page; a staff member is no client")
  void crossRoles() throws Exception {
    String email = TestData.email("croise");
    microsoft.propose(email);
    Person client = PROVIDER.user(Person.guest(email));
    var flow = new SignInFlow(base);
    flow.signIn("/oauth2/authorization/microsoft", client);
    assertThat(flow.get(base + "/espace").status()).isEqualTo(200);
    assertThat(flow.get(base + "/portefeuille").location()).endsWith("/connexion");
    assertThat(flow.get(base + "/api/dossiers").status()).isEqualTo(401);

    Person claire = PROVIDER.user(Person.member("claire.martin@cabinet.example"));
    assertThat(new SignInFlow(base).signIn("/oauth2/authorization/microsoft", claire).location())
        .endsWith("motif=UNKNOWN");
  }

  @Test
  @DisplayName("a forged or replayed callback signs nobody in")
  void forgedCallbacks() throws Exception {
    var flow = new SignInFlow(base);
    var client = flow.get(base + "/login/oauth2/code/microsoft?code=vole&state=invente");
    assertThat(client.location()).endsWith("/espace/connexion/microsoft-refusee?motif=FAILED");
    var staffAnswer = flow.get(base + "/login/oauth2/code/microsoft-staff?code=vole&state=x");
    assertThat(staffAnswer.location()).endsWith("/connexion/microsoft-refusee?motif=echec");
    assertThat(flow.get(base + "/espace").location()).endsWith("/espace/connexion");
    assertThat(flow.get(base + "/").location()).endsWith("/connexion");
    // the refusal pages take no reason they do not know
    var odd = flow.get(base + "/espace/connexion/microsoft-refusee?motif=%3Cscript%3E");
    assertThat(odd.status()).isEqualTo(403);
    assertThat(odd.body()).doesNotContain("<script>").contains("data-reason=\"FAILED\"");
  }

  @Test
  @DisplayName("the sign-in pages offer Microsoft; the request carries state, nonce and PKCE")
  void authorizationRequest() throws Exception {
    var flow = new SignInFlow(base);
    assertThat(flow.get(base + "/espace/connexion").body())
        .contains("/oauth2/authorization/microsoft\"");
    assertThat(flow.get(base + "/connexion").body())
        .contains("/oauth2/authorization/microsoft-staff\"");
    String hint = "jeanne@example.fr";
    var redirect = flow.get(base + "/oauth2/authorization/microsoft?login_hint=" + hint);
    String sent =
        java.net.URLDecoder.decode(redirect.location(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(sent)
        .startsWith(PROVIDER.issuer().replace("/v2.0", "/oauth2/v2.0/authorize"))
        .contains("state=")
        .contains("nonce=")
        .contains("code_challenge=")
        .contains("code_challenge_method=S256")
        .contains("login_hint=" + hint)
        .contains("redirect_uri=" + base + "/login/oauth2/code/microsoft")
        .doesNotContain("microsoft-staff")
        .contains("client_id=" + io.passerelle.support.EntraIdProvider.CLIENT_ID);
    // an address that is not one is not passed on
    assertThat(flow.get(base + "/oauth2/authorization/microsoft?login_hint=%22x%22").location())
        .doesNotContain("login_hint");
  }

  private String oidOf(long accountId) {
    return jdbc.sql("select microsoft_oid from client_account where id = ?")
        .param(accountId)
        .query(String.class)
        .list()
        .getFirst();
  }

  private String passwordHashOf(long accountId) {
    return jdbc.sql("select password_hash from client_account where id = ?")
        .param(accountId)
        .query(String.class)
        .list()
        .getFirst();
  }

  private long count(long dossierId, String type) {
    return activity
        .list(new ActivityFilter(dossierId, null, null, null, null), PageRequest.of(0, 200))
        .stream()
        .filter(a -> a.type().name().equals(type))
        .count();
  }

  /** The feed's entries saying the contact's kept Microsoft identity was cleared. */
  private long cleared(long contactId) {
    return activity
        .list(
            new ActivityFilter(
                null,
                contactId,
                io.passerelle.activity.ActivityType.ACCOUNT_MICROSOFT_IDENTITY_CLEARED,
                null,
                null),
            PageRequest.of(0, 200))
        .getTotalElements();
  }

  private String page(String path, String username) throws Exception {
    return mvc.perform(
            org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(path)
                .with(user(users.loadUserByUsername(username))))
        .andExpect(status().isOk())
        .andReturn()
        .getResponse()
        .getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
  }
}
