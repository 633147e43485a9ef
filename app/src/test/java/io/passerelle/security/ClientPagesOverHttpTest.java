package io.passerelle.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.passerelle.support.IsolatedSpringTest;
import io.passerelle.support.StaffSignIn;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The client pages' sessions as a browser meets them, over real HTTP, in the second application
 * context ({@link IsolatedSpringTest}), not the shared one: Spring Security Test's {@code csrf()},
 * which the MockMvc tests of the shared context use, installs its own token repository (backed by
 * the HTTP session) in the filter chain of the context it runs in, for every later request, real
 * HTTP included; the production chain keeps the client's CSRF token in a cookie and creates no
 * session for an anonymous page.
 */
@IsolatedSpringTest
class ClientPagesOverHttpTest {

  @LocalServerPort int port;

  @Test
  @DisplayName(
      "over HTTP, anonymous GETs of client pages set no session cookie; the sign-in form still"
          + " works with its CSRF token, and without it is refused")
  void noSessionForAnonymousClientPages() throws Exception {
    String base = "http://localhost:" + port;
    var visitor = new StaffSignIn.Http(base);
    String dead = "/activation/" + "mort" + UUID.randomUUID().toString().replace("-", "");
    for (String path : List.of(dead, "/espace/connexion", "/acces/nouveau-lien")) {
      HttpResponse<String> response = visitor.get(path);
      assertThat(response.statusCode()).as(path).isIn(200, 404);
      assertThat(cookies(response)).as(path).noneMatch(c -> c.startsWith("JSESSIONID="));
      assertThat(cookies(response))
          .as(path)
          .allMatch(c -> c.contains("HttpOnly") && c.contains("SameSite=Lax"));
    }

    String page = visitor.get("/espace/connexion").body();
    String form =
        "email="
            + URLEncoder.encode(
                "inconnu-" + UUID.randomUUID() + "@exemple.test", StandardCharsets.UTF_8)
            + "&password=pas-le-bon-mot-de-passe&_csrf="
            + URLEncoder.encode(StaffSignIn.csrfOf(page), StandardCharsets.UTF_8);
    HttpResponse<String> signIn = visitor.postForm("/espace/connexion", form);
    assertThat(signIn.statusCode()).isEqualTo(302);
    assertThat(signIn.headers().firstValue("Location").orElseThrow()).endsWith("?erreur");

    // the same form from another browser (the token without its cookie): refused, nothing done
    HttpResponse<String> forged = new StaffSignIn.Http(base).postForm("/espace/connexion", form);
    assertThat(forged.statusCode()).isEqualTo(302);
    assertThat(forged.headers().firstValue("Location").orElseThrow())
        .doesNotEndWith("?erreur")
        .contains("/espace/connexion?");
  }

  private static List<String> cookies(HttpResponse<?> response) {
    return response.headers().allValues("Set-Cookie");
  }
}
