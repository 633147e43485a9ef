package io.passerelle.support;

import io.passerelle.config.Ports;
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

  /**
   * Microsoft Graph for these tests' onboardings: every contact is already a member of the firm's
   * tenant (the guest invitation step finds them and sends nothing, issue 23 item 2), so the
   * service invitation follows at once. The guest invitation's own paths are tested against Graph's
   * shapes in GraphClientTest and GuestInvitationServiceTest.
   */
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
}
