package io.passerelle.dossiercreation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.passerelle.activity.ActivityFilter;
import io.passerelle.activity.ActivityService;
import io.passerelle.activity.ActivityType;
import io.passerelle.contact.AccessLevel;
import io.passerelle.contact.ContactService;
import io.passerelle.contact.DossierLinkService;
import io.passerelle.dossier.DossierService;
import io.passerelle.dossier.DossierView;
import io.passerelle.dossiersetup.DossierSetupService;
import io.passerelle.engine.EmbeddedZeebeEngine;
import io.passerelle.engine.InstanceState;
import io.passerelle.engine.ProcessEngine;
import io.passerelle.mail.DevMailServer;
import io.passerelle.onboarding.OnboardingService;
import io.passerelle.onboarding.OnboardingStatus;
import io.passerelle.processes.ProcessNames.Elements;
import io.passerelle.staff.StaffService;
import io.passerelle.support.Api;
import io.passerelle.support.FakeCompanyRegistry;
import io.passerelle.support.Fixtures;
import io.passerelle.support.LookupAttempts;
import io.passerelle.support.Mailbox;
import io.passerelle.support.PasserelleSpringTest;
import io.passerelle.support.TestData;
import java.time.Duration;
import java.time.LocalDate;
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
 * Dossier creation end to end: the staff API asks for a dossier, the real workers run {@code
 * Process_DossierCreation} on the embedded engine against PostgreSQL and the company registry's
 * local fake, the details task is completed through the API, the director's onboarding starts.
 */
@PasserelleSpringTest
class DossierCreationJourneyTest {

  private static final Duration PATIENCE = Duration.ofSeconds(20);

  @Autowired MockMvc mvc;
  @Autowired ObjectMapper json;
  @Autowired FakeCompanyRegistry registry;
  @Autowired DossierRequestService requests;
  @Autowired DossierService dossiers;
  @Autowired DossierSetupService setup;
  @Autowired StaffService staff;
  @Autowired ContactService contacts;
  @Autowired DossierLinkService links;
  @Autowired OnboardingService onboardings;
  @Autowired ActivityService activity;
  @Autowired ProcessEngine engine;
  @Autowired EmbeddedZeebeEngine embedded;
  @Autowired DevMailServer mailServer;

  Fixtures fixtures;
  Api claire;

  @BeforeEach
  void setUp() {
    fixtures = new Fixtures(staff, dossiers, contacts, links);
    claire = Api.as(mvc, json, Api.MANAGER);
  }

  static FakeCompanyRegistry.Company company(String name, boolean closed) {
    return new FakeCompanyRegistry.Company(
        "732829320", name, "5499", "12 RUE DES LILAS", "75011", "PARIS 11", "10.71C", closed, true);
  }

  @Test
  @DisplayName(
      "SIRET found: the dossier is created from the registry and the staff's choices, no task")
  void foundCompanyIsCreatedWithItsSetUp() throws Exception {
    String siret = TestData.siret();
    registry.answer(siret, company("BOULANGERIE DUPONT", false));
    Map<String, Object> body = request(siret);
    body.put("company", Map.of("legalForm", "SARL (saisie)"));
    body.put(
        "fiscalYears",
        List.of(Map.of("start", "2026-01-01"), Map.of("start", "2027-01-01", "end", "2027-06-30")));
    body.put("assignedStaffIds", List.of(fixtures.staffId(Api.STAFF)));
    body.put("documentTreeCode", "TPE");
    body.put(
        "partnerApplications",
        List.of(
            Map.of("code", "PORTAIL_BANCAIRE", "accessAllowed", true, "onClientPortal", true),
            Map.of(
                "code",
                "paie",
                "accessAllowed",
                true,
                "settings",
                Map.of("payrollCompanyCode", "BOUL01"))));

    JsonNode accepted =
        claire.read(
            claire
                .post("/api/dossier-requests", body)
                .andExpect(status().isAccepted())
                .andExpect(
                    header()
                        .string(
                            "Location",
                            org.hamcrest.Matchers.startsWith("/api/dossier-requests/"))));
    long id = accepted.get("id").asLong();
    assertThat(accepted.get("status").asText()).isEqualTo("LOOKING_UP");

    DossierRequestView done = awaitStatus(id, DossierRequestStatus.CREATED);
    assertThat(done.registry().outcome()).isEqualTo(RegistryOutcome.FOUND);
    assertThat(done.registry().company().companyName()).isEqualTo("BOULANGERIE DUPONT");
    assertThat(done.problem()).isNull();
    DossierView dossier = dossiers.get(done.dossier().id());
    assertThat(dossier.companyName()).isEqualTo("BOULANGERIE DUPONT");
    assertThat(dossier.siret()).isEqualTo(siret);
    assertThat(dossier.legalForm()).as("the staff's input wins").isEqualTo("SARL (saisie)");
    assertThat(dossier.nafCode()).isEqualTo("10.71C");
    assertThat(dossier.address().line1()).isEqualTo("12 RUE DES LILAS");
    assertThat(dossier.address().postalCode()).isEqualTo("75011");
    assertThat(dossier.address().city()).isEqualTo("PARIS 11");
    assertThat(dossier.manager().username()).isEqualTo(Api.MANAGER);
    assertThat(dossier.assignedStaff())
        .extracting(DossierView.StaffRef::username)
        .containsExactlyInAnyOrder(Api.MANAGER, Api.STAFF);
    assertThat(dossier.fiscalYears())
        .extracting(DossierView.FiscalYearView::start, DossierView.FiscalYearView::end)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31)),
            org.assertj.core.groups.Tuple.tuple(
                LocalDate.of(2027, 1, 1), LocalDate.of(2027, 6, 30)));
    var dossierSetup = setup.forDossier(dossier.id());
    assertThat(dossierSetup.documentTree().code()).isEqualTo("TPE");
    assertThat(dossierSetup.documentTree().folders()).contains("Pièces comptables");
    var payroll =
        dossierSetup.partnerApplications().stream()
            .filter(a -> a.code().equals("PAIE"))
            .findFirst()
            .orElseThrow();
    assertThat(payroll.accessAllowed()).isTrue();
    assertThat(payroll.settings()).containsEntry("payrollCompanyCode", "BOUL01");
    assertThat(registry.calls(siret)).isEqualTo(1);

    InstanceState state = awaitEnded(done.process().processInstanceKey());
    assertThat(state.status()).isEqualTo(InstanceState.Status.COMPLETED);
    assertThat(openTasksOf(done.process().processInstanceKey())).isZero();
    assertThat(
            activity
                .list(
                    new ActivityFilter(null, null, ActivityType.DOSSIER_REQUESTED, null, null),
                    PageRequest.of(0, 50))
                .stream()
                .anyMatch(
                    a -> Long.valueOf(id).equals(number(a.details().get("dossierRequestId")))))
        .isTrue();

    claire
        .get("/api/dossier-requests/" + id)
        .andExpect(jsonPath("$.status").value("CREATED"))
        .andExpect(jsonPath("$.dossier.href").value("/api/dossiers/" + dossier.id()));
  }

  @Test
  @DisplayName(
      "SIRET unknown to the registry: the task goes to whoever asked, the details they give make"
          + " the dossier")
  void notFoundGoesThroughTheTask() throws Exception {
    String siret = TestData.siret();
    long id = submit(claire, request(siret));

    DossierRequestView waiting = awaitTask(id);
    assertThat(waiting.status()).isEqualTo(DossierRequestStatus.DETAILS_NEEDED);
    assertThat(waiting.registry().outcome()).isEqualTo(RegistryOutcome.NOT_FOUND);
    assertThat(waiting.process().openTask().assignee()).isEqualTo(Api.MANAGER);
    assertThat(waiting.process().openTask().elementId())
        .isEqualTo(Elements.USER_TASK_COMPLETE_COMPANY_DETAILS);

    // someone else's request: another manager may not complete it
    Api.as(mvc, json, Api.OTHER_MANAGER)
        .post(
            "/api/dossier-requests/" + id + "/company-details", Map.of("companyName", "Intrus SA"))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.code").value("DOSSIER_REQUEST_OWNER_ONLY"));
    claire
        .post("/api/dossier-requests/" + id + "/company-details", Map.of("nafCode", "xx"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("company.nafCode"));

    claire
        .post(
            "/api/dossier-requests/" + id + "/company-details",
            Map.of(
                "companyName",
                "Atelier <Martin> & fils",
                "nafCode",
                "6920z",
                "address",
                Map.of("line1", "3 rue Neuve", "postalCode", "69001", "city", "Lyon")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("CREATING"));

    DossierRequestView done = awaitStatus(id, DossierRequestStatus.CREATED);
    DossierView dossier = dossiers.get(done.dossier().id());
    assertThat(dossier.companyName()).isEqualTo("Atelier <Martin> & fils");
    assertThat(dossier.nafCode()).isEqualTo("69.20Z");
    assertThat(dossier.siret()).isEqualTo(siret);

    claire
        .post("/api/dossier-requests/" + id + "/company-details", Map.of("companyName", "Encore"))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.code").value("TASK_NOT_OPEN"));
  }

  @Test
  @DisplayName("closed establishment: flagged, prefilled, the staff member confirms it")
  void closedEstablishmentIsFlaggedThenConfirmed() throws Exception {
    String siret = TestData.siret();
    registry.answer(siret, company("ANCIENNE BOUTIQUE", true));
    long id = submit(claire, request(siret));

    DossierRequestView waiting = awaitTask(id);
    assertThat(waiting.registry().outcome()).isEqualTo(RegistryOutcome.CLOSED);
    assertThat(waiting.registry().establishmentClosed()).isTrue();
    assertThat(waiting.company().companyName()).isEqualTo("ANCIENNE BOUTIQUE");

    claire
        .post("/api/dossier-requests/" + id + "/company-details", Map.of())
        .andExpect(status().isOk());

    DossierRequestView done = awaitStatus(id, DossierRequestStatus.CREATED);
    assertThat(dossiers.get(done.dossier().id()).companyName()).isEqualTo("ANCIENNE BOUTIQUE");
  }

  @Test
  @DisplayName(
      "no SIRET: no lookup; confirmed through the generic task API without a name, the task comes"
          + " back with the reason")
  void noSiretAndTheTaskComesBackWhenTheNameIsMissing() throws Exception {
    Map<String, Object> body = request(null);
    long id = submit(claire, body);

    DossierRequestView waiting = awaitTask(id);
    assertThat(waiting.status()).isEqualTo(DossierRequestStatus.DETAILS_NEEDED);
    assertThat(waiting.registry()).isNull();
    long firstTask = waiting.process().openTask().userTaskKey();

    claire
        .post("/api/tasks/" + firstTask + "/completion", Map.of("companyDetailsConfirmed", false))
        .andExpect(status().isBadRequest());
    claire
        .post("/api/tasks/" + firstTask + "/completion", Map.of("companyDetailsConfirmed", true))
        .andExpect(status().is2xxSuccessful());

    await()
        .atMost(PATIENCE)
        .until(
            () -> {
              var view = requests.get(id);
              return view.process().openTask() != null
                  && view.process().openTask().userTaskKey() != firstTask;
            });
    DossierRequestView again = requests.get(id);
    assertThat(again.status()).isEqualTo(DossierRequestStatus.DETAILS_NEEDED);
    assertThat(again.problem().code()).isEqualTo("REQUIRED");
    assertThat(again.process().openTask().assignee()).isEqualTo(Api.MANAGER);

    claire
        .post(
            "/api/dossier-requests/" + id + "/company-details", Map.of("companyName", "Sans Siret"))
        .andExpect(status().isOk());
    DossierRequestView done = awaitStatus(id, DossierRequestStatus.CREATED);
    assertThat(dossiers.get(done.dossier().id()).siret()).isNull();
    assertThat(done.problem()).isNull();
  }

  @Test
  @DisplayName(
      "registry down: the lookup is retried with its backoff, then an incident that says why;"
          + " manual entry leaves it for the task")
  void registryDownEndsInAnIncidentThenManualEntry() throws Exception {
    String siret = TestData.siret();
    registry.answer(siret, new FakeCompanyRegistry.Failing());
    long id = submit(claire, request(siret));
    long key = awaitStarted(id);

    useEveryLookupAttempt(siret, key);
    await().atMost(PATIENCE).until(() -> !engine.instanceState(key).incidents().isEmpty());
    assertThat(registry.calls(siret)).isEqualTo(10);

    DossierRequestView down = requests.get(id);
    assertThat(down.status()).isEqualTo(DossierRequestStatus.LOOKING_UP);
    assertThat(down.process().incidents()).hasSize(1);
    assertThat(down.process().incidents().getFirst().elementId())
        .isEqualTo(Elements.LOOKUP_COMPANY);
    assertThat(down.process().incidents().getFirst().message())
        .contains("dossier request " + id)
        .contains("HTTP 500")
        .contains("No retry left")
        // the stack trace is in the log, never in what a person reads
        .doesNotContain("\tat ")
        .doesNotContain("io.camunda")
        .doesNotContain("Exception.java");
    claire
        .get("/api/dossier-requests/" + id)
        .andExpect(status().isOk())
        .andExpect(
            jsonPath("$.process.incidents[0].message")
                .value(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("\tat "))));

    claire
        .post("/api/dossier-requests/" + id + "/manual-entry", null)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("DETAILS_NEEDED"));
    claire.post("/api/dossier-requests/" + id + "/manual-entry", null).andExpect(status().isOk());

    DossierRequestView manual = awaitTask(id);
    assertThat(manual.process().incidents()).isEmpty();
    claire
        .post("/api/dossier-requests/" + id + "/company-details", Map.of("companyName", "Saisie"))
        .andExpect(status().isOk());
    awaitStatus(id, DossierRequestStatus.CREATED);
    claire
        .post("/api/dossier-requests/" + id + "/manual-entry", null)
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.code").value("LOOKUP_NOT_PENDING"));
  }

  @Test
  @DisplayName(
      "registry down then back: the incident is retried through the API and the dossier is"
          + " created from the registry")
  void registryBackAfterTheIncident() throws Exception {
    String siret = TestData.siret();
    registry.answer(siret, new FakeCompanyRegistry.FailingThen(10, company("REVENU SAS", false)));
    long id = submit(claire, request(siret));
    long key = awaitStarted(id);
    claire
        .post("/api/dossier-requests/" + id + "/lookup-retry", null)
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.code").value("NO_INCIDENT"));
    useEveryLookupAttempt(siret, key);
    await().atMost(PATIENCE).until(() -> !engine.instanceState(key).incidents().isEmpty());

    Api.as(mvc, json, Api.OTHER_MANAGER)
        .post("/api/dossier-requests/" + id + "/lookup-retry", null)
        .andExpect(status().isForbidden());
    claire.post("/api/dossier-requests/" + id + "/lookup-retry", null).andExpect(status().isOk());

    DossierRequestView done = awaitStatus(id, DossierRequestStatus.CREATED);
    assertThat(done.registry().outcome()).isEqualTo(RegistryOutcome.FOUND);
    assertThat(dossiers.get(done.dossier().id()).companyName()).isEqualTo("REVENU SAS");
    assertThat(registry.calls(siret)).isEqualTo(11);
    assertThat(engine.instanceState(key).incidents()).isEmpty();
  }

  @Test
  @DisplayName(
      "registry rate-limited, then back: the lookup waits as told and the dossier is created")
  void rateLimitedThenFound() throws Exception {
    String siret = TestData.siret();
    registry.answer(
        siret, new FakeCompanyRegistry.RateLimitedThen(1, company("PATIENCE SARL", false)));
    long id = submit(claire, request(siret));
    DossierRequestView done = awaitStatus(id, DossierRequestStatus.CREATED);
    assertThat(dossiers.get(done.dossier().id()).companyName()).isEqualTo("PATIENCE SARL");
    assertThat(registry.calls(siret)).isEqualTo(2);
  }

  @Test
  @DisplayName(
      "SIRET already used: refused at once with the dossier that has it, the registry not asked,"
          + " no request stored")
  void siretAlreadyUsed() throws Exception {
    DossierView existing = fixtures.dossier(Api.MANAGER);
    registry.answer(existing.siret(), new FakeCompanyRegistry.Failing());
    Map<String, Object> body = request(existing.siret());
    body.put("director", director(TestData.email("doublon")));
    long before = requests.list(null, null, PageRequest.of(0, 1)).getTotalElements();

    claire
        .post("/api/dossier-requests", body)
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.code").value("SIRET_ALREADY_USED"))
        .andExpect(jsonPath("$.errors[0].field").value("siret"))
        .andExpect(jsonPath("$.existingDossier.id").value(existing.id()))
        .andExpect(jsonPath("$.existingDossier.companyName").value(existing.companyName()))
        .andExpect(jsonPath("$.existingDossier.href").value("/api/dossiers/" + existing.id()));

    assertThat(registry.calls(existing.siret())).isZero();
    assertThat(requests.list(null, null, PageRequest.of(0, 1)).getTotalElements())
        .isEqualTo(before);
    assertThat(
            dossiers
                .list(
                    new io.passerelle.dossier.DossierFilter(existing.siret(), null, null, null),
                    PageRequest.of(0, 5))
                .getTotalElements())
        .isEqualTo(1);
  }

  @Test
  @DisplayName(
      "invite the director now: their onboarding starts as a holder and the invitation leaves")
  void inviteDirectorNow() throws Exception {
    String siret = TestData.siret();
    registry.answer(siret, company("DIRIGEANT INVITE SAS", false));
    String email = TestData.email("dirigeante");
    Map<String, Object> body = request(siret);
    body.put("director", director(email));
    body.put("sendInvitationNow", true);
    long id = submit(claire, body);

    DossierRequestView done =
        awaitUntil(id, v -> v.director().onboardingId() != null, "the director's onboarding");
    assertThat(done.director().email()).as("the details live in the contact now").isNull();
    var onboarding = onboardings.get(done.director().onboardingId());
    assertThat(onboarding.dossierId()).isEqualTo(done.dossier().id());
    assertThat(onboarding.holder()).isTrue();
    assertThat(onboarding.sendNow()).isTrue();
    assertThat(onboarding.accessLevel()).isEqualTo(AccessLevel.READ_WRITE);
    assertThat(onboarding.proposedBy().staffId()).isEqualTo(fixtures.staffId(Api.MANAGER));
    var mail = new Mailbox(mailServer).await(email, 1).getFirst();
    assertThat(Mailbox.subject(mail)).contains("DIRIGEANT INVITE SAS");
    await()
        .atMost(PATIENCE)
        .until(() -> onboardings.get(onboarding.id()).status() == OnboardingStatus.IN_PROGRESS);
  }

  @Test
  @DisplayName("invite the director later: the onboarding waits for the firm's order, no mail")
  void inviteDirectorLater() throws Exception {
    String siret = TestData.siret();
    registry.answer(siret, company("PLUS TARD SARL", false));
    String email = TestData.email("plustard");
    Map<String, Object> body = request(siret);
    body.put("director", director(email));
    body.put("sendInvitationNow", false);
    long id = submit(claire, body);

    DossierRequestView done =
        awaitUntil(id, v -> v.director().onboardingId() != null, "the director's onboarding");
    var onboarding = onboardings.get(done.director().onboardingId());
    assertThat(onboarding.sendNow()).isFalse();
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                onboardings.get(onboarding.id()).contactId() != null
                    && engine
                        .instanceState(onboardings.get(onboarding.id()).processInstanceKey())
                        .isWaitingIn(Elements.AWAIT_SEND_ORDER));
    assertThat(new Mailbox(mailServer).to(email).size()).isZero();
    assertThat(contacts.get(onboardings.get(onboarding.id()).contactId()).email()).isEqualTo(email);
  }

  @Test
  @DisplayName("Idempotency-Key: the same request twice makes one request and one process")
  void idempotencyKey() throws Exception {
    String siret = TestData.siret();
    registry.answer(siret, company("UNE FOIS", false));
    Map<String, Object> body = request(siret);
    String key = UUID.randomUUID().toString();

    long first =
        claire
            .read(claire.post("/api/dossier-requests", body, key).andExpect(status().isAccepted()))
            .get("id")
            .asLong();
    JsonNode second =
        claire.read(
            claire
                .post("/api/dossier-requests", body, key)
                .andExpect(status().isAccepted())
                .andExpect(header().string("Idempotent-Replayed", "true")));

    assertThat(second.get("id").asLong()).isEqualTo(first);
    awaitStatus(first, DossierRequestStatus.CREATED);
    assertThat(registry.calls(siret)).isEqualTo(1);
  }

  // ---- helpers ----

  static Map<String, Object> request(String siret) {
    Map<String, Object> body = new LinkedHashMap<>();
    if (siret != null) {
      body.put("siret", siret);
    }
    body.put("fiscalYears", List.of(Map.of("start", "2026-01-01")));
    body.put("documentTreeCode", "CABINET");
    return body;
  }

  static Map<String, Object> director(String email) {
    Map<String, Object> director = new LinkedHashMap<>();
    director.put("firstName", "Nadia");
    director.put("lastName", "Dirigeante");
    director.put("email", email);
    return director;
  }

  long submit(Api as, Map<String, Object> body) throws Exception {
    return as.read(as.post("/api/dossier-requests", body).andExpect(status().isAccepted()))
        .get("id")
        .asLong();
  }

  DossierRequestView awaitStatus(long id, DossierRequestStatus expected) {
    return awaitUntil(id, v -> v.status() == expected, "status " + expected);
  }

  DossierRequestView awaitTask(long id) {
    return awaitUntil(id, v -> v.process().openTask() != null, "the details task");
  }

  DossierRequestView awaitUntil(
      long id, java.util.function.Predicate<DossierRequestView> condition, String what) {
    await().alias(what).atMost(PATIENCE).until(() -> condition.test(requests.get(id)));
    return requests.get(id);
  }

  /** The lookup's attempts, with no incident before the last one. */
  void useEveryLookupAttempt(String siret, long key) {
    LookupAttempts.useAll(
        registry,
        embedded,
        siret,
        PATIENCE,
        () -> assertThat(engine.instanceState(key).incidents()).isEmpty());
  }

  long awaitStarted(long id) {
    return awaitUntil(id, v -> v.process().processInstanceKey() != null, "the process start")
        .process()
        .processInstanceKey();
  }

  InstanceState awaitEnded(long key) {
    await()
        .atMost(PATIENCE)
        .until(() -> engine.instanceState(key).status() != InstanceState.Status.ACTIVE);
    return engine.instanceState(key);
  }

  long openTasksOf(long key) {
    return engine.openUserTasks().stream().filter(t -> t.processInstanceKey() == key).count();
  }

  static Long number(Object value) {
    return value instanceof Number n ? n.longValue() : null;
  }
}
