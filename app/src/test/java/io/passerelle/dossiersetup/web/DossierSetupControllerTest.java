package io.passerelle.dossiersetup.web;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.passerelle.domain.Actor;
import io.passerelle.domain.DomainException;
import io.passerelle.dossier.DossierErrors;
import io.passerelle.dossiersetup.DocumentTreeView;
import io.passerelle.dossiersetup.DossierSetupErrors;
import io.passerelle.dossiersetup.DossierSetupProperties.DocumentTreeTemplate;
import io.passerelle.dossiersetup.DossierSetupProperties.Kind;
import io.passerelle.dossiersetup.DossierSetupService;
import io.passerelle.dossiersetup.PartnerApplicationChoice;
import io.passerelle.dossiersetup.PartnerApplicationView;
import io.passerelle.staff.StaffPrincipal;
import io.passerelle.staff.StaffRole;
import io.passerelle.support.WebSliceTest;
import io.passerelle.support.WebSlices;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The firm's catalogues and a dossier's set-up ({@code /api/document-tree-templates}, {@code
 * /api/partner-applications}, {@code /api/dossiers/{id}/setup}, its document tree and partner
 * applications) in the web slice, the set-up service mocked: the security chain, Bean Validation of
 * the bodies, the path's binding, what reaches the service by whom, its refusals as problem+json.
 * Who may change a dossier's set-up and the catalogue's rules are tested with the whole application
 * ({@code DossierSetupApiTest}).
 */
@WebSliceTest
class DossierSetupControllerTest {

  static final StaffPrincipal MANAGER = WebSlices.member(9, "Claire", "Martin", StaffRole.MANAGER);
  static final Actor.Staff CLAIRE = new Actor.Staff(9, "claire.martin", false);

  @Autowired MockMvc mvc;
  @Autowired DossierSetupService setup;

  @Test
  @DisplayName("without credentials: 401 problem+json; the service not asked")
  void signInRequired() throws Exception {
    mvc.perform(
            put("/api/dossiers/41/document-tree")
                .contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.APPLICATION_JSON)
                .content("{\"code\":\"TPE\"}"))
        .andExpect(WebSlices.signInRequired());
    verifyNoInteractions(setup);
  }

  @Test
  @DisplayName("the firm's document trees as JSON")
  void documentTrees() throws Exception {
    when(setup.documentTrees())
        .thenReturn(
            List.of(
                new DocumentTreeTemplate(
                    "TPE", "Arborescence simplifiée", "Pour les TPE", List.of("Banque", "Paie"))));

    mvc.perform(get("/api/document-tree-templates").with(user(MANAGER)))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$[0].code").value("TPE"))
        .andExpect(jsonPath("$[0].name").value("Arborescence simplifiée"))
        .andExpect(jsonPath("$[0].folders[1]").value("Paie"));
  }

  @Test
  @DisplayName("a tree without its code, or a code over 40 characters: 400 field errors")
  void documentTreeInvalid() throws Exception {
    mvc.perform(
            WebSlices.asJson(put("/api/dossiers/41/document-tree"), MANAGER, "{\"code\":\" \"}"))
        .andExpect(WebSlices.validationFailed())
        .andExpect(WebSlices.fieldError("code", "REQUIRED"));
    mvc.perform(
            WebSlices.asJson(
                put("/api/dossiers/41/document-tree"),
                MANAGER,
                "{\"code\":\"" + "T".repeat(41) + "\"}"))
        .andExpect(WebSlices.validationFailed())
        .andExpect(WebSlices.fieldError("code", "TOO_LONG"));
    verifyNoInteractions(setup);
  }

  @Test
  @DisplayName("a dossier id that is no number: 400 problem+json, the service not asked")
  void dossierIdNotANumber() throws Exception {
    mvc.perform(
            WebSlices.asJson(put("/api/dossiers/abc/document-tree"), MANAGER, "{\"code\":\"TPE\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    verifyNoInteractions(setup);
  }

  @Test
  @DisplayName("the tree chosen for that dossier by the member signed in; the tree as JSON")
  void documentTreeChosen() throws Exception {
    when(setup.chooseDocumentTree(anyLong(), any(), any()))
        .thenReturn(
            new DocumentTreeView(
                "TPE",
                "Arborescence simplifiée",
                List.of("Banque"),
                Instant.parse("2026-11-30T10:00:00Z")));

    mvc.perform(
            WebSlices.asJson(put("/api/dossiers/41/document-tree"), MANAGER, "{\"code\":\"TPE\"}"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.code").value("TPE"))
        .andExpect(jsonPath("$.folders[0]").value("Banque"));
    verify(setup).chooseDocumentTree(41, "TPE", CLAIRE);
  }

  @Test
  @DisplayName(
      "an unknown tree: 400 DOCUMENT_TREE_UNKNOWN; someone not the dossier's manager: 403"
          + " problem+json")
  void documentTreeRefused() throws Exception {
    when(setup.chooseDocumentTree(41, "XYZ", CLAIRE))
        .thenThrow(
            DomainException.invalid(DossierSetupErrors.DOCUMENT_TREE_UNKNOWN, "code", "Unknown."));
    when(setup.chooseDocumentTree(42, "TPE", CLAIRE))
        .thenThrow(DomainException.forbidden(DossierErrors.DOSSIER_MANAGER_ONLY, "Not yours."));

    mvc.perform(
            WebSlices.asJson(put("/api/dossiers/41/document-tree"), MANAGER, "{\"code\":\"XYZ\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.code").value("DOCUMENT_TREE_UNKNOWN"));
    mvc.perform(
            WebSlices.asJson(put("/api/dossiers/42/document-tree"), MANAGER, "{\"code\":\"TPE\"}"))
        .andExpect(status().isForbidden())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.code").value("DOSSIER_MANAGER_ONLY"));
  }

  @Test
  @DisplayName("more than 20 settings for a partner application: 400 TOO_LONG on settings")
  void tooManySettings() throws Exception {
    String settings =
        IntStream.range(0, 21)
            .mapToObj(i -> "\"key" + i + "\":\"v\"")
            .collect(Collectors.joining(",", "{", "}"));
    mvc.perform(
            WebSlices.asJson(
                put("/api/dossiers/41/partner-applications/PAIE"),
                MANAGER,
                "{\"accessAllowed\":true,\"settings\":" + settings + "}"))
        .andExpect(WebSlices.validationFailed())
        .andExpect(WebSlices.fieldError("settings", "TOO_LONG"));
    verifyNoInteractions(setup);
  }

  @Test
  @DisplayName("a partner application's choice goes to the service with its code from the path")
  void partnerApplicationSet() throws Exception {
    when(setup.setPartnerApplication(anyLong(), any(), any()))
        .thenReturn(
            new PartnerApplicationView(
                "PAIE",
                "Logiciel de paie",
                Kind.AUTOMATION,
                null,
                true,
                false,
                Map.of("payrollCompanyCode", "BOUL01"),
                Instant.parse("2026-11-30T10:00:00Z")));

    mvc.perform(
            WebSlices.asJson(
                put("/api/dossiers/41/partner-applications/PAIE"),
                MANAGER,
                "{\"accessAllowed\":true,\"settings\":{\"payrollCompanyCode\":\"BOUL01\"}}"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.code").value("PAIE"))
        .andExpect(jsonPath("$.accessAllowed").value(true))
        .andExpect(jsonPath("$.settings.payrollCompanyCode").value("BOUL01"));
    verify(setup)
        .setPartnerApplication(
            eq(41L),
            eq(
                new PartnerApplicationChoice(
                    "PAIE", true, false, Map.of("payrollCompanyCode", "BOUL01"))),
            eq(CLAIRE));
  }
}
