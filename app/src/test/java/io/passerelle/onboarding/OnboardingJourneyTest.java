package io.passerelle.onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.passerelle.account.AccountService;
import io.passerelle.account.AccountStatus;
import io.passerelle.account.InvitationService;
import io.passerelle.account.InvitationStatus;
import io.passerelle.account.InvitationView;
import io.passerelle.activity.ActivityFilter;
import io.passerelle.activity.ActivityService;
import io.passerelle.collaboration.CollaborationService;
import io.passerelle.collaboration.ServiceStatus;
import io.passerelle.contact.AccessLevel;
import io.passerelle.contact.ContactService;
import io.passerelle.contact.ContactView;
import io.passerelle.contact.DossierLinkService;
import io.passerelle.contact.SubscriberType;
import io.passerelle.domain.DomainException;
import io.passerelle.dossier.DossierService;
import io.passerelle.dossier.DossierView;
import io.passerelle.dossier.WidgetState;
import io.passerelle.engine.EmbeddedZeebeEngine;
import io.passerelle.engine.InstanceState;
import io.passerelle.engine.ProcessEngine;
import io.passerelle.mail.DevMailServer;
import io.passerelle.notification.NotificationService;
import io.passerelle.processes.ProcessNames.Elements;
import io.passerelle.staff.StaffService;
import io.passerelle.support.Api;
import io.passerelle.support.Fixtures;
import io.passerelle.support.Mailbox;
import io.passerelle.support.PasserelleSpringTest;
import io.passerelle.support.TestData;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.PageRequest;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The client onboarding end to end: the staff API starts it, the real workers run its steps on the
 * embedded engine against PostgreSQL, the mails land in the embedded SMTP server, the engine clock
 * drives the reminders and the expiry.
 */
@PasserelleSpringTest
class OnboardingJourneyTest {

  private static final Duration PATIENCE = Duration.ofSeconds(20);
  private static final String PASSWORD = "Une phrase de passe solide 42";

  @Autowired MockMvc mvc;
  @Autowired ObjectMapper json;
  @Autowired StaffService staff;
  @Autowired DossierLinkService links;
  @Autowired OnboardingService onboardings;
  @Autowired InvitationService invitations;
  @Autowired AccountService accounts;
  @Autowired ContactService contacts;
  @Autowired DossierService dossiers;
  @Autowired CollaborationService collaboration;
  @Autowired NotificationService notifications;
  @Autowired ActivityService activity;
  @Autowired ProcessEngine engine;
  @Autowired EmbeddedZeebeEngine embedded;
  @Autowired DevMailServer mailServer;
  @Autowired org.springframework.security.core.userdetails.UserDetailsService users;

  Fixtures fixtures;
  Mailbox mailbox;
  Api claire;

  @BeforeEach
  void setUp() {
    fixtures = new Fixtures(staff, dossiers, contacts, links);
    mailbox = new Mailbox(mailServer);
    claire = Api.as(mvc, json, Api.MANAGER);
  }

  @Test
  @DisplayName(
      "happy path: new contact invited, activates from the link, widget enabled, staff told")
  void happyPath() throws Exception {
    DossierView dossier = fixtures.dossier(Api.MANAGER);
    String email = TestData.email("jeanne");

    long id =
        propose(
            dossier.id(), newContact(email, "Jeanne", "Lefort <b>"), true, "Bienvenue <script>");

    MimeMessage invitation = mailbox.await(email, 1).getFirst();
    assertThat(Mailbox.subject(invitation)).contains(dossier.companyName());
    String text = Mailbox.text(invitation);
    assertThat(text)
        .contains("http://localhost:8080/activation/")
        .contains(email)
        .contains("Bienvenue <script>")
        .contains("Claire Martin")
        .contains("Le mot de votre cabinet :")
        .doesNotContainIgnoringCase("mot de passe :")
        .doesNotContain("Ce lien remplace");
    // a read-only access consults; it is never promised uploads nor the production file
    assertThat(text)
        .contains("consulter les documents de votre dossier")
        .doesNotContain("déposer vos pièces justificatives")
        .doesNotContain("dossier de production");
    assertThat(Mailbox.html(invitation))
        .contains("Bienvenue &lt;script&gt;")
        .doesNotContain("<script>");

    OnboardingView running = awaitInvited(id);
    ContactView contact = contacts.get(running.contactId());
    assertThat(contact.lastName()).isEqualTo("Lefort <b>");
    assertThat(accounts.forContact(contact.id()).orElseThrow().status())
        .isEqualTo(AccountStatus.PENDING);
    assertThat(collaboration.get(running.serviceId()).status()).isEqualTo(ServiceStatus.INVITED);
    InvitationView sent = invitations.forOnboarding(id).getFirst();
    assertThat(sent.status()).isEqualTo(InvitationStatus.SENT);
    assertThat(sent.invitedBy().staffId()).isEqualTo(fixtures.staffId(Api.MANAGER));

    invitations.accept(Mailbox.activationToken(invitation), PASSWORD);

    OnboardingView done = awaitStatus(id, OnboardingStatus.ONBOARDED);
    assertThat(collaboration.get(done.serviceId()).status()).isEqualTo(ServiceStatus.ACTIVE);
    assertThat(widgetOf(dossier.id())).isEqualTo(WidgetState.ENABLED);
    assertThat(accounts.forContact(contact.id()).orElseThrow().status())
        .isEqualTo(AccountStatus.ACTIVE);
    assertThat(notifications.unreadCount(fixtures.staffId(Api.STAFF))).isPositive();
    String claireEmail = "claire.martin@cabinet.example";
    assertThat(
            mailbox.await(claireEmail, 1).stream()
                .map(Mailbox::text)
                .anyMatch(t -> t.contains("/dossiers/" + dossier.id())))
        .isTrue();
    assertThat(activityTypes(dossier.id()))
        .contains(
            "ONBOARDING_REQUESTED",
            "ACCESS_GRANTED",
            "SERVICE_PROPOSED",
            "INVITATION_ISSUED",
            "INVITATION_SENT",
            "INVITATION_ACCEPTED",
            "WIDGET_ENABLED",
            "SERVICE_ACTIVATED",
            "ONBOARDING_COMPLETED");
    assertThat(mailbox.to(email)).hasSize(1);
  }

  @Test
  @DisplayName("a contact whose account is active gets a new-access notice, not an invitation")
  void existingActiveAccount() throws Exception {
    String email = TestData.email("actif");
    DossierView first = fixtures.dossier(Api.MANAGER);
    long firstId = propose(first.id(), newContact(email, "Paul", "Actif"), true, null);
    invitations.accept(Mailbox.activationToken(mailbox.await(email, 1).getFirst()), PASSWORD);
    awaitStatus(firstId, OnboardingStatus.ONBOARDED);

    DossierView second = fixtures.dossier(Api.MANAGER);
    long contactId = onboardings.get(firstId).contactId();
    long secondId = propose(second.id(), Map.of("contactId", contactId), true, null);

    OnboardingView done = awaitStatus(secondId, OnboardingStatus.ONBOARDED);
    List<MimeMessage> mails = mailbox.await(email, 2);
    assertThat(mails).hasSize(2);
    assertThat(Mailbox.subject(mails.get(1))).contains(second.companyName());
    assertThat(Mailbox.text(mails.get(1)))
        .contains("/espace/connexion")
        .doesNotContain("/activation/");
    assertThat(invitations.forOnboarding(secondId)).isEmpty();
    assertThat(collaboration.get(done.serviceId()).status()).isEqualTo(ServiceStatus.ACTIVE);
    assertThat(widgetOf(second.id())).isEqualTo(WidgetState.ENABLED);
  }

  @Test
  @DisplayName("send later: nothing goes out until staff say send now; a double click sends once")
  void sendLater() throws Exception {
    DossierView dossier = fixtures.dossier(Api.MANAGER);
    String email = TestData.email("plus-tard");
    long id = propose(dossier.id(), newContact(email, "Léa", "Plustard"), false, null);

    awaitWaiting(id, Elements.AWAIT_SEND_ORDER);
    assertThat(mailbox.to(email)).isEmpty();

    claire.post("/api/onboardings/" + id + "/send-now", null).andExpect(status().isAccepted());
    // the double click: accepted again while the order is on its way, or "already sent" when the
    // journey was quicker than the second click; either way nothing happens twice
    claire
        .post("/api/onboardings/" + id + "/send-now", null)
        .andExpect(result -> assertThat(result.getResponse().getStatus()).isIn(202, 409));

    mailbox.await(email, 1);
    awaitInvited(id);
    claire.post("/api/onboardings/" + id + "/send-now", null).andExpect(status().isAccepted());
    awaitWaiting(id, Elements.AWAIT_ACTIVATION);
    assertThat(invitations.forOnboarding(id)).hasSize(1);
    assertThat(mailbox.to(email)).hasSize(1);
  }

  @Test
  @DisplayName("reminders go out at 7 and 30 days of engine time, once each, then the expiry task")
  void remindersThenExpiryThenExtend() throws Exception {
    Invited invited = invited("relance", "Rémi", "Relance");
    String email = invited.email();
    long id = invited.onboardingId();
    String token = invited.token();
    long invitationId = invitations.forOnboarding(id).getFirst().id();

    embedded.advance(Duration.ofDays(7).plusMinutes(1));
    List<MimeMessage> mails = mailbox.await(email, 2);
    assertThat(Mailbox.text(mails.get(1))).contains("/activation/" + token);
    await().atMost(PATIENCE).until(() -> invitations.get(invitationId).remindersSent() == 1);

    embedded.advance(Duration.ofDays(23));
    mailbox.await(email, 3);
    await().atMost(PATIENCE).until(() -> invitations.get(invitationId).remindersSent() == 2);

    embedded.advance(Duration.ofDays(15));
    StaffTaskView task = awaitTask(id);
    assertThat(task.elementId()).isEqualTo(Elements.USER_TASK_FOLLOW_UP_STALLED_ACTIVATION);
    assertThat(task.assignee()).isEqualTo(Api.MANAGER);
    assertThat(invitations.get(invitationId).status()).isEqualTo(InvitationStatus.EXPIRED);
    assertThat(mailbox.await(email, 4).get(3).getSubject()).contains("expiré");
    assertThat(mailbox.to(email)).hasSize(4);
    assertThatThrownBy(() -> invitations.accept(token, PASSWORD))
        .isInstanceOf(DomainException.class);

    // another manager may not decide; a bad decision is refused with a field error
    Api.as(mvc, json, Api.OTHER_MANAGER)
        .post(
            "/api/tasks/" + task.userTaskKey() + "/completion",
            Map.of("followUpDecision", "extend"))
        .andExpect(status().isForbidden());
    claire
        .post(
            "/api/tasks/" + task.userTaskKey() + "/completion", Map.of("followUpDecision", "oups"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("followUpDecision"));

    claire
        .post(
            "/api/tasks/" + task.userTaskKey() + "/completion",
            Map.of("followUpDecision", "extend", "followUpNote", "Client en congés"))
        .andExpect(status().isNoContent());

    awaitWaiting(id, Elements.AWAIT_ACTIVATION);
    await().atMost(PATIENCE).until(() -> invitations.get(invitationId).status().live());
    invitations.accept(token, PASSWORD);
    awaitStatus(id, OnboardingStatus.ONBOARDED);
  }

  @Test
  @DisplayName(
      "a pending client invited to a second dossier: the newer link replaces the first, and at"
          + " the expiry only its onboarding asks for a follow-up; the activation ends both")
  void secondDossierOneFollowUp() throws Exception {
    Invited first = invited("deuxdossiers", "Paul", "Deuxdossiers");
    long firstInvitation = invitations.forOnboarding(first.onboardingId()).getFirst().id();
    DossierView other = fixtures.dossier(Api.MANAGER);
    long contactId = onboardings.get(first.onboardingId()).contactId();
    long second = propose(other.id(), Map.of("contactId", contactId), true, null);
    mailbox.await(first.email(), 2);
    awaitInvited(second);
    awaitWaiting(second, Elements.AWAIT_ACTIVATION);
    assertThat(invitations.get(firstInvitation).status()).isEqualTo(InvitationStatus.SUPERSEDED);

    embedded.advance(Duration.ofDays(45).plusMinutes(1));

    StaffTaskView task = awaitTask(second);
    assertThat(task.elementId()).isEqualTo(Elements.USER_TASK_FOLLOW_UP_STALLED_ACTIVATION);
    long firstInstance = onboardings.get(first.onboardingId()).invitationProcessKey();
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                engine
                    .instanceTrail(firstInstance)
                    .passedElementIds()
                    .contains("Gateway_FollowedUpElsewhere"));
    awaitWaiting(first.onboardingId(), Elements.AWAIT_ACTIVATION);
    assertThat(claire.read(claire.get("/api/tasks")))
        .noneMatch(t -> t.get("onboardingId").asLong() == first.onboardingId());

    claire
        .post(
            "/api/tasks/" + task.userTaskKey() + "/completion",
            Map.of("followUpDecision", "resend"))
        .andExpect(status().isNoContent());
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                invitations.forOnboarding(second).size() == 2
                    && invitations.forOnboarding(second).getFirst().status()
                        == InvitationStatus.SENT);
    // the reminders and the expiry fell due together: how many mails came before the new link
    // depends on their order, so the newest mail that carries a link is the new one
    List<MimeMessage> received = mailbox.to(first.email());
    String token = null;
    for (int i = received.size() - 1; i >= 0 && token == null; i--) {
      if (Mailbox.text(received.get(i)).contains("/activation/")) {
        token = Mailbox.activationToken(received.get(i));
      }
    }
    invitations.accept(token, PASSWORD);
    awaitStatus(second, OnboardingStatus.ONBOARDED);
    awaitStatus(first.onboardingId(), OnboardingStatus.ONBOARDED);
  }

  @Test
  @DisplayName("resend: a new link goes out, the old one dies; a double click resends once")
  void resend() throws Exception {
    Invited invited = invited("renvoi", "Rose", "Renvoi");
    String email = invited.email();
    long id = invited.onboardingId();
    String oldToken = invited.token();
    long oldId = invitations.forOnboarding(id).getFirst().id();

    claire
        .post("/api/invitations/resend", Map.of("invitationIds", List.of(oldId)))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$[0].outcome").value("RESENT"));
    claire.post("/api/onboardings/" + id + "/resend", null).andExpect(status().isAccepted());

    MimeMessage again = mailbox.await(email, 2).get(1);
    assertThat(Mailbox.text(again))
        .contains("Ce lien remplace celui de notre précédent message, qui ne fonctionne plus.");
    String newToken = Mailbox.activationToken(again);
    assertThat(newToken).isNotEqualTo(oldToken);
    await().atMost(PATIENCE).until(() -> invitations.forOnboarding(id).size() == 2);
    assertThat(invitations.get(oldId).status()).isEqualTo(InvitationStatus.SUPERSEDED);
    assertThatThrownBy(() -> invitations.accept(oldToken, PASSWORD))
        .isInstanceOf(DomainException.class);
    awaitWaiting(id, Elements.AWAIT_ACTIVATION);
    assertThat(mailbox.to(email)).hasSize(2);

    invitations.accept(newToken, PASSWORD);
    awaitStatus(id, OnboardingStatus.ONBOARDED);
  }

  @Test
  @DisplayName("cancel: the link dies at once, no reminder follows, the onboarding ends cancelled")
  void cancel() throws Exception {
    Invited invited = invited("annule", "Anne", "Annule");
    String email = invited.email();
    long id = invited.onboardingId();
    String token = invited.token();

    Api.as(mvc, json, Api.STAFF)
        .post("/api/onboardings/" + id + "/cancellation", null)
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.code").value("EXTERNAL_ACCESS_MANAGER_ONLY"));
    claire.post("/api/onboardings/" + id + "/cancellation", null).andExpect(status().isAccepted());
    claire.post("/api/onboardings/" + id + "/cancellation", null).andExpect(status().isAccepted());

    assertThatThrownBy(() -> invitations.accept(token, PASSWORD))
        .isInstanceOf(DomainException.class);
    OnboardingView cancelled = awaitStatus(id, OnboardingStatus.CANCELLED);
    assertThat(collaboration.get(cancelled.serviceId()).status())
        .isEqualTo(ServiceStatus.CANCELLED);
    assertThat(accounts.forContact(cancelled.contactId()).orElseThrow().status())
        .isEqualTo(AccountStatus.NOT_INVITED);

    embedded.advance(Duration.ofDays(8));
    Thread.sleep(500); // nothing may come: give a wrongly surviving timer the time to show
    assertThat(mailbox.to(email)).hasSize(1);
  }

  @Test
  @DisplayName("e-mail changed while pending: the old link dies, a new one goes to the new address")
  void emailChanged() throws Exception {
    Invited invited = invited("ancienne", "Eve", "Change");
    String email = invited.email();
    long id = invited.onboardingId();
    String oldToken = invited.token();
    OnboardingView running = onboardings.get(id);

    String newEmail = TestData.email("nouvelle");
    claire
        .patch("/api/contacts/" + running.contactId(), Map.of("email", newEmail))
        .andExpect(status().isOk());

    String newToken = Mailbox.activationToken(mailbox.await(newEmail, 1).getFirst());
    assertThatThrownBy(() -> invitations.accept(oldToken, PASSWORD))
        .isInstanceOf(DomainException.class);
    awaitWaiting(id, Elements.AWAIT_ACTIVATION);
    invitations.accept(newToken, PASSWORD);
    awaitStatus(id, OnboardingStatus.ONBOARDED);
    assertThat(mailbox.to(email)).hasSize(1);
  }

  @Test
  @DisplayName("the request is checked at once: 403 for a non-manager, field errors, no row left")
  void refusedAtOnce() throws Exception {
    DossierView dossier = fixtures.dossier(Api.MANAGER);
    String email = TestData.email("refus");
    Map<String, Object> body = body(dossier.id(), newContact(email, "Refus", "Refus"), true, null);

    Api.as(mvc, json, Api.OTHER_MANAGER)
        .post("/api/onboardings", body)
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.code").value("EXTERNAL_ACCESS_MANAGER_ONLY"));
    Map<String, Object> unknownRole = new LinkedHashMap<>(body);
    unknownRole.put("contact", newContactWithRole(email, "INCONNU"));
    claire
        .post("/api/onboardings", unknownRole)
        .andExpect(status().is4xxClientError())
        .andExpect(jsonPath("$.code").value("ROLE_MISSING"));
    Map<String, Object> unknownOffer = new LinkedHashMap<>(body);
    unknownOffer.put("offerCode", "NOPE");
    claire
        .post("/api/onboardings", unknownOffer)
        .andExpect(jsonPath("$.code").value("OFFER_UNKNOWN"));
    Map<String, Object> both = new LinkedHashMap<>(body);
    both.put("contactId", 1);
    claire
        .post("/api/onboardings", both)
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.code").value("CONTACT_REQUIRED"));
    assertThat(
            onboardings
                .list(
                    new OnboardingFilter(dossier.id(), null, null, null, null),
                    PageRequest.of(0, 5))
                .getTotalElements())
        .isZero();
  }

  @Test
  @DisplayName("the same Idempotency-Key twice starts one onboarding; a second proposal is a 409")
  void idempotentProposal() throws Exception {
    DossierView dossier = fixtures.dossier(Api.MANAGER);
    String email = TestData.email("idem");
    Map<String, Object> body = body(dossier.id(), newContact(email, "Ida", "Idem"), true, null);
    String key = UUID.randomUUID().toString();

    JsonNode first =
        claire.read(claire.post("/api/onboardings", body, key).andExpect(status().isAccepted()));
    claire
        .post("/api/onboardings", body, key)
        .andExpect(status().isAccepted())
        .andExpect(header().string("Idempotent-Replayed", "true"))
        .andExpect(jsonPath("$.id").value(first.get("id").asLong()));
    awaitInvited(first.get("id").asLong());
    claire
        .post("/api/onboardings", body)
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.code").value("ONBOARDING_ALREADY_RUNNING"));
    assertThat(mailbox.await(email, 1)).hasSize(1);
  }

  @Test
  @DisplayName(
      "bulk: every contact of the chosen dossiers, an invalid address flagged, a result each")
  void bulk() throws Exception {
    DossierView one = fixtures.dossier(Api.MANAGER);
    DossierView two = fixtures.dossier(Api.MANAGER);
    ContactView a = fixtures.contact(SubscriberType.CLIENT);
    ContactView b = fixtures.contact(SubscriberType.EMPLOYEE);
    ContactView flagged = fixtures.contact(SubscriberType.CLIENT);
    contacts.markEmailInvalid(flagged.id(), Fixtures.SYSTEM);
    fixtures.link(one.id(), a.id(), true, AccessLevel.READ_WRITE);
    fixtures.link(two.id(), b.id(), false, AccessLevel.READ_ONLY);
    fixtures.link(two.id(), flagged.id(), false, AccessLevel.READ_ONLY);
    Map<String, Object> body =
        Map.of(
            "dossierIds", List.of(one.id(), two.id()),
            "offerCode", "START",
            "customMessage", "Votre nouvel espace");

    JsonNode preview =
        claire.read(claire.post("/api/bulk-invitations/preview", body).andExpect(status().isOk()));
    assertThat(preview.get("candidates")).hasSize(3);
    assertThat(preview.get("toInvite").asInt()).isEqualTo(3);

    Api.as(mvc, json, Api.OTHER_MANAGER)
        .post("/api/bulk-invitations", body)
        .andExpect(status().isForbidden());
    JsonNode started =
        claire.read(claire.post("/api/bulk-invitations", body).andExpect(status().isAccepted()));
    long bulkId = started.get("id").asLong();

    await()
        .atMost(PATIENCE)
        .until(
            () ->
                "COMPLETED"
                    .equals(
                        claire
                            .read(claire.get("/api/bulk-invitations/" + bulkId))
                            .get("status")
                            .asText()));
    JsonNode items = claire.read(claire.get("/api/bulk-invitations/" + bulkId + "/items"));
    Map<Long, String> byContact = new LinkedHashMap<>();
    items
        .get("content")
        .forEach(i -> byContact.put(i.get("contactId").asLong(), i.get("status").asText()));
    assertThat(byContact)
        .containsEntry(a.id(), "STARTED")
        .containsEntry(b.id(), "STARTED")
        .containsEntry(flagged.id(), "INVALID_EMAIL");
    assertThat(mailbox.await(a.email(), 1).getFirst().getContent().toString()).isNotNull();
    assertThat(Mailbox.text(mailbox.await(b.email(), 1).getFirst()))
        .contains("Votre nouvel espace");
    assertThat(mailbox.to(flagged.email())).isEmpty();

    // the counter of rows not processed is not an account awaiting activation: the two invited
    // clients are counted apart, as still to activate
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                claire
                        .read(claire.get("/api/bulk-invitations/" + bulkId))
                        .get("clientsToActivate")
                        .asLong()
                    == 2);
    JsonNode progress = claire.read(claire.get("/api/bulk-invitations/" + bulkId));
    assertThat(progress.at("/counts/PENDING").asLong()).isZero();
    assertThat(progress.get("clientsOnboarded").asLong()).isZero();
    String page =
        mvc.perform(
                org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(
                        "/invitations-groupees/" + bulkId)
                    .with(
                        org.springframework.security.test.web.servlet.request
                            .SecurityMockMvcRequestPostProcessors.user(
                            users.loadUserByUsername(Api.MANAGER))))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
    assertThat(page)
        .contains("À traiter : 0")
        .contains("Invitation lancée : 2")
        .contains("2 activation(s) en attente")
        .doesNotContain("Activation en attente : 0");
  }

  @Test
  @DisplayName("a bounce: no more reminders, the manager corrects the address, a new link goes out")
  void bounceThenCorrection() throws Exception {
    Invited invited = invited("rebond", "Bruno", "Rebond");
    String email = invited.email();
    long id = invited.onboardingId();
    long invitationId = invitations.forOnboarding(id).getFirst().id();

    claire
        .post("/api/invitations/" + invitationId + "/bounce", null)
        .andExpect(status().isAccepted());

    StaffTaskView task = awaitTask(id);
    assertThat(task.elementId()).isEqualTo(Elements.USER_TASK_CORRECT_CONTACT_EMAIL);
    assertThat(invitations.get(invitationId).status()).isEqualTo(InvitationStatus.BOUNCED);
    long contactId = onboardings.get(id).contactId();
    assertThat(contacts.get(contactId).emailInvalid()).isTrue();
    claire
        .post("/api/onboardings/" + id + "/resend", null)
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.code").value("EMAIL_CORRECTION_PENDING"));

    ContactView other = fixtures.contact(SubscriberType.CLIENT);
    claire
        .post(
            "/api/tasks/" + task.userTaskKey() + "/completion",
            Map.of("correctedEmail", other.email()))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.code").value("CONTACT_EMAIL_TAKEN"));
    String corrected = TestData.email("corrigee");
    claire
        .post(
            "/api/tasks/" + task.userTaskKey() + "/completion",
            Map.of("correctedEmail", corrected, "correctionNote", "Coquille"))
        .andExpect(status().isNoContent());

    String token = Mailbox.activationToken(mailbox.await(corrected, 1).getFirst());
    assertThat(contacts.get(contactId).email()).isEqualTo(corrected);
    assertThat(contacts.get(contactId).emailInvalid()).isFalse();
    awaitWaiting(id, Elements.AWAIT_ACTIVATION);
    embedded.advance(Duration.ofDays(7).plusMinutes(1));
    mailbox.await(corrected, 2);
    assertThat(mailbox.to(email)).hasSize(1);
    invitations.accept(token, PASSWORD);
    awaitStatus(id, OnboardingStatus.ONBOARDED);
  }

  @Test
  @DisplayName(
      "the onboarding's page reads as the API: \"-\" is the whole dossier, and the timeline goes"
          + " from the staff's request to the widget")
  void onboardingPage() throws Exception {
    DossierView dossier = fixtures.dossier(Api.MANAGER);
    String email = TestData.email("chronologie");
    Map<String, Object> body =
        body(dossier.id(), newContact(email, "Tim", "Chronologie"), true, null);
    body.put("limitedTo", "-");
    long id = claire.read(claire.post("/api/onboardings", body)).get("id").asLong();
    invitations.accept(Mailbox.activationToken(mailbox.await(email, 1).getFirst()), PASSWORD);
    awaitStatus(id, OnboardingStatus.ONBOARDED);

    claire.get("/api/onboardings/" + id).andExpect(jsonPath("$.limitedTo").doesNotExist());
    String page =
        mvc.perform(
                org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(
                        "/integrations/" + id)
                    .with(
                        org.springframework.security.test.web.servlet.request
                            .SecurityMockMvcRequestPostProcessors.user(
                            users.loadUserByUsername(Api.MANAGER))))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
    assertThat(page).contains("Lecture seule, tout le dossier").doesNotContain("limité à");
    assertThat(page)
        .contains("data-type=\"ONBOARDING_REQUESTED\"")
        .contains("data-type=\"INVITATION_ISSUED\"")
        .contains("data-type=\"WIDGET_ENABLED\"")
        .contains("data-type=\"ONBOARDING_COMPLETED\"");
    // the same instance in Operate (remote mode's link, configured in the tests' profile)
    assertThat(page)
        .contains(
            "href=\"http://camunda.test/operate/processes/"
                + onboardings.get(id).processInstanceKey()
                + "\"");
  }

  @Test
  @DisplayName(
      "a bounce then a cancellation: the account is back to not invited, as after a plain"
          + " cancellation")
  void bounceThenCancel() throws Exception {
    Invited invited = invited("rebondannule", "Bea", "Rebond");
    long id = invited.onboardingId();
    long invitationId = invitations.forOnboarding(id).getFirst().id();
    claire
        .post("/api/invitations/" + invitationId + "/bounce", null)
        .andExpect(status().isAccepted());
    awaitTask(id);

    claire.post("/api/onboardings/" + id + "/cancellation", null).andExpect(status().isAccepted());

    OnboardingView cancelled = awaitStatus(id, OnboardingStatus.CANCELLED);
    assertThat(invitations.get(invitationId).status()).isEqualTo(InvitationStatus.BOUNCED);
    assertThat(accounts.forContact(cancelled.contactId()).orElseThrow().status())
        .isEqualTo(AccountStatus.NOT_INVITED);
    claire
        .get("/api/contacts/" + cancelled.contactId())
        .andExpect(jsonPath("$.account.status").value("NOT_INVITED"));
  }

  @Test
  @DisplayName("an active holder invites an employee: invited by the client, the firm is told")
  void clientInvitesAnEmployee() throws Exception {
    DossierView dossier = fixtures.dossier(Api.MANAGER);
    String holderEmail = TestData.email("titulaire");
    Map<String, Object> holder =
        body(dossier.id(), newContact(holderEmail, "Hélène", "Titulaire"), true, null);
    holder.put("holder", true);
    holder.put("accessLevel", "READ_WRITE");
    long holderOnboarding =
        claire
            .read(claire.post("/api/onboardings", holder).andExpect(status().isAccepted()))
            .get("id")
            .asLong();
    invitations.accept(Mailbox.activationToken(mailbox.await(holderEmail, 1).getFirst()), PASSWORD);
    OnboardingView holderDone = awaitStatus(holderOnboarding, OnboardingStatus.ONBOARDED);
    var client = new io.passerelle.domain.Actor.Client(holderDone.accountId());
    long before = notifications.unreadCount(fixtures.staffId(Api.MANAGER));

    String employeeEmail = TestData.email("salarie");
    var command =
        new ProposeCollaborativeService(
            dossier.id(),
            null,
            new io.passerelle.contact.NewContact(
                "Sam",
                "Salarié",
                null,
                null,
                SubscriberType.EMPLOYEE,
                null,
                employeeEmail,
                null,
                "DIRIGEANT",
                false,
                null),
            null,
            null,
            false,
            "START",
            "Bienvenue dans l'équipe",
            true);
    long id = onboardings.propose(command, client).id();

    MimeMessage invitation = mailbox.await(employeeEmail, 1).getFirst();
    assertThat(Mailbox.text(invitation))
        .contains("Hélène Titulaire")
        .contains("Bienvenue dans l'équipe");
    awaitInvited(id);
    InvitationView sent = invitations.forOnboarding(id).getFirst();
    assertThat(sent.invitedBy().kind()).isEqualTo("CLIENT");
    assertThat(sent.invitedBy().accountId()).isEqualTo(holderDone.accountId());
    assertThat(notifications.unreadCount(fixtures.staffId(Api.MANAGER))).isGreaterThan(before);

    var advisor =
        new ProposeCollaborativeService(
            dossier.id(),
            null,
            new io.passerelle.contact.NewContact(
                "Nina",
                "Notaire",
                null,
                null,
                SubscriberType.ADVISOR,
                io.passerelle.contact.AdvisorType.NOTARY,
                TestData.email("notaire"),
                null,
                "DIRIGEANT",
                false,
                null),
            null,
            null,
            false,
            "START",
            null,
            true);
    assertThatThrownBy(() -> onboardings.propose(advisor, client))
        .isInstanceOf(DomainException.class)
        .hasFieldOrPropertyWithValue("code", "ADVISOR_ACCESS_MANAGER_ONLY");
  }

  // ---- helpers ----

  /** A client invited by the dossier's manager, whose invitation waits for them. */
  private record Invited(DossierView dossier, String email, long onboardingId, String token) {}

  private Invited invited(String tag, String firstName, String lastName) throws Exception {
    DossierView dossier = fixtures.dossier(Api.MANAGER);
    String email = TestData.email(tag);
    long id = propose(dossier.id(), newContact(email, firstName, lastName), true, null);
    String token = Mailbox.activationToken(mailbox.await(email, 1).getFirst());
    awaitInvited(id);
    awaitWaiting(id, Elements.AWAIT_ACTIVATION);
    return new Invited(dossier, email, id, token);
  }

  private long propose(long dossierId, Object contact, boolean sendNow, String message)
      throws Exception {
    JsonNode created =
        claire.read(
            claire
                .post("/api/onboardings", body(dossierId, contact, sendNow, message))
                .andExpect(status().isAccepted()));
    return created.get("id").asLong();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> body(
      long dossierId, Object contact, boolean sendNow, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("dossierId", dossierId);
    if (contact instanceof Map<?, ?> map && map.containsKey("contactId")) {
      body.putAll((Map<String, Object>) map);
    } else {
      body.put("contact", contact);
    }
    body.put("offerCode", "START");
    body.put("accessLevel", "READ_ONLY");
    body.put("sendNow", sendNow);
    if (message != null) {
      body.put("customMessage", message);
    }
    return body;
  }

  private static Map<String, Object> newContact(String email, String first, String last) {
    Map<String, Object> contact = newContactWithRole(email, "DIRIGEANT");
    contact.put("firstName", first);
    contact.put("lastName", last);
    return contact;
  }

  private static Map<String, Object> newContactWithRole(String email, String role) {
    Map<String, Object> contact = new LinkedHashMap<>();
    contact.put("lastName", "Sans Prénom");
    contact.put("subscriberType", "CLIENT");
    contact.put("email", email);
    contact.put("organisationalRoleCode", role);
    return contact;
  }

  private OnboardingView awaitStatus(long id, OnboardingStatus expected) {
    await().atMost(PATIENCE).until(() -> onboardings.get(id).status() == expected);
    return onboardings.get(id);
  }

  private OnboardingView awaitInvited(long id) {
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                invitations.forOnboarding(id).stream()
                    .anyMatch(i -> i.status() == InvitationStatus.SENT));
    return onboardings.get(id);
  }

  private void awaitWaiting(long id, String elementId) {
    await()
        .atMost(PATIENCE)
        .until(
            () -> {
              OnboardingView o = onboardings.get(id);
              return waiting(o.processInstanceKey(), elementId)
                  || waiting(o.invitationProcessKey(), elementId);
            });
  }

  private boolean waiting(Long key, String elementId) {
    if (key == null) {
      return false;
    }
    InstanceState state = engine.instanceState(key);
    return state.isWaitingIn(elementId);
  }

  private StaffTaskView awaitTask(long onboardingId) throws Exception {
    await()
        .atMost(PATIENCE)
        .until(
            () -> {
              JsonNode tasks = claire.read(claire.get("/api/tasks"));
              for (JsonNode t : tasks) {
                if (t.get("onboardingId").asLong() == onboardingId) {
                  return true;
                }
              }
              return false;
            });
    JsonNode tasks = claire.read(claire.get("/api/tasks"));
    for (JsonNode t : tasks) {
      if (t.get("onboardingId").asLong() == onboardingId) {
        return json.treeToValue(t, StaffTaskView.class);
      }
    }
    throw new AssertionError("no task");
  }

  private WidgetState widgetOf(long dossierId) {
    return dossiers.get(dossierId).offers().stream()
        .filter(o -> o.offerCode().equals("START"))
        .findFirst()
        .orElseThrow()
        .widgetState();
  }

  private List<String> activityTypes(long dossierId) {
    return activity
        .list(new ActivityFilter(dossierId, null, null, null, null), PageRequest.of(0, 100))
        .map(a -> a.type().name())
        .getContent();
  }
}
