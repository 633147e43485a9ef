package io.passerelle.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.passerelle.support.Api;
import io.passerelle.support.PasserelleSpringTest;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every error path answered by Passerelle itself, over a real socket: problem+json with a stable
 * {@code code} under {@code /api/}, the French error page elsewhere — for the refusals of Spring
 * MVC (404, 405, 406, 415), of Spring Security (CSRF, the firewall) and of Tomcat's connector (an
 * encoded slash, a malformed URL, an oversized header). Never a stack trace, Spring's white-label
 * page or Tomcat's report.
 */
@PasserelleSpringTest
class ErrorPathsAttackTest {

  private static final Pattern PAGE_CODE = Pattern.compile("data-code=\"([A-Z_]+)\"");

  @LocalServerPort int port;
  @Autowired ObjectMapper json;
  RawHttp http;

  @BeforeEach
  void setUp() {
    http = new RawHttp(port);
  }

  private static String basic() {
    return RawHttp.basic(Api.MANAGER, Api.passwordOf(Api.MANAGER));
  }

  private JsonNode problem(RawHttp.Response response, int status, String code) throws Exception {
    assertThat(response.status()).as(response.body()).isEqualTo(status);
    assertThat(response.contentType()).as(response.body()).startsWith("application/problem+json");
    JsonNode body = json.readTree(response.body());
    assertThat(body.path("code").asText()).as(response.body()).isEqualTo(code);
    assertThat(body.get("status").asInt()).isEqualTo(status);
    assertThat(response.body()).doesNotContain("Exception").doesNotContain("at io.");
    return body;
  }

  private void page(RawHttp.Response response, int status, String code, String text) {
    assertThat(response.status()).as(response.body()).isEqualTo(status);
    assertThat(response.contentType()).startsWith("text/html");
    assertThat(response.body())
        .contains("<html lang=\"fr\"")
        .contains(text)
        .doesNotContain("Whitelabel")
        .doesNotContain("Apache Tomcat")
        .doesNotContain("Exception");
    var matcher = PAGE_CODE.matcher(response.body());
    assertThat(matcher.find()).as(response.body()).isTrue();
    assertThat(matcher.group(1)).isEqualTo(code);
  }

  @Test
  @DisplayName("Spring MVC's refusals on the API: 404, 405, 406, 415 as problem+json with a code")
  void apiMvcErrors() throws Exception {
    problem(http.get("/api/nothing-here", basic()), 404, "NOT_FOUND");
    var notAllowed =
        http.send(
            "DELETE /api/contacts HTTP/1.1\r\nHost: localhost\r\n"
                + basic()
                + "Connection: close\r\n\r\n",
            null,
            0);
    problem(notAllowed, 405, "METHOD_NOT_ALLOWED");
    assertThat(notAllowed.header("Allow")).contains("GET");
    problem(http.get("/api/contacts", basic() + "Accept: text/csv\r\n"), 406, "NOT_ACCEPTABLE");
    String body = "lastName=Dupont";
    problem(
        http.send(
            "POST /api/contacts HTTP/1.1\r\nHost: localhost\r\n"
                + basic()
                + "Content-Type: text/plain\r\nContent-Length: "
                + body.length()
                + "\r\nConnection: close\r\n\r\n"
                + body,
            null,
            0),
        415,
        "UNSUPPORTED_MEDIA_TYPE");
  }

  @Test
  @DisplayName("the same refusals on a page: the French error page, with its code")
  void pageMvcErrors() throws Exception {
    page(http.get("/css/nothing-here.css", ""), 404, "NOT_FOUND", "Page introuvable");
    // a method the page does not take, sent with the session's CSRF token (else CSRF answers)
    var form = http.get("/connexion", "");
    String cookie = form.header("Set-Cookie").split(";")[0];
    var token = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(form.body());
    assertThat(token.find()).as(form.body()).isTrue();
    page(
        http.send(
            "PUT /connexion HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\nCookie: "
                + cookie
                + "\r\nX-CSRF-TOKEN: "
                + token.group(1)
                + "\r\nConnection: close\r\n\r\n",
            null,
            0),
        405,
        "METHOD_NOT_ALLOWED",
        "Action non disponible");
  }

  @Test
  @DisplayName("a form posted without its CSRF token: 403 and a page that says to reload")
  void csrfFailure() throws Exception {
    String form = "username=claire.martin&password=x";
    var response =
        http.send(
            "POST /connexion HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: "
                + form.length()
                + "\r\nConnection: close\r\n\r\n"
                + form,
            null,
            0);
    page(response, 403, "CSRF_REJECTED", "rechargez la page");
  }

  @Test
  @DisplayName(
      "URLs the firewall or Tomcat refuse (//, an encoded /, a malformed escape, ..): 400, ours")
  void rejectedUrls() throws Exception {
    page(http.get("/activation//", ""), 400, "BAD_REQUEST", "Demande incorrecte");
    page(http.get("/dossiers/1%2F2", ""), 400, "BAD_REQUEST", "Demande incorrecte");
    page(http.get("/activation/%zz", ""), 400, "BAD_REQUEST", "Demande incorrecte");
    problem(http.get("/api//contacts", basic()), 400, "BAD_REQUEST");
    problem(http.get("/api/contacts/1%2F2", basic()), 400, "BAD_REQUEST");
    problem(http.get("/api/contacts/%zz", basic()), 400, "BAD_REQUEST");
    problem(http.get("/api/contacts/..;/x", basic()), 400, "BAD_REQUEST");
  }

  @Test
  @DisplayName("a header larger than the server takes: 400, ours, problem+json under /api/")
  void oversizedHeader() throws Exception {
    String huge = "X-Filler: " + "a".repeat(40 * 1024) + "\r\n";
    page(http.get("/connexion", huge), 400, "BAD_REQUEST", "Demande incorrecte");
    problem(http.get("/api/contacts", basic() + huge), 400, "BAD_REQUEST");
  }
}
