package io.passerelle.dossierimport.web;

import io.passerelle.domain.DomainException;
import io.passerelle.domain.Texts;
import io.passerelle.dossiercreation.DossierCreationErrors;
import io.passerelle.dossierimport.DossierImportErrors;
import io.passerelle.dossierimport.DossierImportService;
import io.passerelle.dossierimport.DossierImportService.ImportRejectedException;
import io.passerelle.dossierimport.ImportReport;
import io.passerelle.dossiersetup.DossierSetupService;
import io.passerelle.staff.StaffPrincipal;
import io.passerelle.staff.StaffRole;
import io.passerelle.web.pages.FormErrors;
import io.passerelle.web.pages.FormOnce;
import io.passerelle.web.pages.FrenchMessages;
import io.passerelle.web.pages.StaffPage;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The CSV import of dossiers (seed 004's "import massif"), in two steps: the file is sent and
 * checked without importing anything (a dry run, with the report per line: what is wrong, in
 * French, cell by cell), then, when every line passes, imported whole with one click — the file
 * waits in the member's session meanwhile, so it is not sent twice. The template to fill comes with
 * the page. {@link DossierImportService} does the work, as for {@code /api/dossier-imports}.
 */
@StaffPage
class DossierImportPagesController {

  private static final String PENDING = DossierImportPagesController.class.getName() + ".pending";

  private final DossierImportService imports;
  private final DossierSetupService setup;

  private final FormOnce formOnce;

  DossierImportPagesController(
      DossierImportService imports, DossierSetupService setup, FormOnce formOnce) {
    this.formOnce = formOnce;
    this.imports = imports;
    this.setup = setup;
  }

  /** A checked file waiting for "Importer" (one per session: the last one checked). */
  record PendingImport(String token, String fileName, String documentTreeCode, byte[] content)
      implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /** A line of the report as the page shows it: its problems in French, cell by cell. */
  record ReportLine(
      int line,
      String siret,
      String companyName,
      boolean ok,
      Long dossierId,
      Long directorContactId,
      List<Problem> problems) {}

  /** What is wrong in one cell (or the whole line). */
  record Problem(String where, String message) {}

  static List<ReportLine> lines(ImportReport report) {
    return report.lines().stream()
        .map(
            l ->
                new ReportLine(
                    l.line(),
                    l.siret(),
                    l.companyName(),
                    l.errors().isEmpty(),
                    l.dossierId(),
                    l.directorContactId(),
                    l.errors().stream()
                        .map(
                            e ->
                                new Problem(
                                    "line".equals(e.field())
                                        ? "Ligne"
                                        : "Colonne « " + e.field() + " »",
                                    FrenchMessages.ofCode(e.code(), e.message())))
                        .toList()))
        .toList();
  }

  /** A column of the file, as the page explains it. */
  record Column(String header, boolean required, String description) {}

  private static final Map<String, String> COLUMNS =
      Map.ofEntries(
          Map.entry("raison_sociale", "La raison sociale de l'entreprise (obligatoire)."),
          Map.entry("siret", "14 chiffres ; un SIRET déjà utilisé par un dossier est refusé."),
          Map.entry("forme_juridique", "Par exemple SAS, SARL."),
          Map.entry("adresse", "Numéro et rue."),
          Map.entry("complement_adresse", "Bâtiment, étage…"),
          Map.entry("code_postal", "Code postal."),
          Map.entry("ville", "Ville."),
          Map.entry("pays", "Code en deux lettres ; FR si vide."),
          Map.entry("code_naf", "Par exemple 69.20Z."),
          Map.entry("debut_exercice", "Début de l'exercice en cours : 01/01/2026 ou 2026-01-01."),
          Map.entry("fin_exercice", "Fin de l'exercice ; 12 mois après le début si vide."),
          Map.entry(
              "responsable",
              "Identifiant du responsable (claire.martin) ; vous-même si vide (l'administrateur"
                  + " le précise toujours)."),
          Map.entry("collaborateurs", "Identifiants des collaborateurs, séparés par des |."),
          Map.entry("arborescence", "Code de l'arborescence ; celle choisie ci-dessus si vide."),
          Map.entry("dirigeant_prenom", "Prénom du dirigeant (facultatif)."),
          Map.entry("dirigeant_nom", "Nom du dirigeant."),
          Map.entry(
              "dirigeant_email",
              "E-mail du dirigeant : il devient titulaire du dossier (vous l'inviterez ensuite)."),
          Map.entry("dirigeant_telephone", "Téléphone du dirigeant."));

  @GetMapping("/dossiers/import")
  String page(@AuthenticationPrincipal StaffPrincipal me, Model model) {
    requireImporter(me);
    // seed 004: "sélectionnez l'arborescence principale du cabinet", the first of its catalogue
    var trees = setup.documentTrees();
    return page(
        null, null, FormErrors.NONE, trees.isEmpty() ? null : trees.getFirst().code(), model);
  }

  /** The template: the columns, in the form spreadsheets open directly (UTF-8 with a mark, ';'). */
  @GetMapping("/dossiers/import/modele.csv")
  ResponseEntity<byte[]> template() {
    byte[] header =
        (DossierImportService.templateHeader() + "\r\n").getBytes(StandardCharsets.UTF_8);
    byte[] body = new byte[header.length + 3];
    body[0] = (byte) 0xEF;
    body[1] = (byte) 0xBB;
    body[2] = (byte) 0xBF;
    System.arraycopy(header, 0, body, 3, header.length);
    return ResponseEntity.ok()
        .header(
            HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"modele-import-dossiers.csv\"")
        .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
        .body(body);
  }

  /** Step 1: the file is checked, nothing is imported; the report says line by line. */
  @PostMapping("/dossiers/import")
  String check(
      @RequestParam(name = "file", required = false) MultipartFile file,
      @RequestParam(required = false) String documentTreeCode,
      @AuthenticationPrincipal StaffPrincipal me,
      HttpSession session,
      HttpServletResponse response,
      Model model)
      throws IOException {
    requireImporter(me);
    String tree = Texts.trimToNull(documentTreeCode);
    if (file == null || file.isEmpty()) {
      response.setStatus(HttpStatus.BAD_REQUEST.value());
      return page(null, null, fileError("Choisissez le fichier CSV à importer."), tree, model);
    }
    if (file.getSize() > imports.maxFileSize()) {
      response.setStatus(HttpStatus.PAYLOAD_TOO_LARGE.value());
      return page(
          null,
          null,
          fileError(
              "Le fichier dépasse "
                  + imports.maxFileSize() / (1024 * 1024)
                  + " Mo : découpez-le en plusieurs fichiers."),
          tree,
          model);
    }
    byte[] content = file.getBytes();
    String name = file.getOriginalFilename();
    try {
      ImportReport report = imports.importFile(name, content, tree, true, me.actor());
      PendingImport pending = new PendingImport(UUID.randomUUID().toString(), name, tree, content);
      session.setAttribute(PENDING, pending);
      return page(report, pending, FormErrors.NONE, tree, model);
    } catch (ImportRejectedException rejected) {
      session.removeAttribute(PENDING);
      response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
      return page(rejected.report(), null, FormErrors.NONE, tree, model);
    } catch (DomainException e) {
      if (e.kind() == DomainException.Kind.FORBIDDEN) {
        throw e;
      }
      session.removeAttribute(PENDING);
      response.setStatus(status(e).value());
      return page(null, null, fileErrors(e), tree, model);
    }
  }

  /** Step 2: the checked file is imported whole (a second click lands on the same import). */
  @PostMapping("/dossiers/import/confirmer")
  String confirm(
      @RequestParam String token,
      @AuthenticationPrincipal StaffPrincipal me,
      HttpSession session,
      HttpServletResponse response,
      Model model,
      RedirectAttributes flash) {
    requireImporter(me);
    PendingImport pending =
        session.getAttribute(PENDING) instanceof PendingImport p && p.token().equals(token)
            ? p
            : null;
    long importId;
    try {
      importId =
          formOnce.run(
              "dossier-import",
              token,
              () -> {
                if (pending == null) {
                  throw new DomainException(
                      DomainException.Kind.CONFLICT,
                      DossierImportErrors.IMPORT_NOT_PENDING,
                      "Ce fichier n'attend plus d'être importé : envoyez-le à nouveau pour le"
                          + " vérifier.");
                }
                return imports
                    .importFile(
                        pending.fileName(),
                        pending.content(),
                        pending.documentTreeCode(),
                        false,
                        me.actor())
                    .importId();
              });
    } catch (ImportRejectedException rejected) {
      session.removeAttribute(PENDING);
      response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
      return page(rejected.report(), null, FormErrors.NONE, null, model);
    } catch (DomainException e) {
      if (e.kind() == DomainException.Kind.FORBIDDEN) {
        throw e;
      }
      session.removeAttribute(PENDING);
      flash.addFlashAttribute("failure", FrenchMessages.of(e));
      return "redirect:/dossiers/import";
    }
    session.removeAttribute(PENDING);
    flash.addFlashAttribute("success", "Import terminé : les dossiers sont créés.");
    return "redirect:/dossiers/import/" + importId;
  }

  @GetMapping("/dossiers/import/{id:[0-9]+}")
  String imported(@PathVariable long id, Model model) {
    ImportReport report = imports.get(id);
    model.addAttribute("report", report);
    model.addAttribute("lines", lines(report));
    return "pages/dossier-import-resultat";
  }

  // ---- inside ----

  private String page(
      ImportReport report, PendingImport pending, FormErrors errors, String tree, Model model) {
    model.addAttribute("report", report);
    model.addAttribute("lines", report == null ? List.of() : lines(report));
    model.addAttribute("pending", pending);
    model.addAttribute("errors", errors);
    model.addAttribute("trees", setup.documentTrees());
    model.addAttribute("documentTreeCode", tree);
    model.addAttribute(
        "columns",
        Arrays.stream(DossierImportService.templateHeader().split(";"))
            .map(h -> new Column(h, "raison_sociale".equals(h), COLUMNS.getOrDefault(h, "")))
            .toList());
    model.addAttribute("maxMegabytes", imports.maxFileSize() / (1024 * 1024));
    return "pages/dossier-import";
  }

  private static FormErrors fileError(String message) {
    return FormErrors.of(
        "Le fichier ne peut pas être importé.",
        List.of(new FormErrors.Entry("file", "Fichier CSV", message)));
  }

  /** A refusal of the file as a whole; the columns at fault are named. */
  private static FormErrors fileErrors(DomainException e) {
    List<FormErrors.Entry> entries =
        e.fieldErrors().stream()
            .filter(f -> !"file".equals(f.field()))
            .map(
                f ->
                    new FormErrors.Entry(
                        "file",
                        "Colonne « " + f.field() + " »",
                        FrenchMessages.ofCode(f.code(), f.message())))
            .toList();
    List<FormErrors.Entry> all = new java.util.ArrayList<>();
    all.add(new FormErrors.Entry("file", "Fichier CSV", FrenchMessages.of(e)));
    all.addAll(entries);
    return FormErrors.of("Le fichier ne peut pas être importé.", all);
  }

  private static HttpStatus status(DomainException e) {
    return switch (e.kind()) {
      case INVALID -> HttpStatus.BAD_REQUEST;
      case NOT_FOUND -> HttpStatus.NOT_FOUND;
      case FORBIDDEN -> HttpStatus.FORBIDDEN;
      case CONFLICT -> HttpStatus.CONFLICT;
      case RULE -> HttpStatus.UNPROCESSABLE_ENTITY;
    };
  }

  private static void requireImporter(StaffPrincipal me) {
    if (me.staff().role() == StaffRole.STAFF) {
      throw DomainException.forbidden(
          DossierCreationErrors.DOSSIER_CREATION_MANAGER_ONLY,
          "Only a manager or the office administrator creates or imports dossiers.");
    }
  }
}
