package io.passerelle.bench;

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
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Passerelle's development tools (the engine clock) as an administrator uses them: they take no
 * HTTP Basic, only a session signed in through {@code /connexion}, and a CSRF token on every POST
 * ({@code X-CSRF-TOKEN}, read from the {@code /dev} page). The application must run with {@code
 * PASSERELLE_DEVELOPMENT_ENABLED=true}, and this client on the same machine (loopback).
 */
final class DevTools {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern CSRF =
      Pattern.compile("name=\"_csrf\"[^>]*?(?:value|content)=\"([^\"]+)\"");

  private final String baseUrl;
  private final String username;
  private final String password;
  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .cookieHandler(new CookieManager())
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();
  private String csrf;

  DevTools(String baseUrl, String username, String password) {
    this.baseUrl = baseUrl;
    this.username = username;
    this.password = password;
  }

  /** {@code GET /dev/clock}: the engine time and its offset. */
  Api.Response clock() throws IOException, InterruptedException {
    signIn();
    return Api.parse(
        client.send(
            request("/dev/clock").header("Accept", "application/json").GET().build(),
            HttpResponse.BodyHandlers.ofString()));
  }

  /** {@code POST /dev/clock/advance}: moves the engine clock forward by an ISO-8601 duration. */
  Api.Response advance(String duration) throws IOException, InterruptedException {
    signIn();
    return Api.parse(
        client.send(
            request("/dev/clock/advance")
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("X-CSRF-TOKEN", csrf)
                .timeout(Duration.ofSeconds(120))
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        JSON.writeValueAsString(Map.of("duration", duration))))
                .build(),
            HttpResponse.BodyHandlers.ofString()));
  }

  private synchronized void signIn() throws IOException, InterruptedException {
    if (csrf != null) {
      return;
    }
    String loginPage = get("/connexion");
    var response =
        client.send(
            request("/connexion")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "username="
                            + encode(username)
                            + "&password="
                            + encode(password)
                            + "&_csrf="
                            + encode(token(loginPage, "/connexion"))))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 302
        || response.headers().firstValue("Location").orElse("").contains("erreur")) {
      throw new IllegalStateException(
          "sign-in of "
              + username
              + " for the development tools refused: HTTP "
              + response.statusCode());
    }
    String devPage = get("/dev");
    csrf = token(devPage, "/dev (is PASSERELLE_DEVELOPMENT_ENABLED=true?)");
  }

  private String get(String path) throws IOException, InterruptedException {
    var response = client.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("GET " + path + ": HTTP " + response.statusCode());
    }
    return response.body();
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(60));
  }

  private static String token(String page, String where) {
    Matcher matcher = CSRF.matcher(page);
    if (!matcher.find()) {
      throw new IllegalStateException("no CSRF token on " + where);
    }
    return matcher.group(1);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
