package io.passerelle.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import io.passerelle.support.Api;
import io.passerelle.support.PasserelleSpringTest;
import io.passerelle.support.StaffSignIn;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Response headers and cookies, looked at from outside: every staff page, the API and the client
 * pages forbid inline script and framing and keep their referrer; the session cookie is SameSite;
 * an anonymous visitor of a client page gets no session, and its form still works with CSRF.
 */
@PasserelleSpringTest
class HeadersAttackTest {

  @Autowired MockMvc mvc;
  @LocalServerPort int port;

  @Test
  @DisplayName(
      "staff pages: a CSP without inline script or style, no framing, same-origin referrer")
  void staffPages() throws Exception {
    MockHttpSession manager = StaffSignIn.session(mvc, Api.MANAGER);
    MockHttpSession admin = StaffSignIn.session(mvc, Api.ADMIN);
    for (var request :
        List.of(
            get("/connexion"),
            get("/").session(manager),
            get("/portefeuille").session(manager),
            get("/tableau-de-bord").session(manager),
            get("/notifications").session(manager),
            get("/dev").session(admin),
            get("/dev/mailbox").session(admin),
            get("/page-qui-n-existe-pas").session(manager))) {
      MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
      String what = describe(request);
      String policy = response.getHeader("Content-Security-Policy");
      assertThat(policy)
          .as(what)
          .contains("default-src 'self'")
          .contains("script-src 'self';")
          .contains("style-src 'self';")
          .contains("frame-ancestors 'none'")
          .contains("object-src 'none'")
          .doesNotContain("unsafe-inline")
          .doesNotContain("unsafe-eval");
      assertThat(response.getHeader("Referrer-Policy")).as(what).isEqualTo("same-origin");
      assertThat(response.getHeader("X-Frame-Options")).as(what).isEqualTo("DENY");
      assertThat(response.getHeader("X-Content-Type-Options")).as(what).isEqualTo("nosniff");
      String body = response.getContentAsString(StandardCharsets.UTF_8);
      assertThat(body).as(what).doesNotContainPattern("<script(?![^>]*\\ssrc=)");
      assertThat(body).as(what).doesNotContain(" style=\"").doesNotContain("<style");
    }
  }

  @Test
  @DisplayName("Swagger UI: no inline script, no framing; the style elements its bundle adds")
  void swaggerUi() throws Exception {
    MockHttpServletResponse response =
        mvc.perform(get("/swagger-ui/index.html")).andReturn().getResponse();
    assertThat(response.getHeader("Content-Security-Policy"))
        .contains("script-src 'self';")
        .contains("style-src 'self' 'unsafe-inline';")
        .contains("frame-ancestors 'none'")
        .doesNotContain("unsafe-eval");
    assertThat(response.getHeader("X-Frame-Options")).isEqualTo("DENY");
    assertThat(response.getHeader("Referrer-Policy")).isEqualTo("same-origin");
  }

  @Test
  @DisplayName("the API: nothing may load from or frame a JSON answer, the refusals included")
  void api() throws Exception {
    for (var request :
        List.of(
            get("/api/dossiers")
                .with(
                    org.springframework.security.test.web.servlet.request
                        .SecurityMockMvcRequestPostProcessors.httpBasic(
                        Api.MANAGER, Api.passwordOf(Api.MANAGER))),
            get("/api/dossiers"))) {
      MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
      assertThat(response.getHeader("Content-Security-Policy"))
          .isEqualTo("default-src 'none'; frame-ancestors 'none'");
      assertThat(response.getHeader("Referrer-Policy")).isEqualTo("same-origin");
      assertThat(response.getHeader("X-Frame-Options")).isEqualTo("DENY");
      assertThat(response.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
    }
  }

  @Test
  @DisplayName("client pages keep their own strict policy and no referrer at all")
  void clientPages() throws Exception {
    for (String path : List.of("/espace/connexion", "/activation/x", "/acces/nouveau-lien")) {
      MockHttpServletResponse response =
          mvc.perform(get(path).with(fromAnywhere())).andReturn().getResponse();
      assertThat(response.getHeader("Content-Security-Policy"))
          .as(path)
          .contains("script-src 'self'")
          .contains("frame-ancestors 'none'")
          .doesNotContain("unsafe-inline");
      assertThat(response.getHeader("Referrer-Policy")).as(path).isEqualTo("no-referrer");
      assertThat(response.getHeader("X-Frame-Options")).as(path).isEqualTo("DENY");
    }
  }

  @Test
  @DisplayName("the staff's session cookie is HttpOnly and SameSite=Lax")
  void staffSessionCookie() throws Exception {
    var visitor = new StaffSignIn.Http("http://localhost:" + port);
    String page = visitor.get("/connexion").body();
    HttpResponse<String> signIn =
        visitor.postForm(
            "/connexion",
            "username="
                + Api.MANAGER
                + "&password="
                + URLEncoder.encode(Api.passwordOf(Api.MANAGER), StandardCharsets.UTF_8)
                + "&_csrf="
                + URLEncoder.encode(StaffSignIn.csrfOf(page), StandardCharsets.UTF_8));
    assertThat(signIn.statusCode()).isEqualTo(302);
    assertThat(cookies(signIn))
        .filteredOn(c -> c.startsWith("JSESSIONID="))
        .isNotEmpty()
        .allMatch(c -> c.contains("HttpOnly") && c.contains("SameSite=Lax"));
  }

  private static List<String> cookies(HttpResponse<?> response) {
    return response.headers().allValues("Set-Cookie");
  }

  /** A remote address of its own, so the client pages' rate limits of other tests do not count. */
  private static org.springframework.test.web.servlet.request.RequestPostProcessor fromAnywhere() {
    String address =
        "198.51.100." + (1 + java.util.concurrent.ThreadLocalRandom.current().nextInt(250));
    return request -> {
      request.setRemoteAddr(address);
      return request;
    };
  }

  private static String describe(MockHttpServletRequestBuilder request) {
    return request
        .buildRequest(new org.springframework.mock.web.MockServletContext())
        .getRequestURI();
  }
}
