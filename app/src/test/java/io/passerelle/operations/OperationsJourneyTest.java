package io.passerelle.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import io.passerelle.account.InvitationService;
import io.passerelle.account.InvitationStatus;
import io.passerelle.contact.ContactService;
import io.passerelle.contact.DossierLinkService;
import io.passerelle.dossier.DossierService;
import io.passerelle.engine.EmbeddedZeebeEngine;
import io.passerelle.engine.InstanceState;
import io.passerelle.engine.ProcessEngine;
import io.passerelle.mail.DevMailServer;
import io.passerelle.onboarding.OnboardingService;
import io.passerelle.onboarding.OnboardingStatus;
import io.passerelle.onboarding.OnboardingView;
import io.passerelle.staff.StaffService;
import io.passerelle.support.Api;
import io.passerelle.support.Fixtures;
import io.passerelle.support.IsolatedSpringTest;
import io.passerelle.support.Mailbox;
import io.passerelle.support.StaffSignIn;
import io.passerelle.support.TestData;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Issue 18, item 6, on the real embedded engine and PostgreSQL, with the development SMTP server
 * this test stops and starts ({@link DevMailServer#listen}): an onboarding whose instance is
 * cancelled behind the application's back is listed (health detail, operator page) and restarted
 * (it waits again, and the journey completes) or closed, once; a mail step failing for N
 * onboardings while SMTP is down ends in N incidents, one kind on the page, and "retry all of this
 * kind" sends each mail once SMTP is back. In the isolated context ({@link IsolatedSpringTest}): a
 * database of its own, since the shared context's onboardings (whose instances live in that
 * context's engine) would all look lost here, and the SMTP server switched at run time rather than
 * a server of its own by properties, which would cost a context and an engine of its own.
 */
@IsolatedSpringTest
class OperationsJourneyTest {

  private static final String PASSWORD = "Une phrase de passe solide 42";
  private static final Duration PATIENCE = Duration.ofSeconds(30);
  private static final Pattern ACTIVATION = Pattern.compile("/activation/([A-Za-z0-9_-]+)");

  @Autowired MockMvc mvc;
  @Autowired ObjectMapper json;
  @Autowired ProcessEngine engine;
  @Autowired EmbeddedZeebeEngine embedded;
  @Autowired CamundaClient client;
  @Autowired OnboardingService onboardings;
  @Autowired InvitationService invitations;
  @Autowired JdbcTemplate jdbc;
  @Autowired StaffService staff;
  @Autowired DossierService dossiers;
  @Autowired ContactService contacts;
  @Autowired DossierLinkService links;
  @Autowired DevMailServer mailServer;

  private Fixtures fixtures;
  private Mailbox mailbox;

  @BeforeEach
  void setUp() {
    fixtures = new Fixtures(staff, dossiers, contacts, links);
    mailbox = new Mailbox(mailServer);
  }

  @AfterEach
  void smtpBackUp() {
    mailServer.listen(true);
  }

  @Test
  @DisplayName(
      "an instance cancelled behind the app's back: listed on health and the page; restart makes it"
          + " wait again and the journey completes; close closes it; each once")
  void lostInstances() throws Exception {
    var dossier = fixtures.dossier(Api.MANAGER);
    String awaitingEmail = TestData.email("attend-ordre");
    String invitedEmail = TestData.email("invite");
    long awaiting = propose(dossier.id(), awaitingEmail, false);
    long invited = propose(dossier.id(), invitedEmail, true);
    long awaitingKey = awaitWaitingIn(awaiting, "Gateway_AwaitSendOrder");
    awaitMails(invitedEmail, 1);
    long invitedKey = onboardings.get(invited).processInstanceKey();

    // behind the application's back
    client.newCancelInstanceCommand(awaitingKey).send().join();
    client.newCancelInstanceCommand(invitedKey).send().join();

    JsonNode report =
        admin()
            .read(
                admin()
                    .post("/api/operations/reconciliation", Map.of())
                    .andExpect(status().isOk()));
    assertThat(lostIds(report)).contains(awaiting, invited);
    JsonNode health =
        json.readTree(
            mvc.perform(get("/actuator/health"))
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8));
    JsonNode detail = health.at("/components/reconciliation/details");
    assertThat(detail.get("lost").asInt()).isGreaterThanOrEqualTo(2);
    assertThat(detail.get("lostInstances").findValuesAsText("id"))
        .contains(String.valueOf(awaiting), String.valueOf(invited));
    assertThat(detail.get("page").asText()).isEqualTo("/operations");

    MockHttpSession session = StaffSignIn.session(mvc, Api.ADMIN);
    String page = page(session);
    assertThat(page)
        .contains("id=\"lost-onboarding-" + awaiting + "\"")
        .contains("id=\"lost-onboarding-" + invited + "\"")
        .contains("nouvelle invitation");

    // restart, clicked twice: once
    for (int click = 0; click < 2; click++) {
      mvc.perform(
              post("/operations/integrations/" + awaiting + "/relancer")
                  .session(session)
                  .with(csrf())
                  .param("processInstanceKey", String.valueOf(awaitingKey)))
          .andExpect(status().isFound());
    }
    long restartedKey = awaitWaitingIn(awaiting, "Gateway_AwaitSendOrder");
    assertThat(restartedKey).isNotEqualTo(awaitingKey);
    assertThat(activities("ONBOARDING_RESTARTED", awaiting)).isEqualTo(1);
    assertThat(staffOf("ONBOARDING_RESTARTED", awaiting)).isEqualTo(fixtures.staffId(Api.ADMIN));
    assertThat(page(session)).doesNotContain("id=\"lost-onboarding-" + awaiting + "\"");
    // the journey goes on to its end: send now, the mail, the client's activation
    Api.as(mvc, json, Api.MANAGER)
        .post("/api/onboardings/" + awaiting + "/send-now", Map.of())
        .andExpect(status().is2xxSuccessful());
    MimeMessage invitation = awaitMails(awaitingEmail, 1).getFirst();
    invitations.accept(token(invitation), PASSWORD);
    await()
        .atMost(PATIENCE)
        .until(() -> onboardings.get(awaiting).status() == OnboardingStatus.ONBOARDED);
    assertThat(to(awaitingEmail)).hasSize(1);

    // close, twice: once
    for (int click = 0; click < 2; click++) {
      JsonNode done =
          admin()
              .read(
                  admin()
                      .post(
                          "/api/operations/reconciliation/onboardings/"
                              + invited
                              + "/close?processInstanceKey="
                              + invitedKey,
                          Map.of())
                      .andExpect(status().isOk()));
      assertThat(done.get("done").asBoolean()).isEqualTo(click == 0);
    }
    OnboardingView closed = onboardings.get(invited);
    assertThat(closed.status()).isEqualTo(OnboardingStatus.CANCELLED);
    assertThat(invitations.forOnboarding(invited))
        .allSatisfy(i -> assertThat(i.status()).isEqualTo(InvitationStatus.CANCELLED));
    assertThat(activities("ONBOARDING_CLOSED", invited)).isEqualTo(1);
    assertThat(staffOf("ONBOARDING_CLOSED", invited)).isEqualTo(fixtures.staffId(Api.ADMIN));

    JsonNode after =
        admin()
            .read(
                admin()
                    .post("/api/operations/reconciliation", Map.of())
                    .andExpect(status().isOk()));
    assertThat(lostIds(after)).doesNotContain(awaiting, invited);
  }

  @Test
  @DisplayName(
      "SMTP down past the retry budget: N incidents, one kind of N on the page; retry all of the"
          + " kind once SMTP is back: each mail goes once, a second retry does nothing")
  void incidentsByKind() throws Exception {
    int n = 3;
    var dossier = fixtures.dossier(Api.MANAGER);
    mailServer.listen(false);
    List<String> emails = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String email = TestData.email("panne-smtp-" + i);
      emails.add(email);
      propose(dossier.id(), email, true);
    }
    // the backoff (10 s, 30 s, 2 min, 10 min) passes on the engine's clock
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              long open =
                  engine.openIncidents().stream()
                      .filter(i -> i.elementId().equals("ServiceTask_SendInvitation"))
                      .count();
              if (open < n) {
                embedded.advance(Duration.ofMinutes(11));
              }
              return open >= n;
            });

    MockHttpSession session = StaffSignIn.session(mvc, Api.ADMIN);
    var groups = admin().read(admin().get("/api/operations/incidents").andExpect(status().isOk()));
    assertThat(groups).hasSize(1);
    JsonNode group = groups.get(0);
    assertThat(group.get("count").asInt()).isEqualTo(n);
    assertThat(group.get("elementId").asText()).isEqualTo("ServiceTask_SendInvitation");
    String kind = group.get("kind").asText();
    String page = page(session);
    assertThat(page).contains("id=\"incident-kind-" + kind + "\"");
    assertThat(page).containsPattern("class=\"incident-count\">" + n + "<");

    mailServer.listen(true);
    mvc.perform(
            post("/operations/incidents/types/" + kind + "/relancer").session(session).with(csrf()))
        .andExpect(status().isFound())
        .andExpect(
            result ->
                assertThat(result.getFlashMap().get("success"))
                    .isEqualTo(n + " incident(s) relancé(s)."));
    for (String email : emails) {
      awaitMails(email, 1);
    }
    await().atMost(PATIENCE).until(() -> engine.openIncidents().isEmpty());
    JsonNode again =
        admin()
            .read(
                admin()
                    .post("/api/operations/incidents/kinds/" + kind + "/retry", Map.of())
                    .andExpect(status().isOk()));
    assertThat(again.get("retried").asInt()).isZero();
    Thread.sleep(1_000);
    for (String email : emails) {
      assertThat(to(email)).hasSize(1);
    }
    assertThat(
            jdbc.queryForObject(
                "select count(*) from activity where type = 'INCIDENTS_RETRIED' and actor_staff_id = ?",
                Integer.class,
                fixtures.staffId(Api.ADMIN)))
        .isEqualTo(1);
  }

  // ---- helpers ----

  private Api admin() {
    return Api.as(mvc, json, Api.ADMIN);
  }

  private long propose(long dossierId, String email, boolean sendNow) throws Exception {
    Map<String, Object> contact = new LinkedHashMap<>();
    contact.put("firstName", "Léa");
    contact.put("lastName", "Morel");
    contact.put("subscriberType", "CLIENT");
    contact.put("email", email);
    contact.put("organisationalRoleCode", "DIRIGEANT");
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("dossierId", dossierId);
    body.put("contact", contact);
    body.put("offerCode", "START");
    body.put("accessLevel", "READ_ONLY");
    body.put("sendNow", sendNow);
    Api claire = Api.as(mvc, json, Api.MANAGER);
    return claire
        .read(claire.post("/api/onboardings", body).andExpect(status().isAccepted()))
        .get("id")
        .asLong();
  }

  /** Waits until the onboarding's instance waits in that element; returns the instance key. */
  private long awaitWaitingIn(long onboardingId, String elementId) {
    return await()
        .atMost(PATIENCE)
        .until(
            () -> {
              Long key = onboardings.get(onboardingId).processInstanceKey();
              if (key == null) {
                return null;
              }
              InstanceState state = engine.instanceState(key);
              return state.status() == InstanceState.Status.ACTIVE && state.isWaitingIn(elementId)
                  ? key
                  : null;
            },
            key -> key != null);
  }

  private String page(MockHttpSession session) throws Exception {
    return mvc.perform(get("/operations").session(session))
        .andExpect(status().isOk())
        .andReturn()
        .getResponse()
        .getContentAsString(StandardCharsets.UTF_8);
  }

  private static List<Long> lostIds(JsonNode report) {
    List<Long> ids = new ArrayList<>();
    report.get("lost").forEach(l -> ids.add(l.get("id").asLong()));
    return ids;
  }

  private int activities(String type, long onboardingId) {
    return jdbc.queryForObject(
        "select count(*) from activity where type = ? and details ->> 'onboardingId' = ?",
        Integer.class,
        type,
        String.valueOf(onboardingId));
  }

  private long staffOf(String type, long onboardingId) {
    return jdbc.queryForObject(
        "select actor_staff_id from activity where type = ? and details ->> 'onboardingId' = ?",
        Long.class,
        type,
        String.valueOf(onboardingId));
  }

  /** The mail received by this address. */
  private List<MimeMessage> to(String address) {
    return mailbox.to(address);
  }

  private List<MimeMessage> awaitMails(String address, int count) {
    await().atMost(PATIENCE).until(() -> to(address).size() >= count);
    return to(address);
  }

  private static String token(MimeMessage message) {
    var matcher = ACTIVATION.matcher(Mailbox.text(message));
    if (!matcher.find()) {
      throw new AssertionError("no activation link");
    }
    return matcher.group(1);
  }
}
