package io.passerelle.microsoft;

import io.passerelle.config.Ports;
import io.passerelle.support.EntraIdProvider;
import io.passerelle.support.TestDatabases;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The application with the firm's tenant configured against the local {@link EntraIdProvider}, and
 * staff single sign-on on (issue 23). Its test classes share this one context: a database of its
 * own (the suite's shared context would relay its engine commands otherwise), and a fixed free port
 * known before the start, so that PASSERELLE_BASE_URL — the mails' links and the redirect URIs — is
 * the address the browser uses ({@code 127.0.0.1}; the provider is on {@code localhost}).
 */
abstract class MicrosoftSignInContext {

  static final EntraIdProvider PROVIDER = EntraIdProvider.shared();
  static final MockWebServer GRAPH = graph();
  static String base;

  /**
   * Microsoft Graph for these tests' onboardings: every contact is already a member of the firm's
   * tenant (the guest invitation step finds them and sends nothing, issue 23 item 2), so the
   * service invitation follows at once. The guest invitation's own paths are tested against Graph's
   * shapes in GraphClientTest and GuestInvitationServiceTest.
   */
  private static MockWebServer graph() {
    MockWebServer server = new MockWebServer();
    server.setDispatcher(
        new Dispatcher() {
          private final Pattern address = Pattern.compile("mail eq '([^']+)'");

          @Override
          public MockResponse dispatch(RecordedRequest request) {
            String path = URLDecoder.decode(request.getPath(), StandardCharsets.UTF_8);
            Matcher found = address.matcher(path);
            if ("GET".equals(request.getMethod())
                && path.startsWith("/v1.0/users?")
                && found.find()) {
              return new MockResponse()
                  .setHeader("Content-Type", "application/json")
                  .setBody(
                      "{\"@odata.count\":1,\"value\":[{\"id\":\"member-"
                          + Integer.toHexString(found.group(1).hashCode())
                          + "\",\"mail\":\""
                          + found.group(1)
                          + "\",\"otherMails\":[],\"userType\":\"Member\","
                          + "\"externalUserState\":null}]}");
            }
            return new MockResponse().setResponseCode(404);
          }
        });
    try {
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return server;
  }

  @DynamicPropertySource
  static void microsoft(DynamicPropertyRegistry registry) {
    String database = TestDatabases.newName("passerelle_microsoft");
    TestDatabases.create(database);
    registry.add("spring.datasource.url", () -> TestDatabases.url(database));
    int port = Ports.anyFree();
    base = "http://127.0.0.1:" + port;
    registry.add("server.port", () -> port);
    registry.add("passerelle.base-url", () -> base);
    registry.add("passerelle.microsoft.tenant-id", () -> EntraIdProvider.TENANT);
    registry.add("passerelle.microsoft.client-id", () -> EntraIdProvider.CLIENT_ID);
    registry.add("passerelle.microsoft.client-secret", () -> EntraIdProvider.CLIENT_SECRET);
    registry.add("passerelle.microsoft.authority", PROVIDER::authority);
    registry.add("passerelle.microsoft.staff-sso", () -> "true");
    registry.add("passerelle.microsoft.graph-url", () -> GRAPH.url("/v1.0").toString());
    PROVIDER.allowRedirect(base + "/login/oauth2/code/microsoft");
    PROVIDER.allowRedirect(base + "/login/oauth2/code/microsoft-staff");
  }
}
