package io.passerelle.microsoft;

import static io.passerelle.microsoft.GraphClientTest.graphError;
import static io.passerelle.microsoft.GraphClientTest.ok;
import static io.passerelle.microsoft.GraphClientTest.token;
import static io.passerelle.microsoft.GraphClientTest.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.passerelle.contact.AccessLevel;
import io.passerelle.contact.ContactService;
import io.passerelle.contact.DossierLinkService;
import io.passerelle.contact.SubscriberType;
import io.passerelle.dossier.DossierService;
import io.passerelle.staff.StaffService;
import io.passerelle.support.Api;
import io.passerelle.support.Fixtures;
import io.passerelle.support.PasserelleSpringTest;
import io.passerelle.web.Links;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The guest invitation's steps on the real database, against a local server playing Microsoft
 * Graph: what is stored (the states the pages show) and what is sent, once.
 */
@PasserelleSpringTest
class GuestInvitationServiceTest {

  @Autowired GuestInvitationRepository repository;
  @Autowired StaffService staff;
  @Autowired DossierService dossiers;
  @Autowired ContactService contacts;
  @Autowired DossierLinkService dossierLinks;
  @Autowired JdbcTemplate jdbc;
  @Autowired ObjectMapper json;
  @Autowired Links links;
  @Autowired MockMvc mvc;
  @Autowired UserDetailsService users;

  private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
  private final Map<String, Function<RecordedRequest, MockResponse>> routes =
      new ConcurrentHashMap<>();
  private MockWebServer server;
  private GuestInvitationService guests;
  private Fixtures fixtures;

  @BeforeEach
  void start() throws IOException {
    fixtures = new Fixtures(staff, dossiers, contacts, dossierLinks);
    server = new MockWebServer();
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            requests.add(request);
            String path = request.getRequestUrl().encodedPath();
            String key = request.getMethod() + " " + path;
            if (path.endsWith("/oauth2/v2.0/token")) {
              return token("token-1");
            }
            return routes
                .getOrDefault(key, r -> graphError(404, "Request_ResourceNotFound", key))
                .apply(request);
          }
        });
    server.start();
    var properties =
        new MicrosoftProperties(
            "tenant-id",
            "client-id",
            "secret",
            URI.create(server.url("/v1.0").toString()),
            URI.create(server.url("/").toString()),
            null);
    var tokens = new GraphTokens(properties, json, Clock.systemUTC());
    guests =
        new GuestInvitationService(
            repository,
            new GraphClient(properties, tokens, json),
            properties,
            links,
            Clock.systemUTC());
  }

  @AfterEach
  void stop() throws IOException {
    server.shutdown();
  }

  @Test
  @DisplayName(
      "invited, pending, reminded once, accepted: each state stored, nothing sent twice for the"
          + " same request or reminder")
  void invitedThenAccepted() {
    long onboarding = onboarding();
    routes.put("GET /v1.0/users", r -> ok("{\"value\":[]}"));
    routes.put("POST /v1.0/invitations", GraphClientTest::invitationCreated);
    var invite =
        new GuestInvitationService.Invite(onboarding, 501, 601, "jean@client.example", "Bonjour");

    assertThat(guests.invite(invite)).isFalse();
    assertThat(guests.invite(invite)).as("the same request again").isFalse();
    assertThat(guests.state(onboarding).status())
        .isEqualTo(GuestInvitationStatus.PENDING_ACCEPTANCE);
    assertThat(posts("/v1.0/invitations")).isEqualTo(1);
    String inviteUrl =
        requests.stream()
            .filter(r -> r.getRequestUrl().encodedPath().equals("/v1.0/invitations"))
            .findFirst()
            .orElseThrow()
            .getBody()
            .readUtf8();
    assertThat(inviteUrl).contains(links.clientSignIn());

    routes.put(
        "GET /v1.0/users/" + GraphClientTest.GUEST_ID,
        r ->
            ok(
                user(
                    GraphClientTest.GUEST_ID,
                    "jean@client.example",
                    "Guest",
                    "PendingAcceptance")));
    assertThat(guests.check(onboarding)).isEqualTo(GuestInvitationService.Check.PENDING);

    guests.resend(onboarding, 1, "Bonjour");
    guests.resend(onboarding, 1, "Bonjour");
    assertThat(posts("/v1.0/invitations")).as("reminder 1 once").isEqualTo(2);
    assertThat(guests.state(onboarding).remindersSent()).isEqualTo(1);

    routes.put(
        "GET /v1.0/users/" + GraphClientTest.GUEST_ID,
        r -> ok(user(GraphClientTest.GUEST_ID, "Jean@Client.example", "Guest", "Accepted")));
    assertThat(guests.check(onboarding)).isEqualTo(GuestInvitationService.Check.ACCEPTED);
    var state = guests.state(onboarding);
    assertThat(state.status()).isEqualTo(GuestInvitationStatus.ACCEPTED);
    assertThat(state.acceptedAt()).isNotNull();
    assertThat(guests.states(List.of(onboarding))).containsKey(onboarding);
    assertThat(guests.onboardingOfProcess(601)).contains(onboarding);
  }

  @Test
  @DisplayName("already a guest who accepted: nothing sent, ACCEPTED at once")
  void alreadyAGuest() {
    long onboarding = onboarding();
    routes.put(
        "GET /v1.0/users",
        r -> ok("{\"value\":[" + user("g-1", "anne@client.example", "Guest", "Accepted") + "]}"));

    boolean inTenant =
        guests.invite(
            new GuestInvitationService.Invite(onboarding, 502, 602, "anne@client.example", null));

    assertThat(inTenant).isTrue();
    assertThat(guests.state(onboarding).status()).isEqualTo(GuestInvitationStatus.ACCEPTED);
    assertThat(guests.state(onboarding).alreadyInTenant()).isTrue();
    assertThat(posts("/v1.0/invitations")).isZero();
  }

  @Test
  @DisplayName("accepted with another address: IDENTITY_MISMATCH, FAILED with its code")
  void identityMismatch() {
    long onboarding = onboarding();
    routes.put("GET /v1.0/users", r -> ok("{\"value\":[]}"));
    routes.put("POST /v1.0/invitations", GraphClientTest::invitationCreated);
    guests.invite(
        new GuestInvitationService.Invite(onboarding, 503, 603, "paul@client.example", null));
    routes.put(
        "GET /v1.0/users/" + GraphClientTest.GUEST_ID,
        r -> ok(user(GraphClientTest.GUEST_ID, "paul.perso@outlook.example", "Guest", "Accepted")));

    assertThat(guests.check(onboarding)).isEqualTo(GuestInvitationService.Check.IDENTITY_MISMATCH);
    var state = guests.state(onboarding);
    assertThat(state.status()).isEqualTo(GuestInvitationStatus.FAILED);
    assertThat(state.failureCode()).isEqualTo("IDENTITY_MISMATCH");
    assertThat(
            jdbc.queryForObject(
                "select redeemed_email from guest_invitation where onboarding_id = ?",
                String.class,
                onboarding))
        .isEqualTo("paul.perso@outlook.example");

    guests.acceptAsIs(onboarding);
    assertThat(guests.state(onboarding).status()).isEqualTo(GuestInvitationStatus.ACCEPTED);
  }

  @Test
  @DisplayName("a domain blocked by the tenant's policy: Refused, stored FAILED INVITATION_REFUSED")
  void blockedDomain() {
    long onboarding = onboarding();
    routes.put("GET /v1.0/users", r -> ok("{\"value\":[]}"));
    routes.put(
        "POST /v1.0/invitations",
        r ->
            graphError(
                403, "Forbidden", "The domain is blocked by the cross-tenant access settings."));

    assertThatThrownBy(
            () ->
                guests.invite(
                    new GuestInvitationService.Invite(
                        onboarding, 504, 604, "x@blocked.example", null)))
        .isInstanceOf(GraphException.Refused.class);
    var state = guests.state(onboarding);
    assertThat(state.status()).isEqualTo(GuestInvitationStatus.FAILED);
    assertThat(state.failureCode()).isEqualTo("INVITATION_REFUSED");
  }

  @Test
  @DisplayName("the contact page shows the guest invitation's state beside the service invitations")
  void contactPageShowsTheState() throws Exception {
    var dossier = fixtures.dossier(Api.MANAGER);
    var contact = fixtures.contact(SubscriberType.CLIENT);
    fixtures.link(dossier.id(), contact.id(), false, AccessLevel.READ_ONLY);
    long onboarding = onboarding(dossier.id(), contact.id());
    routes.put("GET /v1.0/users", r -> ok("{\"value\":[]}"));
    routes.put("POST /v1.0/invitations", GraphClientTest::invitationCreated);
    guests.invite(new GuestInvitationService.Invite(onboarding, 505, 605, contact.email(), null));

    mvc.perform(
            get("/interlocuteurs/" + contact.id())
                .with(user(users.loadUserByUsername(Api.MANAGER))))
        .andExpect(status().isOk())
        .andExpect(
            content()
                .string(
                    allOf(
                        containsString("Invitations Microsoft"),
                        containsString("En attente d&#39;acceptation"))));
  }

  @Test
  @DisplayName(
      "cancelled while pending: DELETE /users/{id} with the bearer, once; FAILED GUEST_DELETED;"
          + " again: nothing more")
  void cancelDeletesThePendingGuest() {
    long onboarding = pendingGuest(506);
    routes.put(
        "GET /v1.0/users/" + GraphClientTest.GUEST_ID,
        r ->
            ok(
                user(
                    GraphClientTest.GUEST_ID,
                    "jean@client.example",
                    "Guest",
                    "PendingAcceptance")));
    routes.put(
        "DELETE /v1.0/users/" + GraphClientTest.GUEST_ID,
        r -> new MockResponse().setResponseCode(204));

    assertThat(guests.cancel(onboarding))
        .isEqualTo(GuestInvitationService.Cancellation.GUEST_DELETED);
    assertThat(guests.cancel(onboarding))
        .isEqualTo(GuestInvitationService.Cancellation.NOTHING_PENDING);

    List<RecordedRequest> deletes = deletes();
    assertThat(deletes).hasSize(1);
    assertThat(deletes.get(0).getRequestUrl().encodedPath())
        .isEqualTo("/v1.0/users/" + GraphClientTest.GUEST_ID);
    assertThat(deletes.get(0).getHeader("Authorization")).isEqualTo("Bearer token-1");
    var state = guests.state(onboarding);
    assertThat(state.status()).isEqualTo(GuestInvitationStatus.FAILED);
    assertThat(state.failureCode()).isEqualTo(GuestInvitationService.GUEST_DELETED);
  }

  @Test
  @DisplayName("cancelled, the guest already gone (404 on the read or on the DELETE): done")
  void cancelGoneIsDone() {
    long gone = pendingGuest(507);
    // no route for GET /users/{id}: the local Graph answers 404 Request_ResourceNotFound
    assertThat(guests.cancel(gone)).isEqualTo(GuestInvitationService.Cancellation.GUEST_DELETED);
    assertThat(deletes()).isEmpty();

    long raced = pendingGuest(508);
    routes.put(
        "GET /v1.0/users/" + GraphClientTest.GUEST_ID,
        r ->
            ok(
                user(
                    GraphClientTest.GUEST_ID,
                    "jean@client.example",
                    "Guest",
                    "PendingAcceptance")));
    assertThat(guests.cancel(raced)).isEqualTo(GuestInvitationService.Cancellation.GUEST_DELETED);
    assertThat(deletes()).as("the DELETE answered 404: already gone").hasSize(1);
    assertThat(guests.state(raced).failureCode()).isEqualTo(GuestInvitationService.GUEST_DELETED);
  }

  @Test
  @DisplayName(
      "cancelled while Graph is down: recorded GUEST_DELETION_PENDING, nothing thrown; the retry"
          + " deletes it once Graph is back")
  void cancelDuringAnOutageIsRetried() {
    long onboarding = pendingGuest(509);
    routes.put(
        "GET /v1.0/users/" + GraphClientTest.GUEST_ID,
        r -> graphError(503, "ServiceUnavailable", "Try later"));

    assertThat(guests.cancel(onboarding))
        .isEqualTo(GuestInvitationService.Cancellation.DELETION_DEFERRED);
    assertThat(guests.state(onboarding).failureCode())
        .isEqualTo(GuestInvitationService.GUEST_DELETION_PENDING);
    assertThat(deletes()).isEmpty();

    routes.put(
        "GET /v1.0/users/" + GraphClientTest.GUEST_ID,
        r ->
            ok(
                user(
                    GraphClientTest.GUEST_ID,
                    "jean@client.example",
                    "Guest",
                    "PendingAcceptance")));
    routes.put(
        "DELETE /v1.0/users/" + GraphClientTest.GUEST_ID,
        r -> new MockResponse().setResponseCode(204));
    guests.retryCancellations();

    assertThat(deletes()).hasSize(1);
    assertThat(guests.state(onboarding).failureCode())
        .isEqualTo(GuestInvitationService.GUEST_DELETED);
  }

  @Test
  @DisplayName(
      "cancelled: a member or a guest already in the tenant, or one who redeemed meanwhile, is"
          + " never deleted")
  void cancelNeverDeletesAnAcceptedGuest() {
    long member = onboarding();
    routes.put(
        "GET /v1.0/users",
        r -> ok("{\"value\":[" + user("m-1", "anne@client.example", "Member", null) + "]}"));
    guests.invite(new GuestInvitationService.Invite(member, 510, 610, "anne@client.example", null));
    assertThat(guests.cancel(member))
        .isEqualTo(GuestInvitationService.Cancellation.NOTHING_PENDING);
    guests.cancelLater(member);
    assertThat(guests.state(member).status()).isEqualTo(GuestInvitationStatus.ACCEPTED);

    long redeemed = pendingGuest(511);
    routes.put(
        "GET /v1.0/users/" + GraphClientTest.GUEST_ID,
        r -> ok(user(GraphClientTest.GUEST_ID, "jean@client.example", "Guest", "Accepted")));
    assertThat(guests.cancel(redeemed)).isEqualTo(GuestInvitationService.Cancellation.GUEST_KEPT);
    assertThat(deletes()).isEmpty();
  }

  @Test
  @DisplayName("cancelled inside a transaction: marked for the retry, which deletes the guest")
  void cancelLaterThenRetried() {
    long onboarding = pendingGuest(512);
    guests.cancelLater(onboarding);
    assertThat(guests.state(onboarding).failureCode())
        .isEqualTo(GuestInvitationService.GUEST_DELETION_PENDING);
    assertThat(requests.stream().filter(r -> r.getRequestUrl().encodedPath().contains("/users/")))
        .isEmpty();
    routes.put(
        "GET /v1.0/users/" + GraphClientTest.GUEST_ID,
        r ->
            ok(
                user(
                    GraphClientTest.GUEST_ID,
                    "jean@client.example",
                    "Guest",
                    "PendingAcceptance")));
    routes.put(
        "DELETE /v1.0/users/" + GraphClientTest.GUEST_ID,
        r -> new MockResponse().setResponseCode(204));
    guests.retryCancellations();
    assertThat(deletes()).hasSize(1);
  }

  @Test
  @DisplayName(
      "the staff's resend while pending: POST /invitations again with the bearer; a second click"
          + " or two at once send once; an outage throws and lets the next click send")
  void staffResend() throws Exception {
    long onboarding = pendingGuest(513);
    // the first sending was moments ago: a resend now is a double click
    assertThat(guests.resendByStaff(onboarding, "Relance")).isFalse();
    jdbc.update(
        "update guest_invitation set sent_at = now() - interval '2 minutes' where onboarding_id = ?",
        onboarding);

    routes.put("POST /v1.0/invitations", r -> graphError(503, "ServiceUnavailable", "Try later"));
    assertThatThrownBy(() -> guests.resendByStaff(onboarding, "Relance"))
        .isInstanceOf(GraphException.Unavailable.class);

    routes.put("POST /v1.0/invitations", GraphClientTest::invitationCreated);
    long before = posts("/v1.0/invitations");
    var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
    var start = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.Callable<Boolean> click =
        () -> {
          start.await();
          return guests.resendByStaff(onboarding, "Relance");
        };
    var first = pool.submit(click);
    var second = pool.submit(click);
    start.countDown();
    boolean a = first.get();
    boolean b = second.get();
    pool.shutdown();

    assertThat(a ^ b).as("exactly one of two clicks at once sends").isTrue();
    assertThat(posts("/v1.0/invitations") - before).isEqualTo(1);
    RecordedRequest resent =
        requests.stream()
            .filter(r -> r.getMethod().equals("POST"))
            .filter(r -> r.getRequestUrl().encodedPath().equals("/v1.0/invitations"))
            .reduce((x, y) -> y)
            .orElseThrow();
    assertThat(resent.getHeader("Authorization")).isEqualTo("Bearer token-1");
    String body = resent.getBody().readUtf8();
    assertThat(body).contains("\"invitedUserEmailAddress\":\"jean@client.example\"", "Relance");
    assertThat(guests.resendByStaff(onboarding, "Relance")).as("a click right after").isFalse();
    assertThat(guests.state(onboarding).remindersSent()).as("not a reminder").isZero();
  }

  @Test
  @DisplayName(
      "resend and cancel of an onboarding waiting for the guest: refused to anonymous and to staff"
          + " who do not manage the dossier; nothing sent, nothing recorded")
  void guestActionsAttack() throws Exception {
    var dossier = fixtures.dossier(Api.MANAGER);
    var contact = fixtures.contact(SubscriberType.CLIENT);
    fixtures.link(dossier.id(), contact.id(), false, AccessLevel.READ_ONLY);
    long onboarding = onboarding(dossier.id(), contact.id());
    jdbc.update(
        "insert into guest_invitation (onboarding_id, status, graph_user_id, invited_email,"
            + " sent_at) values (?, 'PENDING_ACCEPTANCE', 'g-9', ?, now() - interval '1 hour')",
        onboarding,
        contact.email());

    mvc.perform(
            org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(
                    "/api/onboardings/" + onboarding + "/resend")
                .with(
                    org.springframework.security.test.web.servlet.request
                        .SecurityMockMvcRequestPostProcessors.csrf()))
        .andExpect(status().isUnauthorized());
    for (String path : List.of("/resend", "/cancellation")) {
      Api.as(mvc, json, Api.STAFF)
          .post("/api/onboardings/" + onboarding + path, null)
          .andExpect(status().isForbidden());
    }
    assertThat(guests.state(onboarding).status())
        .isEqualTo(GuestInvitationStatus.PENDING_ACCEPTANCE);
    assertThat(
            jdbc.queryForObject(
                "select sent_at < now() - interval '30 minutes' from guest_invitation"
                    + " where onboarding_id = ?",
                Boolean.class,
                onboarding))
        .as("nothing resent")
        .isTrue();
    assertThat(
            jdbc.queryForObject(
                "select count(*) from activity where dossier_id = ? and type ="
                    + " 'INVITATION_RESEND_REQUESTED'",
                Long.class,
                dossier.id()))
        .isZero();
  }

  /** An onboarding whose guest invitation was sent and waits for the guest. */
  private long pendingGuest(long requestKey) {
    long onboarding = onboarding();
    routes.put("GET /v1.0/users", r -> ok("{\"value\":[]}"));
    routes.put("POST /v1.0/invitations", GraphClientTest::invitationCreated);
    guests.invite(
        new GuestInvitationService.Invite(
            onboarding, requestKey, requestKey + 100, "jean@client.example", null));
    return onboarding;
  }

  private List<RecordedRequest> deletes() {
    return requests.stream().filter(r -> r.getMethod().equals("DELETE")).toList();
  }

  @Test
  @DisplayName("an onboarding without a guest invitation is NOT_SENT")
  void notSent() {
    assertThat(guests.state(Long.MAX_VALUE).status()).isEqualTo(GuestInvitationStatus.NOT_SENT);
  }

  private long posts(String path) {
    return requests.stream()
        .filter(r -> r.getMethod().equals("POST"))
        .filter(r -> r.getRequestUrl().encodedPath().equals(path))
        .count();
  }

  /** An onboarding row of a MICROSOFT offer, as the proposal records it. */
  private long onboarding() {
    var dossier = fixtures.dossier(Api.MANAGER);
    var contact = fixtures.contact(SubscriberType.CLIENT);
    return onboarding(dossier.id(), contact.id());
  }

  private long onboarding(long dossierId, long contactId) {
    return jdbc.queryForObject(
        "insert into onboarding (dossier_id, contact_id, access_level, offer_code, send_now,"
            + " proposed_by_staff_id, identity) values (?, ?, 'READ_ONLY', 'START', true, ?,"
            + " 'MICROSOFT') returning id",
        Long.class,
        dossierId,
        contactId,
        fixtures.staffId(Api.MANAGER));
  }
}
