package io.passerelle.dossierimport.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.passerelle.domain.Actor;
import io.passerelle.domain.DomainException.FieldError;
import io.passerelle.dossierimport.DossierImportService;
import io.passerelle.dossierimport.DossierImportService.ImportRejectedException;
import io.passerelle.dossierimport.ImportReport;
import io.passerelle.staff.StaffPrincipal;
import io.passerelle.staff.StaffRole;
import io.passerelle.support.WebSliceTest;
import io.passerelle.support.WebSlices;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

/**
 * {@code /api/dossier-imports} in the web slice, the import service mocked: the security chain, the
 * multipart file's part and size checked before the service, the dry run (200) and the import (201
 * and its Location), a rejected file as 422 with its report, the template. Reading the CSV, its
 * checks line by line and the import's transaction are tested with the whole application ({@code
 * DossierImportApiTest}, {@code DossierImportPagesTest}).
 */
@WebSliceTest
class DossierImportControllerTest {

  static final StaffPrincipal MANAGER = WebSlices.member(9, "Claire", "Martin", StaffRole.MANAGER);
  static final Actor.Staff CLAIRE = new Actor.Staff(9, "claire.martin", false);
  static final byte[] CSV =
      "raison_sociale\r\nMenuiserie Dupont\r\n".getBytes(StandardCharsets.UTF_8);

  @Autowired MockMvc mvc;
  @Autowired DossierImportService imports;

  @BeforeEach
  void maxFileSize() {
    when(imports.maxFileSize()).thenReturn(1024L * 1024L);
  }

  @Test
  @DisplayName("without credentials: 401 problem+json; the service not asked")
  void signInRequired() throws Exception {
    mvc.perform(
            multipart("/api/dossier-imports").file(file(CSV)).accept(MediaType.APPLICATION_JSON))
        .andExpect(WebSlices.signInRequired());
    verifyNoInteractions(imports);
  }

  @Test
  @DisplayName("a dry run: the file checked by the member signed in, 200 with the report")
  void dryRun() throws Exception {
    when(imports.importFile(any(), any(), any(), anyBoolean(), any()))
        .thenReturn(report("VALID", null));

    mvc.perform(
            multipart("/api/dossier-imports")
                .file(file(CSV))
                .param("dryRun", "true")
                .param("documentTreeCode", "TPE")
                .with(user(MANAGER))
                .accept(MediaType.APPLICATION_JSON))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("VALID"))
        .andExpect(jsonPath("$.lines[0].companyName").value("Menuiserie Dupont"));
    verify(imports).importFile(eq("dossiers.csv"), eq(CSV), eq("TPE"), eq(true), eq(CLAIRE));
  }

  @Test
  @DisplayName("an import: 201 with the import's Location; not a dry run unless asked")
  void imported() throws Exception {
    when(imports.importFile(any(), any(), any(), anyBoolean(), any()))
        .thenReturn(report("IMPORTED", 5L));

    mvc.perform(
            multipart("/api/dossier-imports")
                .file(file(CSV))
                .with(user(MANAGER))
                .accept(MediaType.APPLICATION_JSON))
        .andExpect(status().isCreated())
        .andExpect(header().string("Location", "/api/dossier-imports/5"))
        .andExpect(jsonPath("$.importId").value(5));
    verify(imports).importFile(eq("dossiers.csv"), eq(CSV), eq(null), eq(false), eq(CLAIRE));
  }

  @Test
  @DisplayName(
      "a file over the size allowed: 413 FILE_TOO_LARGE; no file part: 400; neither read by the"
          + " service")
  void refusedBeforeTheService() throws Exception {
    when(imports.maxFileSize()).thenReturn(10L);
    mvc.perform(
            multipart("/api/dossier-imports")
                .file(file(CSV))
                .with(user(MANAGER))
                .accept(MediaType.APPLICATION_JSON))
        .andExpect(status().isPayloadTooLarge())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.code").value("FILE_TOO_LARGE"));

    mvc.perform(
            multipart("/api/dossier-imports")
                .param("dryRun", "true")
                .with(user(MANAGER))
                .accept(MediaType.APPLICATION_JSON))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    verify(imports, never()).importFile(any(), any(), any(), anyBoolean(), any());
  }

  @Test
  @DisplayName("a file with lines at fault: 422 IMPORT_REJECTED with the report line by line")
  void rejected() throws Exception {
    ImportRejectedException rejected = mock(ImportRejectedException.class);
    when(rejected.getMessage()).thenReturn("1 of 1 lines cannot be imported.");
    when(rejected.report()).thenReturn(report("REJECTED", null));
    when(imports.importFile(any(), any(), any(), anyBoolean(), any())).thenThrow(rejected);

    mvc.perform(
            multipart("/api/dossier-imports")
                .file(file(CSV))
                .with(user(MANAGER))
                .accept(MediaType.APPLICATION_JSON))
        .andExpect(status().isUnprocessableEntity())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.code").value("IMPORT_REJECTED"))
        .andExpect(jsonPath("$.report.status").value("REJECTED"))
        .andExpect(jsonPath("$.report.lines[0].errors[0].field").value("siret"));
  }

  @Test
  @DisplayName("the template: the columns as CSV, UTF-8 with its mark, as an attachment")
  void template() throws Exception {
    byte[] body =
        mvc.perform(get("/api/dossier-imports/template").with(user(MANAGER)))
            .andExpect(status().isOk())
            .andExpect(content().contentTypeCompatibleWith("text/csv"))
            .andExpect(
                header().string("Content-Disposition", "attachment; filename=\"dossiers.csv\""))
            .andReturn()
            .getResponse()
            .getContentAsByteArray();

    assertThat(body).startsWith(0xEF, 0xBB, 0xBF);
    assertThat(new String(body, 3, body.length - 3, StandardCharsets.UTF_8))
        .isEqualTo(DossierImportService.templateHeader() + "\r\n");
  }

  private static MockMultipartFile file(byte[] content) {
    return new MockMultipartFile("file", "dossiers.csv", "text/csv", content);
  }

  static ImportReport report(String status, Long importId) {
    boolean rejected = "REJECTED".equals(status);
    return new ImportReport(
        status,
        importId,
        "dossiers.csv",
        "UTF-8",
        ";",
        1,
        "IMPORTED".equals(status) ? 1 : 0,
        rejected ? 1 : 0,
        List.of(
            new ImportReport.Line(
                2,
                "73282932000075",
                "Menuiserie Dupont",
                rejected ? "REJECTED" : "VALID",
                "IMPORTED".equals(status) ? 77L : null,
                null,
                rejected
                    ? List.of(new FieldError("siret", "INVALID_SIRET", "The check digit is wrong."))
                    : List.of())),
        "IMPORTED".equals(status) ? Instant.parse("2026-11-30T10:00:00Z") : null);
  }
}
