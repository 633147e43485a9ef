package io.passerelle.microsoft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.passerelle.account.AccountService;
import io.passerelle.account.InvitationService;
import io.passerelle.catalog.CatalogService;
import io.passerelle.collaboration.CollaborationService;
import io.passerelle.contact.ContactService;
import io.passerelle.contact.DossierLinkService;
import io.passerelle.dossier.DossierService;
import io.passerelle.onboarding.OnboardingService;
import io.passerelle.onboarding.OnboardingStatus;
import io.passerelle.portal.ClientFixtures;
import io.passerelle.staff.StaffService;
import io.passerelle.support.Api;
import io.passerelle.support.Fixtures;
import io.passerelle.support.IsolatedSpringTest;
import io.passerelle.support.TestData;
import io.passerelle.web.Links;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Issue 23, item 5, through the whole application (embedded engine, PostgreSQL) with the local
 * Graph of {@link MicrosoftSignInContext} (its context, shared with the sign-in tests: the suite's
 * shared context has no tenant configured): an onboarding of a Microsoft offer whose contact is not
 * in the firm's tenant invites them as a guest, waits on the pending-activation list as a line of
 * its own with the guest invitation's state, and the staff's resend and cancel from that list, its
 * API and the contact page reach Microsoft Graph — once per click.
 */
@IsolatedSpringTest
class GuestInvitationRowsTest extends MicrosoftSignInContext {

  private static final String MESSAGE = "Bonjour, voici votre accès au cabinet.";

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
  @Autowired GuestInvitationService guests;
  @Autowired UserDetailsService users;
  @Autowired Links appLinks;
  @Autowired JdbcClient jdbc;
  @Autowired io.passerelle.onboarding.StaffTaskService tasks;
  @Autowired io.passerelle.activity.ActivityService activity;

  MicrosoftOnboardings microsoft;
  Fixtures fixtures;

  @BeforeEach
  void setUp() {
    fixtures = new Fixtures(staff, dossiers, contacts, links);
    microsoft =
        new MicrosoftOnboardings(
            Api.as(mvc, json, Api.MANAGER), fixtures, catalog, onboardings, invitations, dossiers);
  }

  @Test
  @DisplayName(
      "not in the tenant: POST /invitations with the address, redirect URL, mail and message; a"
          + " line 'pending acceptance' on the list; resent from the list once for a double"
          + " click; cancelled from the list: the engine deletes the guest (DELETE /users/{id}),"
          + " the line goes")
  void waitingGuestResentAndCancelledFromTheList() throws Exception {
    var waiting = waitingGuest("liste");
    long id = waiting.onboardingId();

    RecordedRequest invitation = graphInvitationsTo(waiting.email()).getFirst();
    assertThat(invitation.getMethod()).isEqualTo("POST");
    assertThat(invitation.getRequestUrl().encodedPath()).isEqualTo("/v1.0/invitations");
    assertThat(invitation.getHeader("Authorization")).startsWith("Bearer ");
    JsonNode body = json.readTree(invitation.getBody().clone().readUtf8());
    assertThat(body.path("invitedUserEmailAddress").asText()).isEqualTo(waiting.email());
    assertThat(body.path("inviteRedirectUrl").asText()).isEqualTo(appLinks.clientSignIn());
    assertThat(body.path("sendInvitationMessage").asBoolean()).isTrue();
    assertThat(body.at("/invitedUserMessageInfo/customizedMessageBody").asText())
        .isEqualTo(MESSAGE);
    assertThat(invitations.forOnboarding(id)).as("no service invitation yet").isEmpty();

    // the API's line: no invitation, the onboarding's id, the guest invitation's state
    JsonNode line = pendingLine(id);
    assertThat(line.path("kind").asText()).isEqualTo("GUEST_INVITATION");
    assertThat(line.path("invitationId").isNull()).isTrue();
    assertThat(line.path("guestInvitation").asText()).isEqualTo("PENDING_ACCEPTANCE");
    assertThat(line.path("email").asText()).isEqualTo(waiting.email());
    assertThat(line.path("sentAt").isNull()).as("the service invitation's").isTrue();
    assertThat(line.path("guestSentAt").isNull()).isFalse();
    // the page's line: a box naming the onboarding, the state beside the service invitation's
    String page = page("/activations-en-attente?ordre=desc");
    assertThat(page)
        .contains("name=\"onboarding\" value=\"" + id + "\"")
        .contains("data-kind=\"GUEST_INVITATION\"")
        .contains("En attente d&#39;acceptation")
        .contains("Après l'invitation Microsoft");

    // resend from the list, a double click: one POST /invitations
    sentMinutesAgo(id);
    MvcResult first = listAction("renvoyer", id);
    MvcResult second = listAction("renvoyer", id);
    assertThat(first.getFlashMap().get("success")).isEqualTo("1 invitation(s) renvoyée(s).");
    assertThat(second.getFlashMap().get("failure")).isNull();
    assertThat(graphInvitationsTo(waiting.email())).as("the first and one resend").hasSize(2);
    assertThat(guests.state(id).remindersSent()).as("not a reminder").isZero();

    // cancel from the list, a double click: the engine's cancellation deletes the guest once
    listAction("annuler", id);
    listAction("annuler", id);
    await()
        .atMost(MicrosoftOnboardings.PATIENCE)
        .until(() -> !graphDeletesOf(waiting.email()).isEmpty());
    await()
        .atMost(MicrosoftOnboardings.PATIENCE)
        .until(() -> onboardings.get(id).status() == OnboardingStatus.CANCELLED);
    RecordedRequest delete = graphDeletesOf(waiting.email()).getFirst();
    assertThat(delete.getRequestUrl().encodedPath())
        .isEqualTo("/v1.0/users/" + guestId(waiting.email()));
    assertThat(delete.getHeader("Authorization")).startsWith("Bearer ");
    await()
        .atMost(MicrosoftOnboardings.PATIENCE)
        .until(() -> GuestInvitationService.GUEST_DELETED.equals(guests.state(id).failureCode()));
    assertThat(graphDeletesOf(waiting.email())).hasSize(1);
    assertThat(guests.state(id).status()).isEqualTo(GuestInvitationStatus.FAILED);
    assertThat(pendingLines(id)).as("the line is gone").isEmpty();
    assertThat(page("/activations-en-attente?ordre=desc"))
        .doesNotContain("name=\"onboarding\" value=\"" + id + "\"");
  }

  @Test
  @DisplayName(
      "the batch API resends by onboardingIds: the same id twice sends once, a resend once more"
          + " (what it refuses is OnboardingControllerTest's)")
  void batchApiResends() throws Exception {
    var waiting = waitingGuest("api");
    long id = waiting.onboardingId();
    Api manager = Api.as(mvc, json, Api.MANAGER);

    sentMinutesAgo(id);
    JsonNode resent =
        manager.read(
            manager
                .post("/api/invitations/resend", Map.of("onboardingIds", List.of(id, id)))
                .andExpect(status().isOk()));
    assertThat(resent).hasSize(1);
    assertThat(resent.get(0).path("onboardingId").asLong()).isEqualTo(id);
    assertThat(resent.get(0).path("invitationId").isNull()).isTrue();
    assertThat(resent.get(0).path("outcome").asText()).isEqualTo("RESENT");
    manager
        .post("/api/invitations/resend", Map.of("onboardingIds", List.of(id)))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$[0].outcome").value("RESENT"));
    assertThat(graphInvitationsTo(waiting.email())).as("the first and one resend").hasSize(2);
  }

  @Test
  @DisplayName(
      "the contact page's buttons resend (two clicks, one mail) and cancel the guest invitation;"
          + " the batch then says cancelled again, nothing more deleted")
  void contactPageButtons() throws Exception {
    var waiting = waitingGuest("page");
    long id = waiting.onboardingId();
    long contactId = onboardings.get(id).contactId();
    String back = "/interlocuteurs/" + contactId;
    assertThat(page(back))
        .contains("Renvoyer l'invitation Microsoft")
        .contains("Annuler l'invitation Microsoft")
        .contains("/integrations/" + id + "/annuler");
    sentMinutesAgo(id);
    for (int click = 0; click < 2; click++) {
      guestAction(id, "renvoyer", back).andExpect(redirectedUrl(back));
    }
    assertThat(graphInvitationsTo(waiting.email())).as("one more for two clicks").hasSize(2);

    guestAction(id, "annuler", back).andExpect(status().is3xxRedirection());
    await()
        .atMost(MicrosoftOnboardings.PATIENCE)
        .until(() -> graphDeletesOf(waiting.email()).size() == 1);
    await()
        .atMost(MicrosoftOnboardings.PATIENCE)
        .until(() -> onboardings.get(id).status() == OnboardingStatus.CANCELLED);
    assertThat(page(back)).doesNotContain("/integrations/" + id + "/annuler");
    Api.as(mvc, json, Api.MANAGER)
        .post("/api/invitations/cancellation", Map.of("onboardingIds", List.of(id)))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$[0].outcome").value("CANCELLED"));
    assertThat(graphDeletesOf(waiting.email())).hasSize(1);
  }

  /** A click on the contact page's guest invitation button, as the dossier's manager. */
  private ResultActions guestAction(long onboardingId, String action, String back)
      throws Exception {
    return mvc.perform(
        post("/integrations/" + onboardingId + "/" + action)
            .param("back", back)
            .param("invitation", "microsoft")
            .with(csrf())
            .with(user(users.loadUserByUsername(Api.MANAGER))));
  }

  @Test
  @DisplayName(
      "the guest lines' actions are refused to anonymous, to staff not assigned to the dossier and"
          + " to a client: nothing resent, nothing cancelled, nothing named")
  void guestLineActionsAttack() throws Exception {
    var waiting = waitingGuest("attaque");
    long id = waiting.onboardingId();
    sentMinutesAgo(id);
    var client =
        new ClientFixtures(staff, dossiers, contacts, links, invitations, accounts, collaboration)
            .activeHolder();
    MockHttpSession clientSession =
        ClientFixtures.signInAsBrowser(mvc, client.account().email(), ClientFixtures.PASSWORD);

    for (String batch : List.of("/api/invitations/resend", "/api/invitations/cancellation")) {
      String body = json.writeValueAsString(Map.of("onboardingIds", List.of(id)));
      // anonymous
      assertThat(statusOf(apiPost(batch, body))).as("anonymous " + batch).isEqualTo(401);
      // a client, with their session
      assertThat(statusOf(apiPost(batch, body).session(clientSession)))
          .as("client " + batch)
          .isIn(401, 403);
      // a manager of other dossiers: refused as unknown, naming nothing
      MockHttpServletResponse outsider =
          mvc.perform(
                  apiPost(batch, body)
                      .with(
                          org.springframework.security.test.web.servlet.request
                              .SecurityMockMvcRequestPostProcessors.httpBasic(
                              Api.OTHER_MANAGER, Api.passwordOf(Api.OTHER_MANAGER))))
              .andReturn()
              .getResponse();
      JsonNode outcome = json.readTree(outsider.getContentAsString(StandardCharsets.UTF_8)).get(0);
      assertThat(outcome.path("outcome").asText()).isEqualTo("REFUSED");
      assertThat(outcome.path("code").asText()).isEqualTo("ONBOARDING_NOT_FOUND");
      assertThat(outsider.getContentAsString(StandardCharsets.UTF_8))
          .doesNotContain(waiting.email())
          .doesNotContain(waiting.dossier().companyName());
    }
    for (String action : List.of("renvoyer", "annuler")) {
      MockHttpServletRequestBuilder list =
          post("/activations-en-attente/actions")
              .param("onboarding", String.valueOf(id))
              .param("action", action)
              .with(csrf());
      MockHttpServletRequestBuilder one =
          post("/integrations/" + id + "/" + action).param("invitation", "microsoft").with(csrf());
      for (MockHttpServletRequestBuilder request : List.of(list, one)) {
        MockHttpServletResponse anonymous = mvc.perform(request).andReturn().getResponse();
        assertThat(anonymous.getStatus()).as("anonymous " + action).isEqualTo(302);
        assertThat(anonymous.getRedirectedUrl()).contains("/connexion");
      }
      MockHttpServletResponse asClient =
          mvc.perform(
                  post("/activations-en-attente/actions")
                      .param("onboarding", String.valueOf(id))
                      .param("action", action)
                      .with(csrf())
                      .session(clientSession))
              .andReturn()
              .getResponse();
      assertThat(asClient.getStatus()).as("client " + action).isIn(302, 401, 403);
      if (asClient.getStatus() == 302) {
        assertThat(asClient.getRedirectedUrl()).contains("/connexion");
      }
      MvcResult outsider =
          mvc.perform(
                  post("/activations-en-attente/actions")
                      .param("onboarding", String.valueOf(id))
                      .param("action", action)
                      .with(csrf())
                      .with(user(users.loadUserByUsername(Api.OTHER_MANAGER))))
              .andReturn();
      assertThat(outsider.getFlashMap().get("success")).isNull();
      assertThat(String.valueOf(outsider.getFlashMap().get("failure")))
          .contains("1 refusée(s)")
          .doesNotContain(waiting.email());
    }
    // the outsider sees no line of it either
    assertThat(
            Api.as(mvc, json, Api.OTHER_MANAGER)
                .read(Api.as(mvc, json, Api.OTHER_MANAGER).get("/api/invitations/pending?size=100"))
                .path("content")
                .findValuesAsText("email"))
        .doesNotContain(waiting.email());
    // nothing happened
    assertThat(graphInvitationsTo(waiting.email())).as("only the first sending").hasSize(1);
    assertThat(graphDeletesOf(waiting.email())).isEmpty();
    assertThat(onboardings.get(id).status()).isEqualTo(OnboardingStatus.IN_PROGRESS);
    assertThat(guests.state(id).status()).isEqualTo(GuestInvitationStatus.PENDING_ACCEPTANCE);
  }

  @Test
  @DisplayName(
      "the dashboard's stuck activations count the guest lines of the pending list: the count"
          + " agrees with the list's lines waiting for longer, and the guest is among them")
  void dashboardCountsTheGuestLines() throws Exception {
    int before = stuckOnDashboard();
    var waiting = waitingGuest("tableau");
    long id = waiting.onboardingId();
    assertThat(stuckOnDashboard()).as("waiting since a moment: not stuck").isEqualTo(before);
    jdbc.sql(
            "update guest_invitation set sent_at = now() - interval '20 days'"
                + " where onboarding_id = ?")
        .param(id)
        .update();
    jdbc.sql("update onboarding set created_at = now() - interval '20 days' where id = ?")
        .param(id)
        .update();

    String dashboard = page("/tableau-de-bord?bloquees=14");
    assertThat(stuckOnDashboard()).isEqualTo(before + 1);
    assertThat(dashboard)
        .contains(waiting.email())
        .contains("data-kind=\"GUEST_INVITATION\"")
        .contains("(invitation Microsoft)");
    // the same people as the pending-activation list's lines waiting for more than 14 days
    java.time.Instant limit = java.time.Instant.now().minus(java.time.Duration.ofDays(14));
    Api manager = Api.as(mvc, json, Api.MANAGER);
    long listed = 0;
    for (int number = 0; ; number++) {
      JsonNode page =
          manager.read(
              manager
                  .get("/api/invitations/pending?size=100&sort=createdAt,asc&page=" + number)
                  .andExpect(status().isOk()));
      for (JsonNode line : page.path("content")) {
        boolean guest = "GUEST_INVITATION".equals(line.path("kind").asText());
        JsonNode sent = line.path(guest ? "guestSentAt" : "sentAt");
        String since =
            sent.isNull() || sent.isMissingNode() ? line.path("createdAt").asText() : sent.asText();
        if (java.time.Instant.parse(since).isBefore(limit)) {
          listed++;
        }
      }
      if (page.path("content").size() < 100) {
        break;
      }
    }
    assertThat(stuckOnDashboard()).as("the dashboard's count, the list's lines").isEqualTo(listed);
  }

  /** The dashboard's count of activations stuck for more than 14 days, as the manager reads it. */
  private int stuckOnDashboard() throws Exception {
    java.util.regex.Matcher count =
        java.util.regex.Pattern.compile("Activations bloquées depuis plus de 14 jours : (\\d+)")
            .matcher(page("/tableau-de-bord?bloquees=14"));
    assertThat(count.find()).isTrue();
    return Integer.parseInt(count.group(1));
  }

  @Test
  @DisplayName(
      "a domain the tenant blocks opens 'Vérifier l'identité Microsoft du client'; the manager's"
          + " decision and note go to the activity feed with the onboarding")
  void identityTaskNoteInTheFeed() throws Exception {
    String email = TestData.email("bloque");
    NOT_IN_TENANT.add(email);
    BLOCKED.add(email);
    var proposed = microsoft.start(email, null);
    long id = proposed.onboardingId();
    var claire = fixtures.actor(Api.MANAGER);
    await().atMost(MicrosoftOnboardings.PATIENCE).until(() -> identityTask(id, claire).isPresent());
    assertThat(guests.state(id).status()).isEqualTo(GuestInvitationStatus.FAILED);
    long key = identityTask(id, claire).orElseThrow().userTaskKey();

    String note = "Le domaine du client est bloqué : il passera par son adresse personnelle.";
    Api manager = Api.as(mvc, json, Api.MANAGER);
    manager
        .post(
            "/api/tasks/" + key + "/completion",
            Map.of("guestDecision", "cancel", "guestNote", note))
        .andExpect(status().isNoContent());
    await()
        .atMost(MicrosoftOnboardings.PATIENCE)
        .until(() -> onboardings.get(id).status() == OnboardingStatus.CANCELLED);

    var entries =
        activity
            .list(
                new io.passerelle.activity.ActivityFilter(
                    proposed.dossier().id(),
                    null,
                    io.passerelle.activity.ActivityType.STAFF_TASK_COMPLETED,
                    null,
                    null),
                org.springframework.data.domain.PageRequest.of(0, 50))
            .getContent();
    var entry =
        entries.stream()
            .filter(e -> Long.valueOf(key).equals(number(e.details().get("userTaskKey"))))
            .findFirst()
            .orElseThrow();
    assertThat(entry.details())
        .containsEntry("guestNote", note)
        .containsEntry("guestDecision", "cancel")
        .containsEntry(
            "task", io.passerelle.processes.ProcessNames.Elements.USER_TASK_RESOLVE_GUEST_IDENTITY);
    assertThat(number(entry.details().get("onboardingId"))).isEqualTo(id);
    assertThat(entry.contactId()).isEqualTo(onboardings.get(id).contactId());
    // the feed's API gives it to who reads the dossier
    assertThat(
            manager
                .read(
                    manager.get("/api/activity?dossierId=" + proposed.dossier().id() + "&size=100"))
                .path("content")
                .findValuesAsText("guestNote"))
        .contains(note);
  }

  private java.util.Optional<io.passerelle.onboarding.StaffTaskView> identityTask(
      long onboardingId, io.passerelle.domain.Actor actor) {
    return tasks.openTasks(actor).stream()
        .filter(t -> Long.valueOf(onboardingId).equals(t.onboardingId()))
        .filter(
            t ->
                io.passerelle.processes.ProcessNames.Elements.USER_TASK_RESOLVE_GUEST_IDENTITY
                    .equals(t.elementId()))
        .findFirst();
  }

  private static Long number(Object value) {
    return value instanceof Number n ? n.longValue() : null;
  }

  /** An onboarding of the Microsoft offer whose contact is not in the tenant, once invited. */
  private MicrosoftOnboardings.Proposed waitingGuest(String name) throws Exception {
    String email = TestData.email(name);
    NOT_IN_TENANT.add(email);
    var proposed = microsoft.start(email, MESSAGE);
    await()
        .atMost(MicrosoftOnboardings.PATIENCE)
        .until(
            () ->
                guests.state(proposed.onboardingId()).status()
                    == GuestInvitationStatus.PENDING_ACCEPTANCE);
    assertThat(graphInvitationsTo(email)).hasSize(1);
    return proposed;
  }

  /** The last sending a while ago: the next staff resend is not a double click. */
  private void sentMinutesAgo(long onboardingId) {
    jdbc.sql(
            "update guest_invitation set sent_at = now() - interval '5 minutes'"
                + " where onboarding_id = ?")
        .param(onboardingId)
        .update();
  }

  private MvcResult listAction(String action, long onboardingId) throws Exception {
    return mvc.perform(
            post("/activations-en-attente/actions")
                .param("onboarding", String.valueOf(onboardingId))
                .param("action", action)
                .with(csrf())
                .with(user(users.loadUserByUsername(Api.MANAGER))))
        .andExpect(status().is3xxRedirection())
        .andReturn();
  }

  private String page(String path) throws Exception {
    return mvc.perform(get(path).with(user(users.loadUserByUsername(Api.MANAGER))))
        .andExpect(status().isOk())
        .andReturn()
        .getResponse()
        .getContentAsString(StandardCharsets.UTF_8);
  }

  private JsonNode pendingLine(long onboardingId) throws Exception {
    List<JsonNode> lines = pendingLines(onboardingId);
    assertThat(lines).hasSize(1);
    return lines.getFirst();
  }

  private List<JsonNode> pendingLines(long onboardingId) throws Exception {
    Api manager = Api.as(mvc, json, Api.MANAGER);
    JsonNode page =
        manager.read(
            manager
                .get("/api/invitations/pending?size=100&sort=createdAt,desc")
                .andExpect(status().isOk()));
    List<JsonNode> lines = new java.util.ArrayList<>();
    page.path("content")
        .forEach(
            l -> {
              if (l.path("onboardingId").asLong() == onboardingId) {
                lines.add(l);
              }
            });
    return lines;
  }

  private MockHttpServletRequestBuilder apiPost(String path, String body) {
    return post(path)
        .with(csrf())
        .contentType(MediaType.APPLICATION_JSON)
        .accept(MediaType.APPLICATION_JSON)
        .content(body);
  }

  private int statusOf(MockHttpServletRequestBuilder request) throws Exception {
    return mvc.perform(request).andReturn().getResponse().getStatus();
  }
}
