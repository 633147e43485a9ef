package io.passerelle.dossier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.passerelle.support.Api;
import io.passerelle.support.PasserelleSpringTest;
import io.passerelle.support.TestData;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

/**
 * {@code /api/dossiers} in the whole application: SIRET, fiscal years, offers on the tile, widgets,
 * staff, rights. What the controller decides alone (validation, problem+json, the security chain)
 * is tested in its web slice, {@code dossier.web.DossierControllerTest}.
 */
@PasserelleSpringTest
class DossierApiTest {

  @Autowired MockMvc mvc;
  @Autowired ObjectMapper json;
  @Autowired JdbcTemplate jdbc;

  Api as(String user) {
    return Api.as(mvc, json, user);
  }

  Map<String, Object> dossier(String siret) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("companyName", TestData.unique("Menuiserie "));
    body.put("siret", siret);
    body.put("legalForm", "SARL");
    body.put("address", Map.of("line1", "1 rue Haute", "postalCode", "69001", "city", "Lyon"));
    body.put("nafCode", "1623Z");
    body.put("fiscalYearStart", "2026-07-01");
    return body;
  }

  @Test
  @DisplayName(
      "a manager creates a dossier: SIRET normalised, NAF code formatted, fiscal year ends 30 June, manager assigned")
  void createsADossier() throws Exception {
    String siret = TestData.siret();
    String spaced = siret.substring(0, 3) + " " + siret.substring(3, 6) + " " + siret.substring(6);
    var result =
        as(Api.MANAGER)
            .post("/api/dossiers", dossier(spaced))
            .andExpect(status().isCreated())
            .andExpect(header().string("Location", containsString("/api/dossiers/")))
            .andExpect(jsonPath("$.siret").value(siret))
            .andExpect(jsonPath("$.nafCode").value("16.23Z"))
            .andExpect(jsonPath("$.address.country").value("FR"))
            .andExpect(jsonPath("$.manager.username").value(Api.MANAGER))
            .andExpect(jsonPath("$.assignedStaff[*].username").value(hasItem(Api.MANAGER)))
            .andExpect(jsonPath("$.fiscalYears[0].start").value("2026-07-01"))
            .andExpect(jsonPath("$.fiscalYears[0].end").value("2027-06-30"));
    long id = as(Api.MANAGER).read(result).get("id").asLong();
    assertThat(jdbc.queryForObject("select siret from dossier where id = ?", String.class, id))
        .isEqualTo(siret);
  }

  @Test
  @DisplayName(
      "a SIRET already used by another dossier is a 409 SIRET_ALREADY_USED with that dossier's"
          + " link")
  void refusesADuplicateSiret() throws Exception {
    String siret = TestData.siret();
    long first =
        as(Api.MANAGER)
            .read(
                as(Api.MANAGER)
                    .post("/api/dossiers", dossier(siret))
                    .andExpect(status().isCreated()))
            .get("id")
            .asLong();
    as(Api.OTHER_MANAGER)
        .post("/api/dossiers", dossier(siret))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.code").value("SIRET_ALREADY_USED"))
        .andExpect(jsonPath("$.errors[0].field").value("siret"))
        .andExpect(jsonPath("$.existingDossier.id").value(first))
        .andExpect(jsonPath("$.existingDossier.href").value("/api/dossiers/" + first));
    assertThat(
            jdbc.queryForObject("select count(*) from dossier where siret = ?", Long.class, siret))
        .isOne();
  }

  @Test
  @DisplayName("dossiers without SIRET are allowed, several of them")
  void noSiret() throws Exception {
    as(Api.MANAGER).post("/api/dossiers", dossier(null)).andExpect(status().isCreated());
    as(Api.MANAGER).post("/api/dossiers", dossier("")).andExpect(status().isCreated());
  }

  @Test
  @DisplayName("markup in a company name is stored as typed and never comes back as markup")
  void markupIsTextEscapedOnOutput() throws Exception {
    var body = dossier(TestData.siret());
    String name = "<script>alert('x')</script> & Fils " + TestData.unique("");
    body.put("companyName", name);
    var result = as(Api.MANAGER).post("/api/dossiers", body).andExpect(status().isCreated());
    String raw = result.andReturn().getResponse().getContentAsString();
    assertThat(raw).doesNotContain("<script>").contains("\\u003Cscript\\u003E");
    long id = as(Api.MANAGER).read(result).get("id").asLong();
    assertThat(as(Api.MANAGER).read(result).get("companyName").asText()).isEqualTo(name);
    assertThat(
            jdbc.queryForObject("select company_name from dossier where id = ?", String.class, id))
        .isEqualTo(name);
  }

  @Test
  @DisplayName("plain staff cannot create dossiers: 403 saying who can")
  void staffCannotCreate() throws Exception {
    as(Api.STAFF)
        .post("/api/dossiers", dossier(TestData.siret()))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.code").value("MANAGER_OR_ADMINISTRATOR_ONLY"))
        .andExpect(jsonPath("$.detail").value(containsString("manager")));
  }

  @Test
  @DisplayName(
      "only the dossier's manager or the administrator changes it; the 403 names the manager")
  void onlyTheManagerChangesIt() throws Exception {
    long id = create(Api.MANAGER);
    as(Api.OTHER_MANAGER)
        .patch("/api/dossiers/" + id, Map.of("legalForm", "SAS"))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.code").value("DOSSIER_MANAGER_ONLY"))
        .andExpect(jsonPath("$.detail").value(containsString("Claire Martin")));
    as(Api.ADMIN)
        .patch("/api/dossiers/" + id, Map.of("legalForm", "SAS"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.legalForm").value("SAS"));
  }

  @Test
  @DisplayName("activating an offer twice: 201, then 200 and still one row on the tile")
  void activatingTwiceChangesNothing() throws Exception {
    long id = create(Api.MANAGER);
    as(Api.MANAGER)
        .post("/api/dossiers/" + id + "/offers", Map.of("offerCode", "start"))
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.offerCode").value("START"))
        .andExpect(jsonPath("$.widgetCode").value("START_SUMMARY"))
        .andExpect(jsonPath("$.widgetState").value("NOT_INITIALISED"));
    as(Api.STAFF)
        .post("/api/dossiers/" + id + "/offers", Map.of("offerCode", "START"))
        .andExpect(status().isOk());
    assertThat(
            jdbc.queryForObject(
                "select count(*) from dossier_offer where dossier_id = ?", Long.class, id))
        .isOne();
    assertThat(
            jdbc.queryForObject(
                "select count(*) from activity where dossier_id = ? and type = 'OFFER_ACTIVATED'",
                Long.class,
                id))
        .isOne();
  }

  @Test
  @DisplayName("an unknown offer is a 422 OFFER_UNKNOWN on the offerCode field")
  void unknownOffer() throws Exception {
    long id = create(Api.MANAGER);
    as(Api.MANAGER)
        .post("/api/dossiers/" + id + "/offers", Map.of("offerCode", "PLATINUM"))
        .andExpect(status().isUnprocessableEntity())
        .andExpect(jsonPath("$.code").value("OFFER_UNKNOWN"))
        .andExpect(jsonPath("$.errors[0].field").value("offerCode"));
  }

  @Test
  @DisplayName("an unknown dossier is a 404 DOSSIER_UNKNOWN")
  void unknownDossier() throws Exception {
    as(Api.MANAGER)
        .post("/api/dossiers/999999999/offers", Map.of("offerCode", "START"))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.code").value("DOSSIER_UNKNOWN"));
  }

  @Test
  @DisplayName("the widget is enabled once the offer is active; before, 409 OFFER_NOT_ACTIVE")
  void widget() throws Exception {
    long id = create(Api.MANAGER);
    as(Api.MANAGER)
        .put("/api/dossiers/" + id + "/offers/START/widget", Map.of("enabled", true))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.code").value("OFFER_NOT_ACTIVE"));
    as(Api.MANAGER)
        .post("/api/dossiers/" + id + "/offers", Map.of("offerCode", "START"))
        .andExpect(status().isCreated());
    as(Api.MANAGER)
        .put("/api/dossiers/" + id + "/offers/START/widget", Map.of("enabled", true))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.widgetState").value("ENABLED"));
    as(Api.MANAGER)
        .get("/api/dossiers/" + id)
        .andExpect(jsonPath("$.offers[0].widgetState").value("ENABLED"));
  }

  @Test
  @DisplayName("a dossier holds several fiscal years; an overlapping one is a 409")
  void fiscalYears() throws Exception {
    long id = create(Api.MANAGER);
    as(Api.STAFF)
        .post("/api/dossiers/" + id + "/fiscal-years", Map.of("start", "2027-07-01"))
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.end").value("2028-06-30"));
    as(Api.MANAGER)
        .post(
            "/api/dossiers/" + id + "/fiscal-years",
            Map.of("start", "2027-01-01", "end", "2027-12-31"))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.code").value("FISCAL_YEAR_OVERLAP"));
    as(Api.MANAGER)
        .post(
            "/api/dossiers/" + id + "/fiscal-years",
            Map.of("start", "2029-01-01", "end", "2028-12-31"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].code").value("INVALID_FISCAL_YEAR"));
    as(Api.MANAGER)
        .get("/api/dossiers/" + id + "/fiscal-years")
        .andExpect(jsonPath("$.length()").value(2));
  }

  @Test
  @DisplayName("staff are assigned and unassigned by the manager; the manager stays assigned")
  void staff() throws Exception {
    long id = create(Api.MANAGER);
    var me = as(Api.ADMIN).read(as(Api.STAFF).get("/api/staff/me"));
    long staffId = me.get("id").asLong();
    as(Api.STAFF)
        .post("/api/dossiers/" + id + "/staff", Map.of("staffId", staffId))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.code").value("DOSSIER_MANAGER_ONLY"));
    as(Api.MANAGER).delete("/api/dossiers/" + id + "/staff/" + staffId).andExpect(status().isOk());
    as(Api.MANAGER)
        .post("/api/dossiers/" + id + "/staff", Map.of("staffId", staffId))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$[*].username").value(hasItem(Api.STAFF)));
    as(Api.MANAGER)
        .delete("/api/dossiers/" + id + "/staff/" + staffId)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$[*].username").value(not(hasItem(Api.STAFF))));
    long managerId = as(Api.MANAGER).read(as(Api.MANAGER).get("/api/staff/me")).get("id").asLong();
    as(Api.MANAGER)
        .delete("/api/dossiers/" + id + "/staff/" + managerId)
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.code").value("MANAGER_STAYS_ASSIGNED"));
  }

  @Test
  @DisplayName("the list pages, sorts by company name and filters by manager and offer")
  void list() throws Exception {
    long id = create(Api.OTHER_MANAGER);
    long managerId =
        as(Api.OTHER_MANAGER).read(as(Api.OTHER_MANAGER).get("/api/staff/me")).get("id").asLong();
    as(Api.STAFF)
        .get("/api/dossiers?managerId=" + managerId + "&size=100&sort=companyName,asc")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.content[*].id").value(hasItem((int) id)))
        .andExpect(jsonPath("$.page.size").value(100));
    as(Api.STAFF)
        .get("/api/dossiers?offerCode=START&size=100")
        .andExpect(jsonPath("$.content[*].id").value(not(hasItem((int) id))));
    as(Api.STAFF)
        .get("/api/dossiers?sort=manager")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.code").value("INVALID_SORT"));
  }

  /** A dossier of {@code manager}, with the plain staff member assigned. */
  private long create(String manager) throws Exception {
    long staffId = as(Api.STAFF).read(as(Api.STAFF).get("/api/staff/me")).get("id").asLong();
    var body = dossier(TestData.siret());
    body.put("assignedStaffIds", java.util.List.of(staffId));
    return as(manager)
        .read(as(manager).post("/api/dossiers", body).andExpect(status().isCreated()))
        .get("id")
        .asLong();
  }
}
