package io.passerelle.staff;

import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.passerelle.support.Api;
import io.passerelle.support.PasserelleSpringTest;
import io.passerelle.support.TestData;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** The administrator's domain: staff, organisational roles, offers. */
@PasserelleSpringTest
class StaffAndCatalogApiTest {

  @Autowired MockMvc mvc;
  @Autowired ObjectMapper json;

  Api as(String user) {
    return Api.as(mvc, json, user);
  }

  @Test
  @DisplayName(
      "the administrator creates a staff member who can then call the API; a manager may not")
  void createStaff() throws Exception {
    String username = TestData.unique("nina.").toLowerCase();
    Map<String, Object> body =
        Map.of(
            "username", username,
            "email", TestData.email("nina"),
            "firstName", "Nina",
            "lastName", "Petit",
            "role", "STAFF",
            "password", "un mot de passe long");
    as(Api.MANAGER)
        .post("/api/staff", body)
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.code").value("ADMINISTRATOR_ONLY"));
    as(Api.ADMIN)
        .post("/api/staff", body)
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.username").value(username))
        .andExpect(jsonPath("$.passwordHash").doesNotExist());
    as(Api.ADMIN)
        .post("/api/staff", body)
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.code").value("USERNAME_TAKEN"));
  }

  @Test
  @DisplayName(
      "a username Tasklist would refuse as an assignee (a space, an accent, a leading dot) is a 400"
          + " INVALID_USERNAME on its field (the service's rule: Bean Validation lets it through)")
  void usernameTasklistWouldRefuse() throws Exception {
    for (String username : new String[] {"nina petit", "hélène", ".nina"}) {
      as(Api.ADMIN)
          .post(
              "/api/staff",
              Map.of(
                  "username", username,
                  "email", TestData.email("nina"),
                  "firstName", "Nina",
                  "lastName", "Petit",
                  "role", "STAFF",
                  "password", "un mot de passe long"))
          .andExpect(status().isBadRequest())
          .andExpect(jsonPath("$.code").value("INVALID_USERNAME"))
          .andExpect(jsonPath("$.errors[0].field").value("username"));
    }
  }

  @Test
  @DisplayName("the last active administrator cannot be demoted")
  void lastAdministrator() throws Exception {
    long id = as(Api.ADMIN).read(as(Api.ADMIN).get("/api/staff/me")).get("id").asLong();
    as(Api.ADMIN)
        .patch("/api/staff/" + id, Map.of("role", "MANAGER"))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.code").value("LAST_ADMINISTRATOR"));
  }

  @Test
  @DisplayName(
      "the Start offer is provided: free, GED, uploads, mobile dashboard, no production file, its widget")
  void startOffer() throws Exception {
    as(Api.STAFF)
        .get("/api/offers/START")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.name").value("Start"))
        .andExpect(jsonPath("$.free").value(true))
        .andExpect(jsonPath("$.consultGed").value(true))
        .andExpect(jsonPath("$.uploadDocuments").value(true))
        .andExpect(jsonPath("$.mobileDashboard").value(true))
        .andExpect(jsonPath("$.productionFileAccess").value(false))
        .andExpect(jsonPath("$.widget.code").value("START_SUMMARY"))
        .andExpect(jsonPath("$.identity").value("PASSERELLE"));
    as(Api.STAFF).get("/api/offers/NOPE").andExpect(status().isNotFound());
  }

  @Test
  @DisplayName(
      "an offer signing in with Microsoft needs the firm's tenant configured: a field error naming"
          + " the variables, nothing stored")
  void microsoftOfferWithoutTenant() throws Exception {
    String code = TestData.unique("MS_");
    as(Api.ADMIN)
        .post(
            "/api/offers",
            Map.of(
                "code", code,
                "name", "Start Microsoft",
                "description", "Les clients se connectent avec leur compte Microsoft.",
                "widgetCode", "START_SUMMARY",
                "widgetName", "Récapitulatif",
                "identity", "MICROSOFT"))
        .andExpect(jsonPath("$.code").value("MICROSOFT_NOT_CONFIGURED"))
        .andExpect(
            jsonPath("$.detail")
                .value(org.hamcrest.Matchers.containsString("PASSERELLE_MICROSOFT_TENANT_ID")));
    as(Api.STAFF).get("/api/offers/" + code).andExpect(status().isNotFound());
  }

  @Test
  @DisplayName(
      "only the administrator maintains the roles; a duplicate label in another case is a 409")
  void roles() throws Exception {
    String code = TestData.unique("ROLE_");
    String label = TestData.unique("Associé ");
    as(Api.MANAGER)
        .post("/api/organisational-roles", Map.of("code", code, "label", label))
        .andExpect(status().isForbidden());
    as(Api.ADMIN)
        .post("/api/organisational-roles", Map.of("code", code.toLowerCase(), "label", label))
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.code").value(code));
    as(Api.ADMIN)
        .post(
            "/api/organisational-roles", Map.of("code", code + "_2", "label", label.toUpperCase()))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.code").value("ROLE_LABEL_TAKEN"));
  }
}
