package io.passerelle.dossierimport.web;

import io.passerelle.dossierimport.DossierImportService;
import io.passerelle.dossierimport.ImportReport;
import io.passerelle.staff.StaffPrincipal;
import io.passerelle.web.ApiException;
import io.passerelle.web.Problems;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * {@code /api/dossier-imports}: a CSV file of dossiers (multipart, part {@code file}) checked line
 * by line and imported whole, or not at all (422 {@code IMPORT_REJECTED} with the report per line).
 * {@code dryRun=true} checks without importing. Accepts {@code Idempotency-Key}; the same file
 * twice is refused anyway ({@code ALREADY_IMPORTED}).
 */
@RestController
class DossierImportController {

  private final DossierImportService imports;

  DossierImportController(DossierImportService imports) {
    this.imports = imports;
  }

  @PostMapping(path = "/api/dossier-imports", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  ResponseEntity<ImportReport> importFile(
      @RequestPart("file") MultipartFile file,
      @RequestParam(defaultValue = "false") boolean dryRun,
      @RequestParam(required = false) String documentTreeCode,
      @AuthenticationPrincipal StaffPrincipal me)
      throws IOException {
    if (file.getSize() > imports.maxFileSize()) {
      throw new ApiException(
          HttpStatus.PAYLOAD_TOO_LARGE,
          "FILE_TOO_LARGE",
          "The file is larger than "
              + imports.maxFileSize() / (1024 * 1024)
              + " MB: split it into several files.");
    }
    ImportReport report =
        imports.importFile(
            file.getOriginalFilename(), file.getBytes(), documentTreeCode, dryRun, me.actor());
    if (dryRun) {
      return ResponseEntity.ok(report);
    }
    return ResponseEntity.created(URI.create("/api/dossier-imports/" + report.importId()))
        .body(report);
  }

  @GetMapping("/api/dossier-imports/{id:[0-9]+}")
  ImportReport get(@PathVariable long id) {
    return imports.get(id);
  }

  /** An empty file with the columns, in the form Excel opens directly (UTF-8 with a mark, ';'). */
  @GetMapping(path = "/api/dossier-imports/template", produces = "text/csv")
  ResponseEntity<byte[]> template() {
    byte[] header =
        (DossierImportService.templateHeader() + "\r\n").getBytes(StandardCharsets.UTF_8);
    byte[] body = new byte[header.length + 3];
    body[0] = (byte) 0xEF;
    body[1] = (byte) 0xBB;
    body[2] = (byte) 0xBF;
    System.arraycopy(header, 0, body, 3, header.length);
    return ResponseEntity.ok()
        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"dossiers.csv\"")
        .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
        .body(body);
  }

  @ExceptionHandler(DossierImportService.ImportRejectedException.class)
  ProblemDetail rejected(DossierImportService.ImportRejectedException e) {
    ProblemDetail problem =
        Problems.of(HttpStatus.UNPROCESSABLE_ENTITY, "IMPORT_REJECTED", e.getMessage());
    problem.setProperty("report", e.report());
    return problem;
  }
}
