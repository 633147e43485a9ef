package io.passerelle.microsoft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

/**
 * The Graph client against a local server that plays Microsoft's token endpoint and Graph v1.0 with
 * the shapes of Microsoft's documentation (invitation, users, error bodies, Retry-After); the
 * requests Passerelle sends are checked.
 */
class GraphClientTest {

  static final String TENANT = "contoso.onmicrosoft.com";
  static final String GUEST_ID = "243b1de4-ad9f-421c-a933-d55305fb165d";

  private final ObjectMapper json = new ObjectMapper();
  private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
  private final Map<String, Function<RecordedRequest, MockResponse>> routes = new LinkedHashMap<>();
  private MockWebServer server;
  private MicrosoftProperties properties;
  private GraphTokens tokens;
  private GraphClient graph;

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            requests.add(request);
            String key = request.getMethod() + " " + request.getRequestUrl().encodedPath();
            for (var route : routes.entrySet()) {
              if (key.startsWith(route.getKey())) {
                return route.getValue().apply(request);
              }
            }
            return graphError(404, "Request_ResourceNotFound", "No route for " + key);
          }
        });
    server.start();
    properties =
        new MicrosoftProperties(
            TENANT,
            "11111111-2222-3333-4444-555555555555",
            "s3cret~value",
            URI.create(server.url("/v1.0").toString()),
            URI.create(server.url("/").toString()),
            null);
    tokens = new GraphTokens(properties, json, Clock.systemUTC());
    graph = new GraphClient(properties, tokens, json);
    routes.put("POST /" + TENANT + "/oauth2/v2.0/token", r -> token("token-1"));
  }

  @AfterEach
  void stop() throws IOException {
    server.shutdown();
  }

  @Test
  @DisplayName(
      "no user with the address: the filter on mail and otherMails as an advanced query, then"
          + " POST /invitations with the redirect URL and the staff's message; one token for both")
  void findsNobodyThenInvites() throws Exception {
    routes.put(
        "GET /v1.0/users",
        r ->
            ok(
                "{\"@odata.context\":\"https://graph.microsoft.com/v1.0/$metadata#users\","
                    + "\"@odata.count\":0,\"value\":[]}"));
    routes.put("POST /v1.0/invitations", r -> invitationCreated(r));

    assertThat(graph.findUser("jean.o'brien@client.example")).isEmpty();
    String id =
        graph.invite(
            "jean.o'brien@client.example",
            URI.create("https://passerelle.cabinet.example/espace/connexion"),
            "Bonjour Jean, votre cabinet vous invite.");

    assertThat(id).isEqualTo(GUEST_ID);
    RecordedRequest token = requests.get(0);
    Map<String, String> form = form(token.getBody().readUtf8());
    assertThat(token.getMethod()).isEqualTo("POST");
    assertThat(token.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
    assertThat(form)
        .containsEntry("grant_type", "client_credentials")
        .containsEntry("client_id", "11111111-2222-3333-4444-555555555555")
        .containsEntry("client_secret", "s3cret~value")
        .containsEntry("scope", "https://graph.microsoft.com/.default");
    RecordedRequest find = requests.get(1);
    assertThat(find.getMethod()).isEqualTo("GET");
    assertThat(find.getHeader("Authorization")).isEqualTo("Bearer token-1");
    assertThat(find.getHeader("ConsistencyLevel")).isEqualTo("eventual");
    assertThat(find.getRequestUrl().queryParameter("$filter"))
        .isEqualTo(
            "mail eq 'jean.o''brien@client.example'"
                + " or otherMails/any(m:m eq 'jean.o''brien@client.example')");
    assertThat(find.getRequestUrl().queryParameter("$count")).isEqualTo("true");
    assertThat(find.getRequestUrl().queryParameter("$select"))
        .isEqualTo("id,mail,otherMails,userType,externalUserState");
    RecordedRequest invite = requests.get(2);
    assertThat(invite.getMethod()).isEqualTo("POST");
    assertThat(invite.getHeader("Authorization")).isEqualTo("Bearer token-1");
    JsonNode body = json.readTree(invite.getBody().readUtf8());
    assertThat(body.get("invitedUserEmailAddress").asText())
        .isEqualTo("jean.o'brien@client.example");
    assertThat(body.get("inviteRedirectUrl").asText())
        .isEqualTo("https://passerelle.cabinet.example/espace/connexion");
    assertThat(body.get("sendInvitationMessage").asBoolean()).isTrue();
    assertThat(body.at("/invitedUserMessageInfo/customizedMessageBody").asText())
        .isEqualTo("Bonjour Jean, votre cabinet vous invite.");
    assertThat(requests).hasSize(3);
  }

  @Test
  @DisplayName("an accepted guest and a member are in the tenant; a pending guest is not")
  void usersAndTheirState() {
    routes.put(
        "GET /v1.0/users/" + GUEST_ID,
        r -> ok(user(GUEST_ID, "jean@client.example", "Guest", "Accepted")));
    routes.put(
        "GET /v1.0/users",
        r -> ok("{\"value\":[" + user("m-1", "claire@cabinet.example", "Member", null) + "]}"));

    GraphUser guest = graph.user(GUEST_ID).orElseThrow();
    assertThat(guest.inTenant()).isTrue();
    assertThat(guest.hasAddress("Jean@Client.example")).isTrue();
    assertThat(graph.findUser("claire@cabinet.example").orElseThrow().inTenant()).isTrue();
    assertThat(new GraphUser("x", "a@b.c", List.of(), "Guest", "PendingAcceptance").inTenant())
        .isFalse();
  }

  @Test
  @DisplayName("a guest removed from the tenant (404) is no user")
  void removedGuest() {
    assertThat(graph.user("gone-id")).isEmpty();
    assertThat(requests.get(1).getRequestUrl().encodedPath()).isEqualTo("/v1.0/users/gone-id");
  }

  @Test
  @DisplayName("429 with Retry-After and 503 are Unavailable, with Graph's wait when it gives one")
  void throttledAndDown() {
    routes.put(
        "POST /v1.0/invitations",
        r ->
            graphError(429, "TooManyRequests", "Too many requests.").setHeader("Retry-After", "7"));
    var throttled =
        catchThrowableOfType(
            GraphException.Unavailable.class,
            () -> graph.invite("a@client.example", URI.create("https://x.example"), null));
    assertThat(throttled.retryAfter()).isEqualTo(Duration.ofSeconds(7));
    assertThat(throttled.getMessage()).contains("429").contains("TooManyRequests");

    routes.put(
        "POST /v1.0/invitations",
        r -> graphError(503, "serviceNotAvailable", "Service unavailable"));
    var down =
        catchThrowableOfType(
            GraphException.Unavailable.class,
            () -> graph.invite("a@client.example", URI.create("https://x.example"), null));
    assertThat(down.retryAfter()).isNull();
  }

  @Test
  @DisplayName(
      "a domain blocked by the cross-tenant access policy (403) and an invalid address (400) are"
          + " Refused: the data, not the service")
  void refusedData() {
    routes.put(
        "POST /v1.0/invitations",
        r ->
            graphError(
                403,
                "Forbidden",
                "The invited user's domain is blocked by the cross-tenant access settings."));
    var blocked =
        catchThrowableOfType(
            GraphException.Refused.class,
            () -> graph.invite("a@blocked.example", URI.create("https://x.example"), null));
    assertThat(blocked.status()).isEqualTo(403);
    assertThat(blocked.getMessage()).contains("cross-tenant");

    routes.put(
        "POST /v1.0/invitations",
        r -> graphError(400, "BadRequest", "The specified email address is invalid."));
    var invalid =
        catchThrowableOfType(
            GraphException.Refused.class,
            () -> graph.invite("not-an-address", URI.create("https://x.example"), null));
    assertThat(invalid.code()).isEqualTo("BadRequest");
  }

  @Test
  @DisplayName(
      "credentials refused by Entra ID: the first call says what to fix, the next ones fail fast"
          + " with the same message without asking again, and the health is DOWN")
  void credentialsRefusedOnce() {
    routes.put(
        "POST /" + TENANT + "/oauth2/v2.0/token",
        r ->
            new MockResponse()
                .setResponseCode(401)
                .setHeader("Content-Type", "application/json")
                .setBody(
                    "{\"error\":\"invalid_client\",\"error_description\":\"AADSTS7000215:"
                        + " Invalid client secret provided.\",\"error_codes\":[7000215]}"));

    var first =
        catchThrowableOfType(
            GraphException.CredentialsRefused.class, () -> graph.findUser("a@client.example"));
    var second =
        catchThrowableOfType(GraphException.CredentialsRefused.class, () -> graph.user(GUEST_ID));

    assertThat(first.first()).isTrue();
    assertThat(first.getMessage())
        .contains("invalid_client")
        .contains("AADSTS7000215")
        .contains("PASSERELLE_MICROSOFT_CLIENT_SECRET")
        .doesNotContain("s3cret");
    assertThat(second.first()).isFalse();
    assertThat(second.getMessage()).isEqualTo(first.getMessage());
    assertThat(requests).as("the second call did not ask again").hasSize(1);
    Health health = new GraphHealthIndicator(properties, tokens).health();
    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
    assertThat(health.getDetails().get("fix").toString()).contains("AADSTS7000215");
  }

  @Test
  @DisplayName("a token Graph no longer accepts (401) is replaced once, then the call passes")
  void revokedTokenIsReplaced() {
    List<String> issued = new ArrayList<>(List.of("token-1", "token-2"));
    routes.put("POST /" + TENANT + "/oauth2/v2.0/token", r -> token(issued.remove(0)));
    routes.put(
        "GET /v1.0/users/" + GUEST_ID,
        r ->
            "Bearer token-1".equals(r.getHeader("Authorization"))
                ? graphError(401, "InvalidAuthenticationToken", "Access token has expired.")
                : ok(user(GUEST_ID, "jean@client.example", "Guest", "PendingAcceptance")));

    assertThat(graph.user(GUEST_ID).orElseThrow().externalUserState())
        .isEqualTo("PendingAcceptance");
    assertThat(requests)
        .extracting(RecordedRequest::getMethod)
        .containsExactly("POST", "GET", "POST", "GET");
  }

  // ---------------------------------------------------------------- Graph's shapes

  static MockResponse token(String token) {
    return ok(
        "{\"token_type\":\"Bearer\",\"expires_in\":3599,\"ext_expires_in\":3599,"
            + "\"access_token\":\""
            + token
            + "\"}");
  }

  static MockResponse invitationCreated(RecordedRequest request) {
    return new MockResponse()
        .setResponseCode(201)
        .setHeader("Content-Type", "application/json")
        .setBody(
            "{\"@odata.context\":\"https://graph.microsoft.com/v1.0/$metadata#invitations/$entity\","
                + "\"id\":\"7b92124c-9fa9-406f-8b8e-225df8376ba9\","
                + "\"inviteRedeemUrl\":\"https://login.microsoftonline.com/redeem?rd=x\","
                + "\"invitedUserDisplayName\":null,\"invitedUserType\":\"Guest\","
                + "\"invitedUserEmailAddress\":\"jean@client.example\","
                + "\"sendInvitationMessage\":true,\"resetRedemption\":false,"
                + "\"inviteRedirectUrl\":\"https://passerelle.cabinet.example/espace/connexion\","
                + "\"status\":\"PendingAcceptance\","
                + "\"invitedUserMessageInfo\":{\"messageLanguage\":\"fr-FR\",\"ccRecipients\":[],"
                + "\"customizedMessageBody\":\"Bonjour\"},"
                + "\"invitedUser\":{\"id\":\""
                + GUEST_ID
                + "\"}}");
  }

  static String user(String id, String mail, String userType, String state) {
    return "{\"id\":\""
        + id
        + "\",\"mail\":\""
        + mail
        + "\",\"otherMails\":[],\"userType\":\""
        + userType
        + "\",\"externalUserState\":"
        + (state == null ? "null" : "\"" + state + "\"")
        + "}";
  }

  static MockResponse ok(String body) {
    return new MockResponse()
        .setResponseCode(200)
        .setHeader("Content-Type", "application/json")
        .setBody(body);
  }

  static MockResponse graphError(int status, String code, String message) {
    return new MockResponse()
        .setResponseCode(status)
        .setHeader("Content-Type", "application/json")
        .setBody(
            "{\"error\":{\"code\":\""
                + code
                + "\",\"message\":\""
                + message
                + "\",\"innerError\":{\"date\":\"2026-12-06T06:00:00\","
                + "\"request-id\":\"5e0f1a2b-0000-4000-8000-000000000000\"}}}");
  }

  static Map<String, String> form(String body) {
    Map<String, String> form = new LinkedHashMap<>();
    for (String pair : body.split("&")) {
      String[] kv = pair.split("=", 2);
      form.put(
          URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
          URLDecoder.decode(kv.length > 1 ? kv[1] : "", StandardCharsets.UTF_8));
    }
    return form;
  }
}
