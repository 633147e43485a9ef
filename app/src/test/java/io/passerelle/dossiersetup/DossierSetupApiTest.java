package io.passerelle.dossiersetup;

import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.passerelle.contact.ContactService;
import io.passerelle.contact.DossierLinkService;
import io.passerelle.dossier.DossierService;
import io.passerelle.dossier.DossierView;
import io.passerelle.staff.StaffService;
import io.passerelle.support.Api;
import io.passerelle.support.Fixtures;
import io.passerelle.support.PasserelleSpringTest;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** A dossier's set-up after its creation: the tree and the partner applications (seed 004). */
@PasserelleSpringTest
class DossierSetupApiTest {

  @Autowired MockMvc mvc;
  @Autowired ObjectMapper json;
  @Autowired StaffService staff;
  @Autowired DossierService dossiers;
  @Autowired ContactService contacts;
  @Autowired DossierLinkService links;

  DossierView dossier;

  @BeforeEach
  void dossier() {
    dossier = new Fixtures(staff, dossiers, contacts, links).dossier(Api.MANAGER);
  }

  @Test
  @DisplayName(
      "allowing a partner application is external access: the manager yes, assigned staff no")
  void partnerApplicationByTheManagerOnly() throws Exception {
    String path = "/api/dossiers/" + dossier.id() + "/partner-applications/SYNCHRO_BANCAIRE";
    Map<String, Object> allow =
        Map.of("accessAllowed", true, "settings", Map.of("bankConnectionId", "conn-1234"));

    Api.as(mvc, json, Api.STAFF)
        .put(path, allow)
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.code").value("EXTERNAL_ACCESS_MANAGER_ONLY"));
    Api claire = Api.as(mvc, json, Api.MANAGER);
    claire
        .put(path, Map.of("accessAllowed", true))
        .andExpect(status().isUnprocessableEntity())
        .andExpect(
            jsonPath("$.errors[0].field").value("partnerApplication[0].settings.bankConnectionId"));
    claire
        .put(path, allow)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.accessAllowed").value(true))
        .andExpect(jsonPath("$.settings.bankConnectionId").value("conn-1234"));
    claire.put(path, allow).andExpect(status().isOk());

    claire
        .get("/api/dossiers/" + dossier.id() + "/setup")
        .andExpect(
            jsonPath("$.partnerApplications[?(@.code == 'SYNCHRO_BANCAIRE')].accessAllowed")
                .value(true))
        .andExpect(
            jsonPath("$.partnerApplications[?(@.code == 'PAIE')].accessAllowed").value(false));
    claire
        .put(
            "/api/dossiers/" + dossier.id() + "/partner-applications/SYNCHRO_BANCAIRE",
            Map.of("accessAllowed", false))
        .andExpect(jsonPath("$.accessAllowed").value(false));
  }

  @Test
  @DisplayName("the document tree: chosen by the manager, refused to others, unknown code named")
  void documentTree() throws Exception {
    String path = "/api/dossiers/" + dossier.id() + "/document-tree";
    Api.as(mvc, json, Api.OTHER_MANAGER)
        .put(path, Map.of("code", "TPE"))
        .andExpect(status().isForbidden());
    Api claire = Api.as(mvc, json, Api.MANAGER);
    claire
        .put(path, Map.of("code", "GIGANTESQUE"))
        .andExpect(status().isUnprocessableEntity())
        .andExpect(jsonPath("$.code").value("DOCUMENT_TREE_UNKNOWN"));
    claire
        .put(path, Map.of("code", "TPE"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.code").value("TPE"))
        .andExpect(jsonPath("$.folders[0]").value("Pièces comptables"));
    claire
        .get("/api/dossiers/" + dossier.id() + "/setup")
        .andExpect(jsonPath("$.documentTree.code").value("TPE"));
  }
}
