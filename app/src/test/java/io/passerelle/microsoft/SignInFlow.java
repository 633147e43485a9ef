package io.passerelle.microsoft;

import io.passerelle.support.EntraIdProvider.Person;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One browser without a browser: follows the OpenID Connect redirects between the application and
 * the provider by hand, keeping each host's cookies apart (the application on {@code 127.0.0.1},
 * the provider on {@code localhost}), and signs in at the provider's form. What the tests check is
 * where the application sends the person at the end, and what the session can then open.
 */
final class SignInFlow {

  /** An answer: its status, its {@code Location} (made absolute) and its body. */
  record Answer(int status, String location, String body) {}

  private final HttpClient http =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final Map<String, Map<String, String>> cookies = new ConcurrentHashMap<>();
  private final String base;

  SignInFlow(String base) {
    this.base = base;
  }

  /**
   * Starts at {@code startPath} of the application, signs in as {@code person} at the provider, and
   * returns the application's last redirect after the callback (its target page, or the refusal).
   */
  Answer signIn(String startPath, Person person) throws IOException, InterruptedException {
    Answer toProvider = get(base + startPath);
    expectRedirect(toProvider, "to the provider");
    Answer toLogin = get(toProvider.location());
    expectRedirect(toLogin, "to the provider's sign-in");
    URI login = URI.create(toLogin.location());
    Answer signedIn =
        post(login.toString(), Map.of("username", person.login(), "password", person.password()));
    expectRedirect(signedIn, "back to the authorization");
    Answer toCallback = get(signedIn.location());
    expectRedirect(toCallback, "to the application's callback");
    if (!toCallback.location().startsWith(base + "/login/oauth2/code/")) {
      throw new AssertionError("the provider sent the browser to " + toCallback.location());
    }
    Answer end = get(toCallback.location());
    expectRedirect(end, "from the callback");
    return end;
  }

  Answer get(String url) throws IOException, InterruptedException {
    var request = HttpRequest.newBuilder(URI.create(url)).GET().timeout(Duration.ofSeconds(20));
    return send(request, url);
  }

  Answer post(String url, Map<String, String> form) throws IOException, InterruptedException {
    var body = new StringBuilder();
    for (var entry : new LinkedHashMap<>(form).entrySet()) {
      if (!body.isEmpty()) {
        body.append('&');
      }
      body.append(URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8))
          .append('=')
          .append(URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8));
    }
    var request =
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
            .timeout(Duration.ofSeconds(20));
    return send(request, url);
  }

  private Answer send(HttpRequest.Builder request, String url)
      throws IOException, InterruptedException {
    URI uri = URI.create(url);
    String host = uri.getHost() + ":" + uri.getPort();
    Map<String, String> jar = cookies.computeIfAbsent(host, h -> new ConcurrentHashMap<>());
    if (!jar.isEmpty()) {
      var header = new StringBuilder();
      jar.forEach((name, value) -> header.append(name).append('=').append(value).append("; "));
      request.header("Cookie", header.toString());
    }
    request.header("Accept", "text/html").header("Accept-Language", "fr-FR,fr;q=0.9");
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    for (String set : response.headers().allValues("Set-Cookie")) {
      String pair = set.split(";", 2)[0];
      int equals = pair.indexOf('=');
      String name = pair.substring(0, equals).strip();
      String value = pair.substring(equals + 1).strip();
      if (value.isEmpty() || set.toLowerCase(java.util.Locale.ROOT).contains("max-age=0")) {
        jar.remove(name);
      } else {
        jar.put(name, value);
      }
    }
    String location =
        response.headers().firstValue("Location").map(l -> uri.resolve(l).toString()).orElse(null);
    return new Answer(response.statusCode(), location, response.body());
  }

  private static void expectRedirect(Answer answer, String what) {
    if (answer.status() / 100 != 3 || answer.location() == null) {
      throw new AssertionError(
          "expected a redirect " + what + ", got " + answer.status() + ": " + answer.body());
    }
  }
}
