package io.passerelle.support;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A member of the firm signed in through the staff's sign-in form ({@code /connexion}), as one of
 * the development users ({@link Api#ADMIN} and the others): for MockMvc, the session to pass on;
 * over real HTTP, a client that keeps its cookies and reads the CSRF token of a page.
 */
public final class StaffSignIn {

  private static final Pattern CSRF =
      Pattern.compile("name=\"_csrf\"[^>]*?(?:value|content)=\"([^\"]+)\"");

  private StaffSignIn() {}

  /** Signs in through the form (with its CSRF token) and returns the session. */
  public static MockHttpSession session(MockMvc mvc, String username) throws Exception {
    var result =
        mvc.perform(formLogin("/connexion").user(username).password(Api.passwordOf(username)))
            .andReturn();
    if (result.getResponse().getStatus() != 302
        || String.valueOf(result.getResponse().getRedirectedUrl()).contains("erreur")) {
      throw new AssertionError("sign-in of " + username + " refused");
    }
    return (MockHttpSession) result.getRequest().getSession(false);
  }

  /** Over real HTTP: a client with its own cookies, signed in as {@code username}. */
  public static Http http(String baseUrl, String username)
      throws IOException, InterruptedException {
    var http = new Http(baseUrl);
    var page = http.get("/connexion");
    var response =
        http.postForm(
            "/connexion",
            "username="
                + encode(username)
                + "&password="
                + encode(Api.passwordOf(username))
                + "&_csrf="
                + encode(csrfOf(page.body())));
    if (response.statusCode() != 302
        || response.headers().firstValue("Location").orElse("").contains("erreur")) {
      throw new AssertionError("sign-in of " + username + " refused: " + response.statusCode());
    }
    return http;
  }

  /** The CSRF token of a page (its hidden field or its {@code _csrf} meta). */
  public static String csrfOf(String page) {
    Matcher matcher = CSRF.matcher(page);
    if (!matcher.find()) {
      throw new AssertionError("no CSRF token in the page");
    }
    return matcher.group(1);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** A person's HTTP client: cookies kept, redirects not followed. */
  public static final class Http {

    private final String baseUrl;
    private final HttpClient client;

    public Http(String baseUrl) {
      this.baseUrl = baseUrl;
      this.client =
          HttpClient.newBuilder()
              .cookieHandler(new CookieManager())
              .followRedirects(HttpClient.Redirect.NEVER)
              .build();
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
      return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET());
    }

    public HttpResponse<String> postForm(String path, String form)
        throws IOException, InterruptedException {
      return send(
          HttpRequest.newBuilder(URI.create(baseUrl + path))
              .header("Content-Type", "application/x-www-form-urlencoded")
              .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    /** A JSON POST with the CSRF token in its header, as a page's script sends it. */
    public HttpResponse<String> postJson(String path, String json, String csrf)
        throws IOException, InterruptedException {
      var request =
          HttpRequest.newBuilder(URI.create(baseUrl + path))
              .header("Content-Type", "application/json")
              .header("Accept", "application/json");
      if (csrf != null) {
        request.header("X-CSRF-TOKEN", csrf);
      }
      return send(request.POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request)
        throws IOException, InterruptedException {
      return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
  }
}
