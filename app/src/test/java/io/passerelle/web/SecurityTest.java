package io.passerelle.web;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.passerelle.support.Api;
import io.passerelle.support.PasserelleSpringTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

/** The staff filter chains: pages with a session and CSRF, the API with HTTP Basic. */
@PasserelleSpringTest
class SecurityTest {

  @Autowired MockMvc mvc;

  @Test
  @DisplayName("the sign-in page is open and in French")
  void signInPage() throws Exception {
    mvc.perform(get("/connexion"))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("Connexion du cabinet")))
        .andExpect(content().string(containsString("name=\"_csrf\"")));
  }

  @Test
  @DisplayName("a page without a session sends the person to /connexion")
  void pagesNeedASession() throws Exception {
    mvc.perform(get("/"))
        .andExpect(status().isFound())
        .andExpect(redirectedUrl("http://localhost/connexion"));
  }

  @Test
  @DisplayName("form sign-in with the CSRF token opens a session that shows the home page")
  void formLogin() throws Exception {
    var result =
        mvc.perform(
                post("/connexion")
                    .param("username", Api.MANAGER)
                    .param("password", Api.passwordOf(Api.MANAGER))
                    .with(csrf()))
            .andExpect(status().isFound())
            .andExpect(redirectedUrl("/"))
            .andReturn();
    var session = (MockHttpSession) result.getRequest().getSession(false);
    mvc.perform(get("/").session(session))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("Bonjour")))
        .andExpect(content().string(containsString("claire.martin")));
  }

  @Test
  @DisplayName(
      "form sign-in without the CSRF token is refused; a wrong password goes back with an error")
  void csrfAndWrongPassword() throws Exception {
    mvc.perform(post("/connexion").param("username", Api.MANAGER).param("password", "x"))
        .andExpect(status().isForbidden());
    mvc.perform(
            post("/connexion")
                .param("username", Api.MANAGER)
                .param("password", "wrong")
                .with(csrf()))
        .andExpect(redirectedUrl("/connexion?erreur"));
  }

  @Test
  @DisplayName("the API without credentials is a 401 problem with a Basic challenge")
  void apiNeedsBasic() throws Exception {
    mvc.perform(get("/api/contacts"))
        .andExpect(status().isUnauthorized())
        .andExpect(header().string("WWW-Authenticate", containsString("Basic")))
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.code").value("AUTHENTICATION_REQUIRED"));
    mvc.perform(get("/api/contacts").with(httpBasic(Api.MANAGER, "wrong")))
        .andExpect(status().isUnauthorized());
  }

  @Test
  @DisplayName("the API takes commands with Basic auth and no CSRF token, and keeps no session")
  void apiWithoutCsrf() throws Exception {
    mvc.perform(
            post("/api/organisational-roles")
                .with(httpBasic(Api.ADMIN, Api.passwordOf(Api.ADMIN)))
                .contentType(MediaType.APPLICATION_JSON)
                .content(
                    "{\"code\":\"X_"
                        + System.nanoTime() % 100000
                        + "\",\"label\":\"Rôle "
                        + System.nanoTime()
                        + "\"}"))
        .andExpect(status().isCreated())
        .andExpect(header().doesNotExist("Set-Cookie"));
  }

  @Test
  @DisplayName(
      "health, info, the OpenAPI document and Swagger UI are open; the document lists the API")
  void openEndpoints() throws Exception {
    mvc.perform(get("/actuator/health")).andExpect(status().isOk());
    mvc.perform(get("/actuator/info")).andExpect(status().isOk());
    mvc.perform(get("/v3/api-docs"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.paths['/api/contacts']").exists())
        .andExpect(jsonPath("$.paths['/api/dossiers/{dossierId}/links']").exists())
        .andExpect(jsonPath("$.components.securitySchemes.basic.scheme").value("basic"))
        .andExpect(
            jsonPath("$.paths['/api/contacts'].post.parameters[?(@.name == 'Idempotency-Key')]")
                .exists());
    mvc.perform(get("/swagger-ui/index.html")).andExpect(status().isOk());
  }

  @Test
  @DisplayName(
      "the clients' paths are left to their own chain: the staff chain does not send them to /connexion")
  void clientPathsAreNotTheStaffs() throws Exception {
    mvc.perform(get("/espace/tableau"))
        .andExpect(status().isFound())
        .andExpect(redirectedUrl("http://localhost/espace/connexion"));
    mvc.perform(get("/activation/abc")).andExpect(status().isNotFound());
  }
}
