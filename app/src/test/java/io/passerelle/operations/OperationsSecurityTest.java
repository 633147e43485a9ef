package io.passerelle.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.passerelle.account.AccountService;
import io.passerelle.account.InvitationService;
import io.passerelle.collaboration.CollaborationService;
import io.passerelle.contact.ContactService;
import io.passerelle.contact.DossierLinkService;
import io.passerelle.dossier.DossierService;
import io.passerelle.portal.ClientFixtures;
import io.passerelle.staff.StaffService;
import io.passerelle.support.Api;
import io.passerelle.support.PasserelleSpringTest;
import io.passerelle.support.StaffSignIn;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Who reaches the operator page and {@code /api/operations}: the administrator; other staff get the
 * 403 page or a 403 problem; anonymous people the sign-in (page) or a 401 (API); a client's session
 * is not a staff session; a form without its CSRF token is refused.
 */
@PasserelleSpringTest
class OperationsSecurityTest {

  @Autowired MockMvc mvc;
  @Autowired ObjectMapper json;
  @Autowired StaffService staff;
  @Autowired DossierService dossiers;
  @Autowired ContactService contacts;
  @Autowired DossierLinkService links;
  @Autowired InvitationService invitations;
  @Autowired AccountService accounts;
  @Autowired CollaborationService collaboration;

  @Test
  @DisplayName(
      "the administrator sees the page, with the link in the navigation; bad input is said")
  void administrator() throws Exception {
    MockHttpSession admin = StaffSignIn.session(mvc, Api.ADMIN);
    String page =
        mvc.perform(get("/operations").session(admin))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString(StandardCharsets.UTF_8);
    assertThat(page)
        .contains("<h1>Exploitation</h1>")
        .contains("href=\"/operations\"")
        .contains("Processus perdus par le moteur")
        .contains("Incidents");
    Api api = Api.as(mvc, json, Api.ADMIN);
    api.get("/api/operations/reconciliation").andExpect(status().isOk());
    api.get("/api/operations/incidents").andExpect(status().isOk());
    api.post("/api/operations/incidents/retry", Map.of("incidentKeys", List.of()))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.code").value("NO_INCIDENT_SELECTED"));
    api.post("/api/operations/incidents/kinds/pas-un-type/retry", Map.of())
        .andExpect(status().isBadRequest());
    api.post(
            "/api/operations/reconciliation/onboardings/999999999/restart?processInstanceKey=1",
            Map.of())
        .andExpect(status().isNotFound())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    // a form without its CSRF token changes nothing
    mvc.perform(post("/operations/reconciliation").session(admin))
        .andExpect(status().isForbidden());
    mvc.perform(post("/operations/incidents/relancer").session(admin).with(csrf()))
        .andExpect(status().isFound())
        .andExpect(
            r ->
                assertThat(r.getFlashMap().get("failure"))
                    .isEqualTo("Cochez au moins un incident à relancer."));
  }

  @Test
  @DisplayName("a manager and a STAFF member: 403 page, 403 problem, no link in the navigation")
  void otherStaff() throws Exception {
    for (String who : List.of(Api.MANAGER, Api.STAFF)) {
      MockHttpSession session = StaffSignIn.session(mvc, who);
      mvc.perform(get("/operations").session(session)).andExpect(status().isForbidden());
      mvc.perform(post("/operations/reconciliation").session(session).with(csrf()))
          .andExpect(status().isForbidden());
      mvc.perform(
              post("/operations/integrations/1/clore")
                  .session(session)
                  .with(csrf())
                  .param("processInstanceKey", "1"))
          .andExpect(status().isForbidden());
      String portfolio =
          mvc.perform(get("/portefeuille").session(session))
              .andReturn()
              .getResponse()
              .getContentAsString(StandardCharsets.UTF_8);
      assertThat(portfolio).doesNotContain("href=\"/operations\"");
      Api api = Api.as(mvc, json, who);
      api.get("/api/operations/reconciliation")
          .andExpect(status().isForbidden())
          .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
          .andExpect(jsonPath("$.code").value("ADMINISTRATOR_ONLY"));
      api.get("/api/operations/incidents").andExpect(status().isForbidden());
      api.post("/api/operations/reconciliation", Map.of()).andExpect(status().isForbidden());
      api.post("/api/operations/incidents/retry", Map.of("incidentKeys", List.of(1)))
          .andExpect(status().isForbidden());
      api.post("/api/operations/reconciliation/onboardings/1/close?processInstanceKey=1", Map.of())
          .andExpect(status().isForbidden());
    }
  }

  @Test
  @DisplayName(
      "anonymous: the sign-in for the page, 401 problem for the API; a client's session too")
  void anonymousAndClients() throws Exception {
    mvc.perform(get("/operations"))
        .andExpect(status().isFound())
        .andExpect(redirectedUrl("http://localhost/connexion"));
    mvc.perform(get("/api/operations/incidents"))
        .andExpect(status().isUnauthorized())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));

    var clients =
        new ClientFixtures(staff, dossiers, contacts, links, invitations, accounts, collaboration);
    var client = clients.activeHolder();
    MockHttpSession session =
        ClientFixtures.signIn(mvc, client.account().email(), ClientFixtures.PASSWORD);
    mvc.perform(get("/espace").session(session)).andExpect(status().isOk());
    mvc.perform(get("/operations").session(session))
        .andExpect(status().isFound())
        .andExpect(redirectedUrl("http://localhost/connexion"));
    mvc.perform(get("/api/operations/reconciliation").session(session))
        .andExpect(status().isUnauthorized());
    mvc.perform(post("/operations/reconciliation").session(session).with(csrf()))
        .andExpect(status().isFound())
        .andExpect(redirectedUrl("http://localhost/connexion"));
  }
}
