package io.passerelle.dossierimport.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import io.passerelle.domain.Actor;
import io.passerelle.dossierimport.DossierImportService;
import io.passerelle.dossierimport.DossierImportService.ImportRejectedException;
import io.passerelle.dossiersetup.DossierSetupProperties.DocumentTreeTemplate;
import io.passerelle.dossiersetup.DossierSetupService;
import io.passerelle.staff.StaffPrincipal;
import io.passerelle.staff.StaffRole;
import io.passerelle.staff.StaffService;
import io.passerelle.support.WebSliceTest;
import io.passerelle.support.WebSlices;
import io.passerelle.web.pages.FormOnce;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * The CSV import pages in the web slice, the import and set-up services mocked: who may open them,
 * the page (columns, trees, size), the template, a file missing or too large refused before the
 * service, CSRF, the dry run whose file waits in the session for "Importer", the import of that
 * file (and of no other), a rejected file's report in French, the import's page. Reading the file
 * and importing it are tested with the whole application ({@code DossierImportPagesTest}).
 */
@WebSliceTest
class DossierImportPagesControllerTest {

  static final StaffPrincipal MANAGER = WebSlices.member(9, "Claire", "Martin", StaffRole.MANAGER);
  static final StaffPrincipal STAFF = WebSlices.member(12, "Paul", "Petit", StaffRole.STAFF);
  static final Actor.Staff CLAIRE = new Actor.Staff(9, "claire.martin", false);
  static final byte[] CSV =
      "raison_sociale\r\nMenuiserie Dupont\r\n".getBytes(StandardCharsets.UTF_8);

  @Autowired MockMvc mvc;
  @Autowired StaffService staff;
  @Autowired DossierImportService imports;
  @Autowired DossierSetupService setup;
  @Autowired FormOnce formOnce;

  @BeforeEach
  void catalogue() {
    when(imports.maxFileSize()).thenReturn(5L * 1024 * 1024);
    when(setup.documentTrees())
        .thenReturn(
            List.of(
                new DocumentTreeTemplate("CABINET", "Arborescence du cabinet", null, List.of()),
                new DocumentTreeTemplate("TPE", "Arborescence simplifiée", null, List.of())));
  }

  @Test
  @DisplayName("signed out: the sign-in page; a staff member who is no manager: the 403 page")
  void whoMay() throws Exception {
    mvc.perform(get("/dossiers/import")).andExpect(WebSlices.signInPage());
    mvc.perform(get("/dossiers/import").with(WebSlices.onPages(staff, STAFF)))
        .andExpect(
            WebSlices.errorPage(
                403,
                "DOSSIER_CREATION_MANAGER_ONLY",
                "Seuls les responsables de dossiers et l'administrateur du cabinet créent ou"
                    + " importent des dossiers."));
    verifyNoInteractions(imports);
  }

  @Test
  @DisplayName(
      "the page: the file's field, the firm's first tree chosen, the columns explained, the size"
          + " allowed, the template's link")
  void page() throws Exception {
    String page =
        mvc.perform(get("/dossiers/import").with(WebSlices.onPages(staff, MANAGER)))
            .andExpect(status().isOk())
            .andExpect(view().name("pages/dossier-import"))
            .andReturn()
            .getResponse()
            .getContentAsString();

    assertThat(page)
        .contains("Importer des dossiers clients (CSV)", "<label for=\"file\">")
        .contains("href=\"/dossiers/import/modele.csv\"")
        .contains("<option value=\"CABINET\" selected=\"selected\">Arborescence du cabinet")
        .contains("raison_sociale", "La raison sociale de l&#39;entreprise (obligatoire).")
        .contains("5 Mo au plus");
  }

  @Test
  @DisplayName("the template to fill, as an attachment Excel opens (UTF-8 with its mark)")
  void template() throws Exception {
    byte[] body =
        mvc.perform(get("/dossiers/import/modele.csv").with(WebSlices.onPages(staff, MANAGER)))
            .andExpect(status().isOk())
            .andExpect(
                header()
                    .string(
                        "Content-Disposition",
                        "attachment; filename=\"modele-import-dossiers.csv\""))
            .andReturn()
            .getResponse()
            .getContentAsByteArray();
    assertThat(body).startsWith(0xEF, 0xBB, 0xBF);
    assertThat(new String(body, StandardCharsets.UTF_8))
        .contains(DossierImportService.templateHeader());
  }

  @Test
  @DisplayName(
      "no file: 400 \"choisissez le fichier\"; too large: 413; without CSRF: 403; nothing read")
  void refusedBeforeTheService() throws Exception {
    mvc.perform(multipart("/dossiers/import").with(csrf()).with(WebSlices.onPages(staff, MANAGER)))
        .andExpect(status().isBadRequest())
        .andExpect(view().name("pages/dossier-import"))
        .andExpect(content().string(containsString("Choisissez le fichier CSV à importer.")));

    when(imports.maxFileSize()).thenReturn(10L);
    mvc.perform(
            multipart("/dossiers/import")
                .file(file())
                .with(csrf())
                .with(WebSlices.onPages(staff, MANAGER)))
        .andExpect(status().isPayloadTooLarge());

    mvc.perform(multipart("/dossiers/import").file(file()).with(WebSlices.onPages(staff, MANAGER)))
        .andExpect(status().isForbidden());
    verify(imports, never()).importFile(any(), any(), any(), anyBoolean(), any());
  }

  @Test
  @DisplayName(
      "a file checked (a dry run) waits in the session; \"Importer\" imports that file, once,"
          + " and shows the import")
  void checkThenImport() throws Exception {
    when(imports.importFile(any(), any(), any(), eq(true), any()))
        .thenReturn(DossierImportControllerTest.report("VALID", null));
    when(imports.importFile(any(), any(), any(), eq(false), any()))
        .thenReturn(DossierImportControllerTest.report("IMPORTED", 5L));
    MockHttpSession session = new MockHttpSession();

    MvcResult checked =
        mvc.perform(
                multipart("/dossiers/import")
                    .file(file())
                    .param("documentTreeCode", " TPE ")
                    .session(session)
                    .with(csrf())
                    .with(WebSlices.onPages(staff, MANAGER)))
            .andExpect(status().isOk())
            .andReturn();
    String page = checked.getResponse().getContentAsString();
    assertThat(page).contains("id=\"confirm-form\"", "Importer les 1 dossier(s)");
    verify(imports).importFile("dossiers.csv", CSV, "TPE", true, CLAIRE);
    String token =
        ((DossierImportPagesController.PendingImport)
                checked.getModelAndView().getModel().get("pending"))
            .token();

    mvc.perform(
            post("/dossiers/import/confirmer")
                .param("token", token)
                .session(session)
                .with(csrf())
                .with(WebSlices.onPages(staff, MANAGER)))
        .andExpect(redirectedUrl("/dossiers/import/5"))
        .andExpect(flash().attribute("success", "Import terminé : les dossiers sont créés."));
    verify(formOnce).run(eq("dossier-import"), eq(token), any());
    verify(imports).importFile("dossiers.csv", CSV, "TPE", false, CLAIRE);
  }

  @Test
  @DisplayName(
      "\"Importer\" for a file that does not wait in the session: a flash, nothing imported")
  void nothingPending() throws Exception {
    mvc.perform(
            post("/dossiers/import/confirmer")
                .param("token", "unknown")
                .with(csrf())
                .with(WebSlices.onPages(staff, MANAGER)))
        .andExpect(redirectedUrl("/dossiers/import"))
        .andExpect(
            flash()
                .attribute(
                    "failure",
                    "Ce fichier n'attend plus d'être importé : envoyez-le à nouveau pour le"
                        + " vérifier."));
    verify(imports, never()).importFile(any(), any(), any(), anyBoolean(), any());
  }

  @Test
  @DisplayName("a file with lines at fault: 422, each problem in French by its column; no import")
  void rejectedLines() throws Exception {
    ImportRejectedException rejected = mock(ImportRejectedException.class);
    when(rejected.report()).thenReturn(DossierImportControllerTest.report("REJECTED", null));
    when(imports.importFile(any(), any(), any(), anyBoolean(), any())).thenThrow(rejected);

    String page =
        mvc.perform(
                multipart("/dossiers/import")
                    .file(file())
                    .with(csrf())
                    .with(WebSlices.onPages(staff, MANAGER)))
            .andExpect(status().isUnprocessableEntity())
            .andReturn()
            .getResponse()
            .getContentAsString();

    assertThat(page)
        .contains("id=\"import-rejected\"", "data-line=\"2\"", "Colonne « siret »")
        .contains("Un SIRET a 14 chiffres")
        .doesNotContain("id=\"confirm-form\"");
  }

  @Test
  @DisplayName("the import's page: what it created, line by line")
  void imported() throws Exception {
    when(imports.get(5)).thenReturn(DossierImportControllerTest.report("IMPORTED", 5L));

    String page =
        mvc.perform(get("/dossiers/import/5").with(WebSlices.onPages(staff, MANAGER)))
            .andExpect(status().isOk())
            .andExpect(view().name("pages/dossier-import-resultat"))
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(page).contains("Import n° 5", "id=\"imported-count\">1<", "data-line=\"2\"");
  }

  private static MockMultipartFile file() {
    return new MockMultipartFile("file", "dossiers.csv", "text/csv", CSV);
  }
}
