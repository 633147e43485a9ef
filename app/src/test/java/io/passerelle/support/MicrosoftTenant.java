package io.passerelle.support;

import io.passerelle.config.Ports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The firm's Microsoft tenant of the isolated context ({@link IsolatedSpringTest}, issue 23): the
 * tenant configured against the local {@link EntraIdProvider}, staff single sign-on on, Microsoft
 * Graph a local fake ({@link #GRAPH}), and a fixed free port known before the start, so that
 * PASSERELLE_BASE_URL ({@link #BASE}: the mails' links and the redirect URIs) is the address the
 * browser uses ({@code 127.0.0.1}; the provider is on {@code localhost}). It changes nothing for an
 * offer whose clients do not sign in with Microsoft, nor for the staff's form sign-in.
 */
public final class MicrosoftTenant
    implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  public static final EntraIdProvider PROVIDER = EntraIdProvider.shared();

  /** Microsoft Graph for these tests' onboardings ({@link #graph()}). */
  public static final MockWebServer GRAPH = graph();

  private static final int PORT = Ports.anyFree();

  /** The application's address: its fixed port on {@code 127.0.0.1}. */
  public static final String BASE = "http://127.0.0.1:" + PORT;

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    TestPropertyValues.of(
            "server.port=" + PORT,
            "passerelle.base-url=" + BASE,
            "passerelle.microsoft.tenant-id=" + EntraIdProvider.TENANT,
            "passerelle.microsoft.client-id=" + EntraIdProvider.CLIENT_ID,
            "passerelle.microsoft.client-secret=" + EntraIdProvider.CLIENT_SECRET,
            "passerelle.microsoft.authority=" + PROVIDER.authority(),
            "passerelle.microsoft.staff-sso=true",
            "passerelle.microsoft.graph-url=" + GRAPH.url("/v1.0"))
        .applyTo(context.getEnvironment());
    PROVIDER.allowRedirect(BASE + "/login/oauth2/code/microsoft");
    PROVIDER.allowRedirect(BASE + "/login/oauth2/code/microsoft-staff");
  }

  /** Every request the local Graph received, in order (the token requests go to the provider). */
  public static final List<RecordedRequest> GRAPH_REQUESTS = new CopyOnWriteArrayList<>();

  /**
   * The addresses that are not in the firm's tenant: the guest invitation step invites them ({@code
   * POST /invitations}) and they stay guests pending acceptance until deleted. Every other address
   * is a member already.
   */
  public static final Set<String> NOT_IN_TENANT = ConcurrentHashMap.newKeySet();

  /**
   * The addresses whose domain the firm's tenant blocks (cross-tenant access settings): {@code POST
   * /invitations} answers 403, Graph's refusal of the data (add them to {@link #NOT_IN_TENANT}
   * too).
   */
  public static final Set<String> BLOCKED = ConcurrentHashMap.newKeySet();

  private static final Set<String> DELETED = ConcurrentHashMap.newKeySet();

  /** The object id the local Graph gives the guest invited with this address. */
  public static String guestId(String email) {
    return UUID.nameUUIDFromBytes(email.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8))
        .toString();
  }

  /**
   * Microsoft Graph for these tests' onboardings, answering in Graph v1.0's shapes: a contact is a
   * member of the firm's tenant (the guest invitation step finds them and sends nothing, issue 23
   * item 2, so the service invitation follows at once), unless their address is in {@link
   * #NOT_IN_TENANT}: then {@code POST /invitations} invites them, {@code GET /users/{id}} shows a
   * guest pending acceptance, and {@code DELETE /users/{id}} removes them (204, then 404). Other
   * paths of the guest invitation are tested against Graph's shapes in GraphClientTest and
   * GuestInvitationServiceTest.
   */
  private static MockWebServer graph() {
    MockWebServer server = new MockWebServer();
    server.setDispatcher(
        new Dispatcher() {
          private final Pattern address = Pattern.compile("mail eq '([^']+)'");
          private final Pattern invited =
              Pattern.compile("\"invitedUserEmailAddress\"\\s*:\\s*\"([^\"]+)\"");

          @Override
          public MockResponse dispatch(RecordedRequest request) {
            GRAPH_REQUESTS.add(request);
            String path = URLDecoder.decode(request.getPath(), StandardCharsets.UTF_8);
            String method = request.getMethod();
            Matcher found = address.matcher(path);
            if ("GET".equals(method) && path.startsWith("/v1.0/users?") && found.find()) {
              if (NOT_IN_TENANT.contains(found.group(1).toLowerCase(Locale.ROOT))) {
                return json(200, "{\"@odata.count\":0,\"value\":[]}");
              }
              return json(
                  200,
                  "{\"@odata.count\":1,\"value\":[{\"id\":\"member-"
                      + Integer.toHexString(found.group(1).hashCode())
                      + "\",\"mail\":\""
                      + found.group(1)
                      + "\",\"otherMails\":[],\"userType\":\"Member\","
                      + "\"externalUserState\":null}]}");
            }
            if ("POST".equals(method) && path.equals("/v1.0/invitations")) {
              Matcher email = invited.matcher(request.getBody().clone().readUtf8());
              if (!email.find()) {
                return json(400, "{\"error\":{\"code\":\"BadRequest\",\"message\":\"x\"}}");
              }
              if (BLOCKED.contains(email.group(1).toLowerCase(Locale.ROOT))) {
                return json(
                    403,
                    "{\"error\":{\"code\":\"Forbidden\",\"message\":\"The invited user's"
                        + " domain is blocked by the cross-tenant access settings.\"}}");
              }
              String id = guestId(email.group(1));
              DELETED.remove(id);
              return json(
                  201,
                  "{\"id\":\""
                      + UUID.randomUUID()
                      + "\",\"invitedUserEmailAddress\":\""
                      + email.group(1)
                      + "\",\"sendInvitationMessage\":true,\"status\":\"PendingAcceptance\","
                      + "\"invitedUser\":{\"id\":\""
                      + id
                      + "\"}}");
            }
            for (String email : NOT_IN_TENANT) {
              String id = guestId(email);
              if (!path.startsWith("/v1.0/users/" + id) || DELETED.contains(id)) {
                continue;
              }
              if ("GET".equals(method)) {
                return json(
                    200,
                    "{\"id\":\""
                        + id
                        + "\",\"mail\":\""
                        + email
                        + "\",\"otherMails\":[],\"userType\":\"Guest\","
                        + "\"externalUserState\":\"PendingAcceptance\"}");
              }
              if ("DELETE".equals(method)) {
                DELETED.add(id);
                return new MockResponse().setResponseCode(204);
              }
            }
            return json(
                404,
                "{\"error\":{\"code\":\"Request_ResourceNotFound\",\"message\":\""
                    + method
                    + " "
                    + request.getRequestUrl().encodedPath()
                    + "\"}}");
          }
        });
    try {
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return server;
  }

  private static MockResponse json(int status, String body) {
    return new MockResponse()
        .setResponseCode(status)
        .setHeader("Content-Type", "application/json")
        .setBody(body);
  }

  /** The {@code POST /invitations} the local Graph received for this address. */
  public static List<RecordedRequest> graphInvitationsTo(String email) {
    return GRAPH_REQUESTS.stream()
        .filter(r -> "POST".equals(r.getMethod()))
        .filter(r -> "/v1.0/invitations".equals(r.getRequestUrl().encodedPath()))
        .filter(r -> r.getBody().clone().readUtf8().contains("\"" + email + "\""))
        .toList();
  }

  /** The {@code DELETE /users/{id}} the local Graph received for this address's guest. */
  public static List<RecordedRequest> graphDeletesOf(String email) {
    return GRAPH_REQUESTS.stream()
        .filter(r -> "DELETE".equals(r.getMethod()))
        .filter(r -> r.getRequestUrl().encodedPath().equals("/v1.0/users/" + guestId(email)))
        .toList();
  }
}
