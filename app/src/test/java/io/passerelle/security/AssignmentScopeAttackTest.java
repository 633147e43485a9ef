package io.passerelle.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.passerelle.account.InvitationService;
import io.passerelle.account.InvitationStatus;
import io.passerelle.account.InvitationView;
import io.passerelle.collaboration.CollaborationService;
import io.passerelle.contact.AccessLevel;
import io.passerelle.contact.ContactService;
import io.passerelle.contact.ContactView;
import io.passerelle.contact.DossierLinkService;
import io.passerelle.contact.SubscriberType;
import io.passerelle.dossier.DossierService;
import io.passerelle.dossier.DossierView;
import io.passerelle.onboarding.OnboardingService;
import io.passerelle.onboarding.OnboardingView;
import io.passerelle.staff.NewStaffMember;
import io.passerelle.staff.ScopedResources;
import io.passerelle.staff.StaffRole;
import io.passerelle.staff.StaffScope;
import io.passerelle.staff.StaffService;
import io.passerelle.staff.StaffVisibility;
import io.passerelle.staff.VisibilityProperties;
import io.passerelle.support.Api;
import io.passerelle.support.Fixtures;
import io.passerelle.support.PasserelleSpringTest;
import io.passerelle.support.TestData;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Issue 19, item 3, tried from outside: a STAFF member assigned to no dossier (and a manager of
 * other dossiers) reads and writes through every dossier-scoped endpoint and page, and meets a 404
 * (as for an id that does not exist), a 403, or a list without the rows; the assigned STAFF member
 * and the manager do see them; with {@code staff-visibility=ALL} everyone reads everything; only
 * the dossier's manager (or the administrator) retries its incidents.
 *
 * <p>Every GET mapping of the application is classified here or in {@link ScopedResources#READS}: a
 * new GET endpoint that is neither fails {@link #everyGetEndpointIsClassified()}.
 */
@PasserelleSpringTest
class AssignmentScopeAttackTest {

  private static final Duration PATIENCE = Duration.ofSeconds(30);
  private static final String OUTSIDER_PASSWORD = "Hors des dossiers, 2026 !";
  private static final long UNKNOWN_ID = 987_654_321_012L;

  /** GET mappings that list: each filters its rows by the reader's scope (tested below). */
  static final Set<String> FILTERED_LISTS =
      Set.of(
          "/api/dossiers",
          "/api/contacts",
          "/api/onboardings",
          "/api/invitations",
          "/api/invitations/pending",
          "/api/activity",
          "/api/notifications",
          "/api/tasks",
          "/api/tasks/{key}",
          "/api/dossier-requests",
          "/api/collaborative-services",
          "/api/accounts",
          "/portefeuille",
          "/interlocuteurs",
          "/activations-en-attente",
          "/activite",
          "/notifications",
          "/tableau-de-bord",
          "/taches",
          "/taches/{key}",
          "/dossiers/demandes",
          "/invitations-groupees/nouvelle");

  /** GET mappings that show nothing of a dossier, and why. */
  static final Map<String, String> UNSCOPED =
      Map.ofEntries(
          Map.entry("/api/offers", "the firm's catalogue"),
          Map.entry("/api/offers/{code}", "the firm's catalogue"),
          Map.entry("/api/organisational-roles", "the firm's catalogue"),
          Map.entry("/api/organisational-roles/{id}", "the firm's catalogue"),
          Map.entry("/api/staff", "the staff directory (names, roles)"),
          Map.entry("/api/staff/me", "oneself"),
          Map.entry("/api/staff/{id}", "the staff directory"),
          Map.entry("/api/company-registry/{siret}", "the public company registry"),
          Map.entry("/api/fiscal-years/proposal", "a date computation"),
          Map.entry("/api/dossier-imports/template", "an empty CSV template"),
          Map.entry("/api/document-tree-templates", "the firm's catalogue"),
          Map.entry("/api/partner-applications", "the firm's catalogue"),
          Map.entry("/connexion", "the sign-in page"),
          Map.entry(
              "/connexion/microsoft-refusee",
              "a refused Microsoft sign-in: a fixed sentence chosen among four (issue 23)"),
          Map.entry("/", "the home page: the member's own name"),
          Map.entry("/dossiers/nouveau", "an empty form (managers and the administrator)"),
          Map.entry("/dossiers/nouveau/fin-exercice", "a date computation"),
          Map.entry("/dossiers/import", "an empty form (managers and the administrator)"),
          Map.entry("/dossiers/import/modele.csv", "an empty CSV template"),
          Map.entry(
              "/api/retention-runs",
              "the retention runs, administrators only (403 otherwise: RetentionTest)"),
          Map.entry(
              "/conservation", "the retention runs' page, administrators only (RetentionTest)"),
          Map.entry(
              "/api/operations/reconciliation",
              "the engine's reconciliation, administrators only (OperationsSecurityTest)"),
          Map.entry(
              "/api/operations/incidents",
              "every incident, administrators only (OperationsSecurityTest)"),
          Map.entry(
              "/api/operations/engine-commands/failed",
              "the engine commands given up, administrators only (FailedEngineCommandsTest)"),
          Map.entry(
              "/operations", "the operator page, administrators only (OperationsSecurityTest)"),
          Map.entry("/error", "the error page, which shows no data"));

  @Autowired MockMvc mvc;
  @Autowired ObjectMapper json;
  @Autowired UserDetailsService users;
  @Autowired StaffService staff;
  @Autowired DossierService dossiers;
  @Autowired ContactService contacts;
  @Autowired DossierLinkService links;
  @Autowired OnboardingService onboardings;
  @Autowired InvitationService invitations;
  @Autowired CollaborationService collaboration;
  @Autowired StaffScope scopes;

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mappings;

  /** What the attacks aim at, made once for the class (the engine runs an onboarding). */
  record World(
      String outsider,
      long outsiderId,
      DossierView dossier,
      DossierView otherDossier,
      ContactView contact,
      long linkId,
      long otherLinkId,
      long onboardingId,
      long invitationId,
      long accountId,
      long serviceId,
      long processKey,
      long bulkId,
      long requestId,
      String requestCompany,
      long importId) {

    /** The id a URL variable of this kind takes. */
    long idOf(ScopedResources.Kind kind) {
      return switch (kind) {
        case DOSSIER -> dossier.id();
        case CONTACT -> contact.id();
        case ACCOUNT -> accountId;
        case ONBOARDING -> onboardingId;
        case INVITATION -> invitationId;
        case BULK_INVITATION -> bulkId;
        case COLLABORATIVE_SERVICE -> serviceId;
        case DOSSIER_REQUEST -> requestId;
        case DOSSIER_IMPORT -> importId;
        case PROCESS_INSTANCE -> processKey;
      };
    }
  }

  static World world;

  Fixtures fixtures;

  @BeforeEach
  void setUp() throws Exception {
    fixtures = new Fixtures(staff, dossiers, contacts, links);
    synchronized (AssignmentScopeAttackTest.class) {
      if (world == null) {
        world = build();
      }
    }
  }

  private World build() throws Exception {
    String outsider = TestData.unique("lea.dehors").toLowerCase();
    long outsiderId =
        staff
            .create(
                new NewStaffMember(
                    outsider,
                    TestData.email("lea"),
                    "Léa",
                    "Dehors",
                    StaffRole.STAFF,
                    OUTSIDER_PASSWORD),
                fixtures.actor(Api.ADMIN))
            .id();
    // claire manages it, hugo.bernard is assigned (Fixtures), the outsider nothing
    DossierView dossier = fixtures.dossier(Api.MANAGER);
    // sophie manages another, where hugo is assigned too: the contact is linked to both
    DossierView other = fixtures.dossier(Api.OTHER_MANAGER);
    dossiers.unassignStaff(other.id(), fixtures.staffId(Api.STAFF), Fixtures.SYSTEM);
    String email = TestData.email("cible");
    String lastName = TestData.unique("Cible");
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("dossierId", dossier.id());
    body.put(
        "contact",
        Map.of(
            "firstName", "Camille",
            "lastName", lastName,
            "subscriberType", "CLIENT",
            "email", email,
            "organisationalRoleCode", "DIRIGEANT"));
    body.put("offerCode", "START");
    body.put("accessLevel", "READ_ONLY");
    body.put("sendNow", true);
    Api claire = Api.as(mvc, json, Api.MANAGER);
    long onboardingId = claire.read(claire.post("/api/onboardings", body)).path("id").asLong();
    assertThat(onboardingId).isPositive();
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                invitations.forOnboarding(onboardingId).stream()
                    .anyMatch(i -> i.status() == InvitationStatus.SENT));
    OnboardingView onboarding = onboardings.get(onboardingId);
    InvitationView invitation = invitations.forOnboarding(onboardingId).getFirst();
    ContactView contact = contacts.get(onboarding.contactId());
    long linkId = links.liveLinkOf(dossier.id(), contact.id()).orElseThrow().id();
    long otherLinkId = fixtures.link(other.id(), contact.id(), false, AccessLevel.READ_ONLY).id();
    long serviceId = collaboration.byOnboarding(onboardingId).orElseThrow().id();

    ContactView second = fixtures.contact(SubscriberType.EMPLOYEE);
    fixtures.link(dossier.id(), second.id(), false, AccessLevel.READ_ONLY);
    long bulkId =
        claire
            .read(
                claire.post(
                    "/api/bulk-invitations",
                    Map.of(
                        "dossierIds",
                        List.of(dossier.id()),
                        "contactIds",
                        List.of(second.id()),
                        "offerCode",
                        "START")))
            .path("id")
            .asLong();
    assertThat(bulkId).isPositive();

    String requestCompany = TestData.unique("Demande Périmètre ");
    long requestId =
        claire
            .read(
                claire.post(
                    "/api/dossier-requests",
                    Map.of(
                        "company",
                        Map.of("companyName", requestCompany),
                        "documentTreeCode",
                        "CABINET")))
            .path("id")
            .asLong();
    assertThat(requestId).isPositive();

    String csv =
        "raison_sociale;siret;forme_juridique;adresse;code_postal;ville;code_naf;debut_exercice;"
            + "fin_exercice;responsable;collaborateurs;arborescence\r\n"
            + TestData.unique("Importée ")
            + ";"
            + TestData.siret()
            + ";SAS;1 rue du Port;13002;Marseille;5610a;01/01/2026;;;hugo.bernard;TPE\r\n";
    var file =
        new MockMultipartFile(
            "file", "dossiers.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8));
    long importId =
        json.readTree(
                mvc.perform(
                        MockMvcRequestBuilders.multipart("/api/dossier-imports")
                            .file(file)
                            .with(httpBasic(Api.MANAGER, Api.passwordOf(Api.MANAGER)))
                            .accept(MediaType.APPLICATION_JSON))
                    .andReturn()
                    .getResponse()
                    .getContentAsString(StandardCharsets.UTF_8))
            .path("importId")
            .asLong();
    assertThat(importId).isPositive();

    return new World(
        outsider,
        outsiderId,
        dossier,
        dossiers.get(other.id()),
        contact,
        linkId,
        otherLinkId,
        onboardingId,
        invitation.id(),
        invitation.accountId(),
        serviceId,
        onboarding.processInstanceKey(),
        bulkId,
        requestId,
        requestCompany,
        importId);
  }

  // ---- the endpoints, enumerated ----

  @Test
  @DisplayName("every GET endpoint is scoped, a filtered list, or declared free of dossier data")
  void everyGetEndpointIsClassified() {
    Set<String> unclassified = new TreeSet<>();
    for (var entry : mappings.getHandlerMethods().entrySet()) {
      if (!isStaffGet(entry.getKey(), entry.getValue())) {
        continue;
      }
      for (String pattern : entry.getKey().getPatternValues()) {
        if (!ScopedResources.READS.containsKey(pattern)
            && !FILTERED_LISTS.contains(pattern)
            && !UNSCOPED.containsKey(pattern)) {
          unclassified.add(pattern);
        }
      }
    }
    assertThat(unclassified)
        .as(
            "GET endpoints not classified: add them to ScopedResources.READS (one resource),"
                + " FILTERED_LISTS (with a test) or UNSCOPED (with the reason)")
        .isEmpty();
  }

  @Test
  @DisplayName(
      "every single-resource GET (API and pages): the unassigned STAFF and the other manager get"
          + " the 404 of an unknown id; the assigned STAFF and the manager see it")
  void singleResourcesAreNotFoundOutsideTheScope() throws Exception {
    assertThat(ScopedResources.READS).isNotEmpty();
    for (var read : ScopedResources.READS.entrySet()) {
      String pattern = read.getKey();
      ScopedResources.Kind kind = read.getValue().kind();
      String url = url(pattern, read.getValue().variable(), world.idOf(kind));
      String unknown = url(pattern, read.getValue().variable(), UNKNOWN_ID);

      // what an id that does not exist gets: the same as one outside the scope
      MockHttpServletResponse none = get(unknown, world.outsider());
      assertThat(none.getStatus()).as("unknown id on %s", unknown).isEqualTo(404);

      List<String> outsiders = new ArrayList<>(List.of(world.outsider()));
      if (kind != ScopedResources.Kind.CONTACT && kind != ScopedResources.Kind.ACCOUNT) {
        outsiders.add(Api.OTHER_MANAGER); // who sees the contact through her own dossier
      }
      for (String outsider : outsiders) {
        MockHttpServletResponse refused = get(url, outsider);
        assertThat(refused.getStatus()).as("%s as %s", url, outsider).isEqualTo(404);
        if (pattern.startsWith("/api/")) {
          assertThat(json.readTree(refused.getContentAsString()).path("code").asText())
              .as("%s as %s: the code of an unknown id", url, outsider)
              .isEqualTo(json.readTree(none.getContentAsString()).path("code").asText());
        }
        assertThat(refused.getContentAsString(StandardCharsets.UTF_8))
            .doesNotContain(world.dossier().companyName())
            .doesNotContain(world.contact().email());
      }

      List<String> insiders = new ArrayList<>(List.of(Api.MANAGER, Api.ADMIN));
      if (kind != ScopedResources.Kind.DOSSIER_REQUEST
          && kind != ScopedResources.Kind.DOSSIER_IMPORT) {
        insiders.add(Api.STAFF); // assigned to the dossier
      }
      for (String insider : insiders) {
        assertThat(get(url, insider).getStatus()).as("%s as %s", url, insider).isEqualTo(200);
      }
    }
  }

  @Test
  @DisplayName("the lists (API): the unassigned STAFF counts nothing of the dossier, hugo does")
  void apiListsHideTheRows() throws Exception {
    long d = world.dossier().id();
    // list → the id hugo (assigned) finds in it; the outsider finds nothing at all
    Map<String, Long> expectedForStaff = new LinkedHashMap<>();
    expectedForStaff.put("/api/dossiers?q=" + world.dossier().companyName(), d);
    expectedForStaff.put("/api/contacts?q=" + world.contact().lastName(), world.contact().id());
    expectedForStaff.put("/api/accounts?q=" + world.contact().email(), world.accountId());
    expectedForStaff.put("/api/onboardings?dossierId=" + d, world.onboardingId());
    expectedForStaff.put("/api/invitations?dossierId=" + d, world.invitationId());
    expectedForStaff.put("/api/collaborative-services?dossierId=" + d, world.serviceId());
    expectedForStaff.put("/api/activity?dossierId=" + d, null);
    expectedForStaff.put("/api/activity?contactId=" + world.contact().id(), null);
    for (var list : expectedForStaff.entrySet()) {
      assertThat(total(list.getKey(), world.outsider())).as(list.getKey()).isZero();
      assertThat(total(list.getKey(), Api.STAFF)).as(list.getKey()).isPositive();
      if (list.getValue() != null) {
        assertThat(read(list.getKey(), Api.STAFF).path("content").findValuesAsText("id"))
            .as(list.getKey())
            .contains(String.valueOf(list.getValue()));
      }
    }
    // lists with no filter: nothing at all for someone assigned to nothing
    for (String all :
        List.of(
            "/api/dossiers",
            "/api/contacts",
            "/api/accounts",
            "/api/onboardings",
            "/api/invitations",
            "/api/invitations/pending",
            "/api/collaborative-services",
            "/api/activity",
            "/api/dossier-requests",
            "/api/notifications")) {
      assertThat(total(all, world.outsider())).as(all).isZero();
    }
    assertThat(read("/api/tasks", world.outsider())).isEmpty();
    // the other manager sees their own dossier, not claire's
    assertThat(total("/api/dossiers?q=" + world.dossier().companyName(), Api.OTHER_MANAGER))
        .isZero();
    assertThat(total("/api/dossiers?q=" + world.otherDossier().companyName(), Api.OTHER_MANAGER))
        .isEqualTo(1);
    // a search parameter does not widen the scope
    assertThat(total("/api/dossiers?staffId=" + fixtures.staffId(Api.STAFF), world.outsider()))
        .isZero();
    assertThat(total("/api/dossier-requests", Api.MANAGER)).isPositive();

    // a contact's links: only those of dossiers the reader sees
    JsonNode hugoLinks = read("/api/contacts/" + world.contact().id() + "/links", Api.STAFF);
    assertThat(hugoLinks.findValuesAsText("dossierId"))
        .contains(String.valueOf(d))
        .doesNotContain(String.valueOf(world.otherDossier().id()));
    JsonNode sophieLinks =
        read("/api/contacts/" + world.contact().id() + "/links", Api.OTHER_MANAGER);
    assertThat(sophieLinks.findValuesAsText("dossierId"))
        .containsExactly(String.valueOf(world.otherDossier().id()));
    // an account's invitations: sophie sees the account (its contact is on her dossier), not the
    // invitation of claire's dossier
    assertThat(read("/api/accounts/" + world.accountId() + "/invitations", Api.OTHER_MANAGER))
        .isEmpty();
    assertThat(read("/api/accounts/" + world.accountId() + "/invitations", Api.STAFF)).isNotEmpty();
    // a bulk invitation's rows: hugo sees those of his dossier
    assertThat(
            read("/api/bulk-invitations/" + world.bulkId() + "/items", Api.STAFF).path("content"))
        .isNotEmpty();
  }

  @Test
  @DisplayName("the pages: lists without the dossier, its contact or its request for the outsider")
  void pagesHideTheRows() throws Exception {
    String company = world.dossier().companyName();
    // page (its search box repeats the query) → what shows a row of the dossier or contact
    String row = "/dossiers/" + world.dossier().id() + "\"";
    String contactRow = "/interlocuteurs/" + world.contact().id() + "\"";
    Map<String, String> pages = new LinkedHashMap<>();
    pages.put("/portefeuille?q=" + company, row);
    pages.put("/interlocuteurs?q=" + world.contact().lastName(), contactRow);
    pages.put(
        "/invitations-groupees/nouvelle?q=" + company, "value=\"" + world.dossier().id() + "\"");
    pages.put("/dossiers/demandes", world.requestCompany());
    for (var page : pages.entrySet()) {
      MockHttpServletResponse outsider = get(page.getKey(), world.outsider());
      assertThat(outsider.getStatus()).as(page.getKey()).isEqualTo(200);
      assertThat(outsider.getContentAsString(StandardCharsets.UTF_8))
          .as(page.getKey())
          .doesNotContain(page.getValue());
    }
    assertThat(
            get("/portefeuille?q=" + company, Api.STAFF).getContentAsString(StandardCharsets.UTF_8))
        .contains(row);
    assertThat(
            get("/interlocuteurs?q=" + world.contact().lastName(), Api.STAFF)
                .getContentAsString(StandardCharsets.UTF_8))
        .contains(contactRow);
    assertThat(get("/dossiers/demandes", Api.MANAGER).getContentAsString(StandardCharsets.UTF_8))
        .contains(world.requestCompany());
    for (String page :
        List.of(
            "/activations-en-attente",
            "/activite",
            "/notifications",
            "/tableau-de-bord",
            "/taches")) {
      MockHttpServletResponse outsider = get(page, world.outsider());
      assertThat(outsider.getStatus()).as(page).isEqualTo(200);
      assertThat(outsider.getContentAsString(StandardCharsets.UTF_8))
          .as(page)
          .doesNotContain(company)
          .doesNotContain(world.contact().email())
          .doesNotContain(world.contact().lastName());
    }
    // the contact page: only the links the reader sees
    String sophie =
        get("/interlocuteurs/" + world.contact().id(), Api.OTHER_MANAGER)
            .getContentAsString(StandardCharsets.UTF_8);
    assertThat(sophie).contains(world.otherDossier().companyName()).doesNotContain(company);
  }

  /** A write tried by the attack: its mapping, the URL it takes here, its body or form. */
  record Write(HttpMethod method, String pattern, String url, Object body) {

    boolean page() {
      return !pattern.startsWith("/api/");
    }
  }

  /** Writes that touch no existing dossier's data, or are tried elsewhere, and why. */
  static final Map<String, String> WRITES_NOT_TRIED_HERE =
      Map.ofEntries(
          Map.entry("POST /api/dossiers", "creates a dossier (managers, administrator)"),
          Map.entry(
              "POST /api/dossier-requests", "asks for a new dossier (managers, administrator)"),
          Map.entry("POST /api/dossier-imports", "creates dossiers (managers, administrator)"),
          Map.entry("POST /dossiers/nouveau", "asks for a new dossier (page)"),
          Map.entry("POST /dossiers/nouveau/siret", "a registry look-up for a new dossier (page)"),
          Map.entry("POST /dossiers/import", "creates dossiers (page)"),
          Map.entry("POST /dossiers/import/confirmer", "creates dossiers (page)"),
          Map.entry("POST /api/contacts", "creates a contact, linked to nothing yet"),
          Map.entry(
              "POST /api/operations/reconciliation",
              "checks the engine again: administrators only (OperationsSecurityTest)"),
          Map.entry(
              "POST /api/operations/reconciliation/onboardings/{id}/restart",
              "administrators only (OperationsSecurityTest)"),
          Map.entry(
              "POST /api/operations/reconciliation/onboardings/{id}/close",
              "administrators only (OperationsSecurityTest)"),
          Map.entry(
              "POST /api/operations/reconciliation/dossier-requests/{id}/restart",
              "administrators only (OperationsSecurityTest)"),
          Map.entry(
              "POST /api/operations/incidents/retry",
              "administrators only (OperationsSecurityTest)"),
          Map.entry(
              "POST /api/operations/incidents/kinds/{kind}/retry",
              "administrators only (OperationsSecurityTest)"),
          Map.entry(
              "POST /operations/reconciliation",
              "the operator page: administrators only (OperationsSecurityTest)"),
          Map.entry(
              "POST /operations/integrations/{id}/relancer",
              "the operator page: administrators only (OperationsSecurityTest)"),
          Map.entry(
              "POST /operations/integrations/{id}/clore",
              "the operator page: administrators only (OperationsSecurityTest)"),
          Map.entry(
              "POST /operations/demandes/{id}/relancer",
              "the operator page: administrators only (OperationsSecurityTest)"),
          Map.entry(
              "POST /operations/incidents/relancer",
              "the operator page: administrators only (OperationsSecurityTest)"),
          Map.entry(
              "POST /operations/incidents/types/{kind}/relancer",
              "the operator page: administrators only (OperationsSecurityTest)"),
          Map.entry(
              "POST /api/operations/engine-commands/{id}/relay",
              "the engine commands given up, administrators only (FailedEngineCommandsTest)"),
          Map.entry(
              "POST /api/operations/engine-commands/failed/relay",
              "the engine commands given up, administrators only (FailedEngineCommandsTest)"),
          Map.entry(
              "POST /api/operations/engine-commands/{id}/discard",
              "the engine commands given up, administrators only (FailedEngineCommandsTest)"),
          Map.entry(
              "POST /operations/commandes/{id}/renvoyer",
              "the engine commands given up, administrators only (FailedEngineCommandsTest)"),
          Map.entry(
              "POST /operations/commandes/renvoyer",
              "the engine commands given up, administrators only (FailedEngineCommandsTest)"),
          Map.entry(
              "POST /operations/commandes/{id}/abandonner",
              "the engine commands given up, administrators only (FailedEngineCommandsTest)"),
          Map.entry(
              "POST /api/retention-runs",
              "runs the retention policy: administrators only (RetentionTest tries the others)"),
          Map.entry(
              "PATCH /api/contacts/{id}",
              "a client's identity: the manager of every linked dossier (IdentityTakeoverAttackTest)"),
          Map.entry(
              "POST /api/contacts/{id}/reactivation",
              "a client's identity: the manager of every linked dossier (IdentityTakeoverAttackTest)"),
          Map.entry(
              "POST /interlocuteurs/{id}/email",
              "a client's identity: the manager of every linked dossier (IdentityTakeoverAttackTest)"),
          Map.entry(
              "POST /api/tasks/{key}/assignment",
              "StaffTaskService: TASK_NOT_YOURS outside the scope (OnboardingJourneyTest tries it)"),
          Map.entry(
              "POST /api/tasks/{key}/completion",
              "StaffTaskService: TASK_NOT_YOURS outside the scope (OnboardingJourneyTest tries it)"),
          Map.entry(
              "POST /taches/{key}/prendre", "the same service as /api/tasks/{key}/assignment"),
          Map.entry(
              "POST /taches/{key}/terminer", "the same service as /api/tasks/{key}/completion"),
          Map.entry(
              "POST /api/notifications/{id}/read",
              "one's own notifications only (NOTIFICATION_NOT_FOUND otherwise)"),
          Map.entry("POST /notifications/{id}/lue", "one's own notifications only"),
          Map.entry("POST /notifications/toutes-lues", "one's own notifications only"),
          Map.entry(
              "POST /invitations-groupees/apercu",
              "the same service rule as /api/bulk-invitations/preview"),
          Map.entry("POST /invitations-groupees", "the same service rule as /api/bulk-invitations"),
          Map.entry("POST /api/staff", "the administrator's"),
          Map.entry("PATCH /api/staff/{id}", "the administrator's"),
          Map.entry("POST /api/offers", "the administrator's catalogue"),
          Map.entry("PUT /api/offers/{code}", "the administrator's catalogue"),
          Map.entry("POST /api/organisational-roles", "the administrator's catalogue"),
          Map.entry("PATCH /api/organisational-roles/{id}", "the administrator's catalogue"));

  private List<Write> writes() throws Exception {
    long d = world.dossier().id();
    long c = world.contact().id();
    long o = world.onboardingId();
    long r = world.requestId();
    long l = world.linkId();
    long s = world.serviceId();
    String partnerApp =
        read("/api/partner-applications", Api.ADMIN).path(0).path("code").asText("UNKNOWN");
    return List.of(
        new Write(
            HttpMethod.PATCH,
            "/api/dossiers/{id}",
            "/api/dossiers/" + d,
            Map.of("companyName", "Volé")),
        new Write(
            HttpMethod.POST,
            "/api/dossiers/{id}/offers",
            "/api/dossiers/" + d + "/offers",
            Map.of("offerCode", "START")),
        new Write(
            HttpMethod.PUT,
            "/api/dossiers/{id}/offers/{offerCode}/widget",
            "/api/dossiers/" + d + "/offers/START/widget",
            Map.of("enabled", false)),
        new Write(
            HttpMethod.POST,
            "/api/dossiers/{id}/staff",
            "/api/dossiers/" + d + "/staff",
            Map.of("staffId", world.outsiderId())),
        new Write(
            HttpMethod.DELETE,
            "/api/dossiers/{id}/staff/{staffId}",
            "/api/dossiers/" + d + "/staff/" + fixtures.staffId(Api.STAFF),
            null),
        new Write(
            HttpMethod.POST,
            "/api/dossiers/{id}/fiscal-years",
            "/api/dossiers/" + d + "/fiscal-years",
            Map.of("start", "2031-01-01")),
        new Write(
            HttpMethod.POST,
            "/api/dossiers/{dossierId}/links",
            "/api/dossiers/" + d + "/links",
            Map.of("contactId", c, "accessLevel", "READ_ONLY")),
        new Write(
            HttpMethod.PATCH,
            "/api/dossiers/{dossierId}/links/{linkId}",
            "/api/dossiers/" + d + "/links/" + l,
            Map.of("accessLevel", "READ_WRITE")),
        new Write(
            HttpMethod.DELETE,
            "/api/dossiers/{dossierId}/links/{linkId}",
            "/api/dossiers/" + d + "/links/" + l,
            null),
        new Write(
            HttpMethod.DELETE,
            "/api/dossiers/{dossierId}/links/{linkId}/ged-access",
            "/api/dossiers/" + d + "/links/" + l + "/ged-access",
            null),
        new Write(
            HttpMethod.PUT,
            "/api/dossiers/{dossierId}/links/{linkId}/ged-access",
            "/api/dossiers/" + d + "/links/" + l + "/ged-access",
            null),
        new Write(
            HttpMethod.PUT,
            "/api/dossiers/{id}/document-tree",
            "/api/dossiers/" + d + "/document-tree",
            Map.of("code", "CABINET")),
        new Write(
            HttpMethod.PUT,
            "/api/dossiers/{id}/partner-applications/{code}",
            "/api/dossiers/" + d + "/partner-applications/" + partnerApp,
            Map.of("accessAllowed", true, "onClientPortal", false)),
        new Write(
            HttpMethod.POST,
            "/api/dossiers/{id}/advisors",
            "/api/dossiers/" + d + "/advisors",
            Map.of("lastName", "Conseil", "advisorType", "NOTARY", "email", TestData.email("x"))),
        new Write(
            HttpMethod.POST,
            "/api/onboardings",
            "/api/onboardings",
            Map.of(
                "dossierId", d, "contactId", c, "offerCode", "START", "accessLevel", "READ_ONLY")),
        new Write(
            HttpMethod.POST,
            "/api/onboardings/{id}/send-now",
            "/api/onboardings/" + o + "/send-now",
            null),
        new Write(
            HttpMethod.POST,
            "/api/onboardings/{id}/resend",
            "/api/onboardings/" + o + "/resend",
            null),
        new Write(
            HttpMethod.POST,
            "/api/onboardings/{id}/cancellation",
            "/api/onboardings/" + o + "/cancellation",
            null),
        new Write(
            HttpMethod.POST,
            "/api/invitations/{id}/bounce",
            "/api/invitations/" + world.invitationId() + "/bounce",
            null),
        new Write(
            HttpMethod.POST,
            "/api/collaborative-services",
            "/api/collaborative-services",
            Map.of("dossierId", d, "contactId", c, "offerCode", "START")),
        new Write(
            HttpMethod.POST,
            "/api/collaborative-services/{id}/cancellation",
            "/api/collaborative-services/" + s + "/cancellation",
            null),
        new Write(
            HttpMethod.POST,
            "/api/collaborative-services/{id}/revocation",
            "/api/collaborative-services/" + s + "/revocation",
            null),
        new Write(
            HttpMethod.POST,
            "/api/bulk-invitations/preview",
            "/api/bulk-invitations/preview",
            Map.of("dossierIds", List.of(d), "offerCode", "START")),
        new Write(
            HttpMethod.POST,
            "/api/bulk-invitations",
            "/api/bulk-invitations",
            Map.of("dossierIds", List.of(d), "offerCode", "START")),
        new Write(
            HttpMethod.POST,
            "/api/dossier-requests/{id}/company-details",
            "/api/dossier-requests/" + r + "/company-details",
            Map.of("companyName", "Volée")),
        new Write(
            HttpMethod.POST,
            "/api/dossier-requests/{id}/manual-entry",
            "/api/dossier-requests/" + r + "/manual-entry",
            null),
        new Write(
            HttpMethod.POST,
            "/api/dossier-requests/{id}/lookup-retry",
            "/api/dossier-requests/" + r + "/lookup-retry",
            null),
        new Write(HttpMethod.DELETE, "/api/contacts/{id}", "/api/contacts/" + c, null),
        // forgetting a client's kept Microsoft identity (issue 23): 404 outside the scope
        new Write(
            HttpMethod.DELETE,
            "/api/accounts/{id}/microsoft-identity",
            "/api/accounts/" + world.accountId() + "/microsoft-identity",
            null),
        new Write(
            HttpMethod.POST, "/api/contacts/{id}/erasure", "/api/contacts/" + c + "/erasure", null),
        // the pages' forms
        new Write(
            HttpMethod.POST,
            "/dossiers/{id}/offres/{code}/activer",
            "/dossiers/" + d + "/offres/START/activer",
            Map.of()),
        new Write(
            HttpMethod.POST,
            "/dossiers/{id}/offres/{code}/widget",
            "/dossiers/" + d + "/offres/START/widget",
            Map.of("enabled", "false")),
        new Write(
            HttpMethod.POST,
            "/dossiers/{id}/acces/{linkId}/ged",
            "/dossiers/" + d + "/acces/" + l + "/ged",
            Map.of("access", "false")),
        new Write(
            HttpMethod.POST,
            "/dossiers/{id}/conseillers",
            "/dossiers/" + d + "/conseillers",
            Map.of("lastName", "Conseil", "advisorType", "NOTARY", "email", TestData.email("y"))),
        new Write(
            HttpMethod.POST,
            "/dossiers/{id}/arborescence",
            "/dossiers/" + d + "/arborescence",
            Map.of("code", "CABINET")),
        new Write(
            HttpMethod.POST,
            "/dossiers/{id}/applications/{code}",
            "/dossiers/" + d + "/applications/" + partnerApp,
            Map.of("accessAllowed", "true")),
        new Write(
            HttpMethod.POST,
            "/dossiers/{id}/proposer",
            "/dossiers/" + d + "/proposer",
            Map.of("who", "existing", "contactId", String.valueOf(c), "offerCode", "START")),
        new Write(
            HttpMethod.POST,
            "/integrations/{id}/{action:envoyer|renvoyer|annuler}",
            "/integrations/" + o + "/renvoyer",
            Map.of()),
        new Write(
            HttpMethod.POST,
            "/integrations/{id}/{action:envoyer|renvoyer|annuler}",
            "/integrations/" + o + "/annuler",
            Map.of()),
        new Write(
            HttpMethod.POST,
            "/interlocuteurs/{id}/acces/{dossierId}/{linkId}/ged",
            "/interlocuteurs/" + c + "/acces/" + d + "/" + l + "/ged",
            Map.of("access", "false")),
        new Write(
            HttpMethod.POST,
            "/interlocuteurs/{id}/identite-microsoft/oublier",
            "/interlocuteurs/" + c + "/identite-microsoft/oublier",
            Map.of("confirmation", "oui")),
        new Write(
            HttpMethod.POST,
            "/processus/{key}/incidents/{incidentKey}/relancer",
            "/processus/" + world.processKey() + "/incidents/1/relancer",
            Map.of()),
        new Write(
            HttpMethod.POST,
            "/dossiers/demandes/{id}/saisie-manuelle",
            "/dossiers/demandes/" + r + "/saisie-manuelle",
            Map.of()),
        new Write(
            HttpMethod.POST,
            "/dossiers/demandes/{id}/reessayer",
            "/dossiers/demandes/" + r + "/reessayer",
            Map.of()),
        new Write(
            HttpMethod.POST,
            "/dossiers/demandes/{id}/informations",
            "/dossiers/demandes/" + r + "/informations",
            Map.of("companyName", "Volée")));
  }

  @Test
  @DisplayName("every write endpoint is tried below, or declared with the reason it is not")
  void everyWriteEndpointIsClassified() throws Exception {
    Set<String> tried = new TreeSet<>();
    for (Write write : writes()) {
      tried.add(write.method() + " " + write.pattern());
    }
    tried.add("POST /api/invitations/resend");
    tried.add("POST /api/invitations/cancellation");
    tried.add("POST /activations-en-attente/actions");
    Set<String> unclassified = new TreeSet<>();
    Set<String> stale = new TreeSet<>(WRITES_NOT_TRIED_HERE.keySet());
    for (var entry : mappings.getHandlerMethods().entrySet()) {
      String type = entry.getValue().getBeanType().getName();
      if (!type.startsWith("io.passerelle.")
          || type.startsWith("io.passerelle.portal.")
          || entry.getValue().getBeanType().getSimpleName().startsWith("Dev")) {
        continue;
      }
      for (RequestMethod method : entry.getKey().getMethodsCondition().getMethods()) {
        if (method == RequestMethod.GET || method == RequestMethod.HEAD) {
          continue;
        }
        for (String pattern : entry.getKey().getPatternValues()) {
          String key = method + " " + pattern;
          stale.remove(key);
          if (!tried.contains(key) && !WRITES_NOT_TRIED_HERE.containsKey(key)) {
            unclassified.add(key);
          }
        }
      }
    }
    assertThat(unclassified)
        .as(
            "write endpoints neither tried by writesAreRefused nor in WRITES_NOT_TRIED_HERE (with"
                + " the reason)")
        .isEmpty();
    assertThat(stale).as("WRITES_NOT_TRIED_HERE names endpoints that do not exist").isEmpty();
  }

  @Test
  @DisplayName(
      "every dossier-scoped write as the unassigned STAFF: 403 or 404, and nothing of the dossier"
          + " in the answer; nothing changes")
  void writesAreRefused() throws Exception {
    for (Write write : writes()) {
      MockHttpServletRequestBuilder request =
          MockMvcRequestBuilders.request(write.method(), write.url());
      if (write.page()) {
        request.with(csrf()).with(user(users.loadUserByUsername(world.outsider())));
        if (write.body() instanceof Map<?, ?> form) {
          form.forEach((k, v) -> request.param(k.toString(), v.toString()));
        }
      } else {
        request
            .with(httpBasic(world.outsider(), OUTSIDER_PASSWORD))
            .accept(MediaType.APPLICATION_JSON);
        if (write.body() != null) {
          request
              .contentType(MediaType.APPLICATION_JSON)
              .content(json.writeValueAsString(write.body()));
        }
      }
      MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
      assertThat(response.getStatus()).as("%s %s", write.method(), write.url()).isIn(403, 404);
      assertThat(response.getContentAsString(StandardCharsets.UTF_8))
          .as("%s %s", write.method(), write.url())
          .doesNotContain(world.dossier().companyName())
          .doesNotContain(world.contact().email());
    }
    nothingChanged();
  }

  @Test
  @DisplayName(
      "the invitation batches as the unassigned STAFF: each line refused as unknown (invitation"
          + " or onboarding), naming nothing; nothing changes")
  void batchesRefuseEachLine() throws Exception {
    for (String batch : List.of("/api/invitations/resend", "/api/invitations/cancellation")) {
      MockHttpServletResponse response =
          mvc.perform(
                  MockMvcRequestBuilders.post(batch)
                      .with(httpBasic(world.outsider(), OUTSIDER_PASSWORD))
                      .contentType(MediaType.APPLICATION_JSON)
                      .content(
                          json.writeValueAsString(
                              Map.of("invitationIds", List.of(world.invitationId())))))
              .andReturn()
              .getResponse();
      JsonNode outcome = json.readTree(response.getContentAsString()).get(0);
      assertThat(outcome.path("outcome").asText()).isEqualTo("REFUSED");
      assertThat(outcome.path("code").asText()).isEqualTo("INVITATION_NOT_FOUND");
      assertThat(outcome.path("message").asText()).doesNotContain(world.contact().email());
      // the lines waiting for a Microsoft guest's acceptance, named by onboarding (issue 23)
      MockHttpServletResponse byOnboarding =
          mvc.perform(
                  MockMvcRequestBuilders.post(batch)
                      .with(httpBasic(world.outsider(), OUTSIDER_PASSWORD))
                      .contentType(MediaType.APPLICATION_JSON)
                      .content(
                          json.writeValueAsString(
                              Map.of("onboardingIds", List.of(world.onboardingId())))))
              .andReturn()
              .getResponse();
      JsonNode refused = json.readTree(byOnboarding.getContentAsString()).get(0);
      assertThat(refused.path("outcome").asText()).isEqualTo("REFUSED");
      assertThat(refused.path("code").asText()).isEqualTo("ONBOARDING_NOT_FOUND");
      assertThat(byOnboarding.getContentAsString(StandardCharsets.UTF_8))
          .doesNotContain(world.contact().email())
          .doesNotContain(world.dossier().companyName());
    }
    nothingChanged();
  }

  @Test
  @DisplayName(
      "the pending list's resend and cancel as the unassigned STAFF: one refused, no success,"
          + " nothing named; nothing changes")
  void pendingListActionsRefused() throws Exception {
    for (String action : List.of("renvoyer", "annuler")) {
      var result =
          mvc.perform(
                  MockMvcRequestBuilders.post("/activations-en-attente/actions")
                      .param("invitation", String.valueOf(world.invitationId()))
                      .param("action", action)
                      .with(csrf())
                      .with(user(users.loadUserByUsername(world.outsider()))))
              .andReturn();
      assertThat(result.getFlashMap().get("success")).isNull();
      assertThat(String.valueOf(result.getFlashMap().get("failure")))
          .contains("1 refusée(s)")
          .doesNotContain(world.contact().email());
      var byOnboarding =
          mvc.perform(
                  MockMvcRequestBuilders.post("/activations-en-attente/actions")
                      .param("onboarding", String.valueOf(world.onboardingId()))
                      .param("action", action)
                      .with(csrf())
                      .with(user(users.loadUserByUsername(world.outsider()))))
              .andReturn();
      assertThat(byOnboarding.getFlashMap().get("success")).isNull();
      assertThat(String.valueOf(byOnboarding.getFlashMap().get("failure")))
          .contains("1 refusée(s)")
          .doesNotContain(world.contact().email());
    }
    nothingChanged();
  }

  /** The world's dossier, onboarding, invitation and contact as they were. */
  private void nothingChanged() {
    long d = world.dossier().id();
    assertThat(dossiers.get(d).companyName()).isEqualTo(world.dossier().companyName());
    assertThat(dossiers.get(d).assignedStaff()).noneMatch(s -> s.id() == world.outsiderId());
    assertThat(onboardings.get(world.onboardingId()).status().name()).isNotEqualTo("CANCELLED");
    assertThat(invitations.get(world.invitationId()).status()).isEqualTo(InvitationStatus.SENT);
    assertThat(contacts.get(world.contact().id()).status().name()).isEqualTo("ACTIVE");
  }

  @Test
  @DisplayName(
      "a contact linked to no dossier: managers and the administrator see it, STAFF do not; one"
          + " linked only to another manager's dossier is not a manager's")
  void unlinkedContacts() throws Exception {
    ContactView unlinked = fixtures.contact(SubscriberType.CLIENT);
    for (String sees : List.of(Api.OTHER_MANAGER, Api.MANAGER, Api.ADMIN)) {
      assertThat(get("/api/contacts/" + unlinked.id(), sees).getStatus()).as(sees).isEqualTo(200);
    }
    for (String doesNot : List.of(Api.STAFF, world.outsider())) {
      assertThat(get("/api/contacts/" + unlinked.id(), doesNot).getStatus())
          .as(doesNot)
          .isEqualTo(404);
    }
    ContactView claires = fixtures.contact(SubscriberType.CLIENT);
    fixtures.link(world.dossier().id(), claires.id(), false, AccessLevel.READ_ONLY);
    assertThat(get("/api/contacts/" + claires.id(), Api.OTHER_MANAGER).getStatus()).isEqualTo(404);
    assertThat(total("/api/contacts?q=" + claires.lastName(), Api.OTHER_MANAGER)).isZero();
    assertThat(total("/api/contacts?q=" + unlinked.lastName(), Api.OTHER_MANAGER)).isEqualTo(1);
    assertThat(get("/api/contacts/" + claires.id(), Api.STAFF).getStatus()).isEqualTo(200);
    // withdrawn: the dossier's team keeps it, another manager now sees it as unlinked
    links.withdraw(
        world.dossier().id(),
        links.liveLinkOf(world.dossier().id(), claires.id()).orElseThrow().id(),
        Fixtures.SYSTEM);
    assertThat(get("/api/contacts/" + claires.id(), Api.STAFF).getStatus()).isEqualTo(200);
    assertThat(get("/api/contacts/" + claires.id(), Api.OTHER_MANAGER).getStatus()).isEqualTo(200);
    assertThat(get("/api/contacts/" + claires.id(), world.outsider()).getStatus()).isEqualTo(404);
  }

  @Test
  @DisplayName(
      "an incident is retried by the dossier's manager or the administrator only: not the manager"
          + " of another dossier, not the assigned STAFF")
  void onlyTheDossiersManagerRetriesAnIncident() throws Exception {
    String retry = "/processus/" + world.processKey() + "/incidents/1/relancer";
    for (String refused : List.of(Api.OTHER_MANAGER, Api.STAFF, world.outsider())) {
      var response =
          mvc.perform(
                  MockMvcRequestBuilders.post(retry)
                      .with(csrf())
                      .with(user(users.loadUserByUsername(refused))))
              .andReturn()
              .getResponse();
      assertThat(response.getStatus()).as(refused).isEqualTo(403);
      assertThat(response.getContentAsString(StandardCharsets.UTF_8))
          .doesNotContain(world.dossier().companyName());
    }
    for (String allowed : List.of(Api.MANAGER, Api.ADMIN)) {
      // no incident with that key: "already resolved", a redirect
      assertThat(
              mvc.perform(
                      MockMvcRequestBuilders.post(retry)
                          .with(csrf())
                          .with(user(users.loadUserByUsername(allowed))))
                  .andReturn()
                  .getResponse()
                  .getStatus())
          .as(allowed)
          .isEqualTo(302);
    }
  }

  @Test
  @DisplayName(
      "staff-visibility=ALL: the unassigned STAFF reads everything, and still writes nothing")
  void allShowsEverything() throws Exception {
    assertThat(scopes.setting()).isEqualTo(StaffVisibility.ASSIGNED);
    Object before = ReflectionTestUtils.getField(scopes, "properties");
    ReflectionTestUtils.setField(
        scopes, "properties", new VisibilityProperties(StaffVisibility.ALL));
    try {
      for (var read : ScopedResources.READS.entrySet()) {
        String url =
            url(read.getKey(), read.getValue().variable(), world.idOf(read.getValue().kind()));
        assertThat(get(url, world.outsider()).getStatus()).as(url).isEqualTo(200);
      }
      assertThat(total("/api/dossiers?q=" + world.dossier().companyName(), world.outsider()))
          .isEqualTo(1);
      assertThat(total("/api/contacts?q=" + world.contact().lastName(), world.outsider()))
          .isEqualTo(1);
      assertThat(
              get("/portefeuille?q=" + world.dossier().companyName(), world.outsider())
                  .getContentAsString(StandardCharsets.UTF_8))
          .contains(world.dossier().companyName());
      assertThat(
              mvc.perform(
                      MockMvcRequestBuilders.post(
                              "/api/dossiers/" + world.dossier().id() + "/offers")
                          .with(httpBasic(world.outsider(), OUTSIDER_PASSWORD))
                          .contentType(MediaType.APPLICATION_JSON)
                          .content("{\"offerCode\":\"START\"}"))
                  .andReturn()
                  .getResponse()
                  .getStatus())
          .isEqualTo(403);
    } finally {
      ReflectionTestUtils.setField(scopes, "properties", before);
    }
  }

  // ---- inside ----

  private static boolean isStaffGet(RequestMappingInfo info, HandlerMethod method) {
    String type = method.getBeanType().getName();
    if (!type.startsWith("io.passerelle.")
        || type.startsWith("io.passerelle.portal.") // the client's own space: the client's rules
        || method.getBeanType().getSimpleName().startsWith("Dev")) { // development tools (item 1)
      return false;
    }
    Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
    return methods.isEmpty() || methods.contains(RequestMethod.GET);
  }

  private static final Pattern VARIABLE = Pattern.compile("\\{([A-Za-z]+)(:[^}]*)?\\}");

  /** The pattern with the named variable set to {@code id} and the others to the world's. */
  private static String url(String pattern, String variable, long id) {
    Matcher m = VARIABLE.matcher(pattern);
    StringBuilder url = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      long value =
          name.equals(variable)
              ? id
              : switch (name) {
                case "linkId" -> world.linkId();
                case "contactId" -> world.contact().id();
                default -> throw new IllegalArgumentException(pattern + ": " + name);
              };
      m.appendReplacement(url, String.valueOf(value));
    }
    m.appendTail(url);
    return url.toString();
  }

  /** A GET as this user: HTTP Basic on the API, a signed-in session on the pages. */
  private MockHttpServletResponse get(String url, String username) throws Exception {
    var request = MockMvcRequestBuilders.get(url);
    if (url.startsWith("/api/")) {
      request.with(httpBasic(username, password(username))).accept(MediaType.APPLICATION_JSON);
    } else {
      request.with(user(users.loadUserByUsername(username)));
    }
    return mvc.perform(request).andReturn().getResponse();
  }

  private JsonNode read(String url, String username) throws Exception {
    MockHttpServletResponse response = get(url, username);
    assertThat(response.getStatus()).as("%s as %s", url, username).isEqualTo(200);
    return json.readTree(response.getContentAsString(StandardCharsets.UTF_8));
  }

  private long total(String url, String username) throws Exception {
    JsonNode page = read(url, username);
    JsonNode total = page.path("totalElements");
    if (total.isMissingNode()) {
      total = page.path("page").path("totalElements");
    }
    assertThat(total.isNumber()).as("%s has a total: %s", url, page).isTrue();
    return total.asLong();
  }

  private String password(String username) {
    return world != null && username.equals(world.outsider())
        ? OUTSIDER_PASSWORD
        : Api.passwordOf(username);
  }
}
