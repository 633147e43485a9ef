package io.passerelle.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Passerelle over HTTP as its users reach it: the staff API (JSON, HTTP Basic), the development
 * clock (an administrator's session and CSRF token), and a client's activation page (a browser's
 * cookies and form).
 */
final class Http {

  record Response(int status, JsonNode body) {}

  static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern CSRF =
      Pattern.compile("name=\"_csrf\"[^>]*?(?:value|content)=\"([^\"]+)\"");
  static final String PASSWORD = "Une phrase de passe solide 42";

  private final String baseUrl;
  private final String authorization;
  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(3))
          .executor(Executors.newVirtualThreadPerTaskExecutor())
          .build();
  private HttpClient devClient;
  private String devCsrf;

  Http(String baseUrl) {
    this.baseUrl = baseUrl;
    this.authorization =
        "Basic "
            + Base64.getEncoder()
                .encodeToString("admin:passerelle-admin".getBytes(StandardCharsets.UTF_8));
  }

  Response get(String path) throws IOException, InterruptedException {
    return parse(
        client.send(
            api(path).timeout(Duration.ofSeconds(30)).GET().build(),
            HttpResponse.BodyHandlers.ofString()));
  }

  Response post(String path, Object body, String idempotencyKey)
      throws IOException, InterruptedException {
    var request =
        api(path)
            .header("Content-Type", "application/json")
            .timeout(Duration.ofSeconds(60))
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    if (idempotencyKey != null) {
      request.header("Idempotency-Key", idempotencyKey);
    }
    return parse(client.send(request.build(), HttpResponse.BodyHandlers.ofString()));
  }

  /** {@code POST /dev/clock/advance}: the engine clock {@code duration} on. */
  synchronized Response advance(String duration) throws IOException, InterruptedException {
    signIn();
    var response =
        parse(
            devClient.send(
                page("/dev/clock/advance")
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json")
                    .header("X-CSRF-TOKEN", devCsrf)
                    .timeout(Duration.ofSeconds(120))
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            JSON.writeValueAsString(Map.of("duration", duration))))
                    .build(),
                HttpResponse.BodyHandlers.ofString()));
    if (response.status() != 200) {
      devClient = null; // signed in again next time
    }
    return response;
  }

  /** {@code GET /dev/clock}: the engine time. */
  synchronized Response clock() throws IOException, InterruptedException {
    signIn();
    var response =
        parse(
            devClient.send(
                page("/dev/clock").header("Accept", "application/json").GET().build(),
                HttpResponse.BodyHandlers.ofString()));
    if (response.status() != 200) {
      devClient = null;
    }
    return response;
  }

  /**
   * The client's activation, as a browser: the page, then the form with a password. Returns the
   * form's HTTP status, or 0 when the page has no form (the link was used already, or no longer
   * works).
   */
  int activate(String token) throws IOException, InterruptedException {
    var browser =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3))
            .cookieHandler(new CookieManager())
            .build();
    var page =
        browser.send(
            page("/activation/" + token).GET().build(), HttpResponse.BodyHandlers.ofString());
    Matcher csrf = CSRF.matcher(page.body());
    if (page.statusCode() != 200 || !page.body().contains("confirmation") || !csrf.find()) {
      return 0;
    }
    String form =
        "password="
            + encode(PASSWORD)
            + "&confirmation="
            + encode(PASSWORD)
            + "&_csrf="
            + encode(csrf.group(1));
    return browser
        .send(
            page("/activation/" + token)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  /** Whether {@code /actuator/health} says UP. */
  boolean up() {
    try {
      var response =
          client.send(
              HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/health"))
                  .timeout(Duration.ofSeconds(2))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 && response.body().startsWith("{\"status\":\"UP\"");
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private void signIn() throws IOException, InterruptedException {
    if (devClient != null) {
      return;
    }
    var browser =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3))
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    String login = text(browser, "/connexion");
    var response =
        browser.send(
            page("/connexion")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "username=admin&password=passerelle-admin&_csrf="
                            + encode(token(login, "/connexion"))))
                .build(),
            HttpResponse.BodyHandlers.discarding());
    if (response.statusCode() != 302
        || response.headers().firstValue("Location").orElse("").contains("erreur")) {
      throw new IOException("sign-in for the development clock refused: " + response.statusCode());
    }
    devCsrf = token(text(browser, "/dev"), "/dev (is PASSERELLE_DEVELOPMENT_ENABLED=true?)");
    devClient = browser;
  }

  private String text(HttpClient browser, String path) throws IOException, InterruptedException {
    var response = browser.send(page(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("GET " + path + ": HTTP " + response.statusCode());
    }
    return response.body();
  }

  private static String token(String page, String where) throws IOException {
    Matcher matcher = CSRF.matcher(page);
    if (!matcher.find()) {
      throw new IOException("no CSRF token on " + where);
    }
    return matcher.group(1);
  }

  private HttpRequest.Builder api(String path) {
    return HttpRequest.newBuilder(URI.create(baseUrl + path))
        .header("Authorization", authorization)
        .header("Accept", "application/json");
  }

  private HttpRequest.Builder page(String path) {
    return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  static Response parse(HttpResponse<String> response) {
    JsonNode body;
    try {
      body = response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
    } catch (IOException e) {
      body = JSON.getNodeFactory().textNode(response.body());
    }
    return new Response(response.statusCode(), body);
  }
}
