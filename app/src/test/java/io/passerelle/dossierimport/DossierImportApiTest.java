package io.passerelle.dossierimport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.passerelle.contact.ContactService;
import io.passerelle.contact.DossierLinkService;
import io.passerelle.contact.SubscriberType;
import io.passerelle.dossier.DossierFilter;
import io.passerelle.dossier.DossierService;
import io.passerelle.dossier.DossierView;
import io.passerelle.dossiersetup.DossierSetupService;
import io.passerelle.staff.StaffService;
import io.passerelle.support.Api;
import io.passerelle.support.Fixtures;
import io.passerelle.support.PasserelleSpringTest;
import io.passerelle.support.TestData;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.UUID;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.PageRequest;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * The CSV import of dossiers through the API: French spreadsheets' encodings and separators, a
 * report per line, all or nothing, duplicates reported, hostile files refused with clear errors.
 * The template is {@code DossierImportControllerTest}'s (the web slice).
 */
@PasserelleSpringTest
class DossierImportApiTest {

  private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
  private static final String HEADER =
      "raison_sociale;siret;forme_juridique;adresse;code_postal;ville;code_naf;debut_exercice;fin_exercice;responsable;collaborateurs;arborescence";

  @org.springframework.boot.test.web.server.LocalServerPort int port;
  @Autowired MockMvc mvc;
  @Autowired ObjectMapper json;
  @Autowired DossierService dossiers;
  @Autowired DossierSetupService setup;
  @Autowired StaffService staff;
  @Autowired ContactService contacts;
  @Autowired DossierLinkService links;

  Fixtures fixtures;

  @BeforeEach
  void setUp() {
    fixtures = new Fixtures(staff, dossiers, contacts, links);
  }

  ResultActions upload(String username, byte[] content, String query) throws Exception {
    var file = new MockMultipartFile("file", "dossiers.csv", "text/csv", content);
    return mvc.perform(
        MockMvcRequestBuilders.multipart("/api/dossier-imports" + (query == null ? "" : query))
            .file(file)
            .with(httpBasic(username, Api.passwordOf(username)))
            .accept(MediaType.APPLICATION_JSON));
  }

  JsonNode read(ResultActions result) throws Exception {
    return json.readTree(
        result.andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
  }

  static String line(String name, String siret) {
    return name
        + ";"
        + siret
        + ";SAS;1 rue du Port;13002;Marseille;5610a;01/01/2026;;;hugo.bernard;TPE";
  }

  Long dossierWithSiret(String siret) {
    var page = dossiers.list(new DossierFilter(siret, null, null, null), PageRequest.of(0, 5));
    return page.getContent().stream()
        .filter(d -> siret.equals(d.siret()))
        .map(DossierView::id)
        .findFirst()
        .orElse(null);
  }

  @Test
  @DisplayName(
      "Excel's semicolon CSV in Windows-1252: every line imported in one go, accents kept, the"
          + " report names each dossier")
  void windows1252Semicolons() throws Exception {
    String a = TestData.siret();
    String b = TestData.siret();
    String csv =
        HEADER
            + "\r\n"
            + line("Société Générale d'Électricité", a)
            + "\r\n"
            + line("Crêperie Noël", b)
            + "\r\n";

    JsonNode report =
        read(
            upload(Api.MANAGER, csv.getBytes(WINDOWS_1252), null)
                .andExpect(status().isCreated())
                .andExpect(
                    header().string("Location", Matchers.startsWith("/api/dossier-imports/"))));

    assertThat(report.get("status").asText()).isEqualTo("IMPORTED");
    assertThat(report.get("encoding").asText()).isEqualTo("Windows-1252");
    assertThat(report.get("separator").asText()).isEqualTo(";");
    assertThat(report.get("imported").asInt()).isEqualTo(2);
    assertThat(report.at("/lines/0/line").asInt()).isEqualTo(2);
    long first = report.at("/lines/0/dossierId").asLong();
    DossierView dossier = dossiers.get(first);
    assertThat(dossier.companyName()).isEqualTo("Société Générale d'Électricité");
    assertThat(dossier.siret()).isEqualTo(a);
    assertThat(dossier.nafCode()).isEqualTo("56.10A");
    assertThat(dossier.manager().username()).isEqualTo(Api.MANAGER);
    assertThat(dossier.assignedStaff())
        .extracting(DossierView.StaffRef::username)
        .contains(Api.STAFF);
    assertThat(dossier.fiscalYears().getFirst().end()).isEqualTo(LocalDate.of(2026, 12, 31));
    assertThat(setup.forDossier(first).documentTree().code()).isEqualTo("TPE");
    assertThat(dossiers.get(report.at("/lines/1/dossierId").asLong()).companyName())
        .isEqualTo("Crêperie Noël");

    Api.as(mvc, json, Api.MANAGER)
        .get("/api/dossier-imports/" + report.get("importId").asLong())
        .andExpect(
            jsonPath("$.lines[1].dossierId").value(report.at("/lines/1/dossierId").asLong()));
  }

  @Test
  @DisplayName("UTF-8 with a mark and commas, quoted fields, directors linked as holders")
  void utf8BomCommasAndDirectors() throws Exception {
    String siret = TestData.siret();
    String email = TestData.email("dirigeant.import");
    String csv =
        "Raison sociale,SIRET,Début exercice,Fin exercice,Arborescence,Dirigeant prénom,Dirigeant nom,Dirigeant email,Dirigeant téléphone\n"
            + "\"Dupont, Fils & Cie\","
            + siret
            + ",2026-07-01,2027-12-31,CABINET,Éloïse,Dupont,"
            + email
            + ",+33 6 12 34 56 78\n";
    byte[] body = csv.getBytes(StandardCharsets.UTF_8);
    byte[] withBom = new byte[body.length + 3];
    withBom[0] = (byte) 0xEF;
    withBom[1] = (byte) 0xBB;
    withBom[2] = (byte) 0xBF;
    System.arraycopy(body, 0, withBom, 3, body.length);

    JsonNode report = read(upload(Api.MANAGER, withBom, null).andExpect(status().isCreated()));

    assertThat(report.get("encoding").asText()).isEqualTo("UTF-8 (BOM)");
    assertThat(report.get("separator").asText()).isEqualTo(",");
    long dossierId = report.at("/lines/0/dossierId").asLong();
    assertThat(dossiers.get(dossierId).companyName()).isEqualTo("Dupont, Fils & Cie");
    assertThat(dossiers.get(dossierId).fiscalYears().getFirst().end())
        .isEqualTo(LocalDate.of(2027, 12, 31));
    long contactId = report.at("/lines/0/directorContactId").asLong();
    var director = contacts.get(contactId);
    assertThat(director.email()).isEqualTo(email);
    assertThat(director.firstName()).isEqualTo("Éloïse");
    assertThat(director.phone()).isEqualTo("+33 6 12 34 56 78");
    assertThat(director.subscriberType()).isEqualTo(SubscriberType.CLIENT);
    var link = links.liveLinkOf(dossierId, contactId).orElseThrow();
    assertThat(link.holder()).isTrue();
  }

  @Test
  @DisplayName(
      "one bad line: nothing imported, every line reported (duplicate in the file, SIRET of the"
          + " firm, bad date, unknown manager)")
  void allOrNothingWithAReportPerLine() throws Exception {
    DossierView existing = fixtures.dossier(Api.MANAGER);
    String fresh = TestData.siret();
    String twice = TestData.siret();
    String csv =
        String.join(
            "\n",
            HEADER,
            line("Bonne Ligne", fresh),
            line("Premier", twice),
            line("Second", twice),
            line("Déjà là", existing.siret()),
            "Mauvaise date;;;;;;;31/02/2026;;;;TPE",
            "Responsable inconnu;;;;;;;;;personne.inconnue;;TPE",
            "");

    JsonNode problem =
        read(
            upload(Api.MANAGER, csv.getBytes(StandardCharsets.UTF_8), null)
                .andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.code").value("IMPORT_REJECTED")));

    JsonNode report = problem.get("report");
    assertThat(report.get("status").asText()).isEqualTo("REJECTED");
    assertThat(report.get("rows").asInt()).isEqualTo(6);
    assertThat(report.get("rejected").asInt()).isEqualTo(4);
    assertThat(report.at("/lines/0/status").asText()).isEqualTo("OK");
    assertThat(report.at("/lines/1/status").asText()).isEqualTo("OK");
    assertThat(report.at("/lines/2/errors/0/code").asText()).isEqualTo("SIRET_REPEATED");
    assertThat(report.at("/lines/2/errors/0/message").asText()).contains("line 3");
    assertThat(report.at("/lines/3/errors/0/code").asText()).isEqualTo("SIRET_ALREADY_USED");
    assertThat(report.at("/lines/3/errors/0/message").asText())
        .contains(String.valueOf(existing.id()));
    assertThat(report.at("/lines/4/errors/0/field").asText()).isEqualTo("debut_exercice");
    assertThat(report.at("/lines/4/errors/0/code").asText()).isEqualTo("INVALID_DATE");
    assertThat(report.at("/lines/5/errors/0/field").asText()).isEqualTo("responsable");
    assertThat(report.at("/lines/5/errors/0/code").asText()).isEqualTo("STAFF_UNKNOWN");
    assertThat(dossierWithSiret(fresh)).as("the good line is not imported either").isNull();
    assertThat(dossierWithSiret(twice)).isNull();
  }

  @Test
  @DisplayName(
      "hostile cells: a formula (=cmd, +, -, @, tab) and markup are refused, each named by its"
          + " column")
  void hostileCells() throws Exception {
    String csv =
        String.join(
            "\n",
            "raison_sociale;ville;forme_juridique;arborescence",
            "=cmd|' /C calc'!A0;Paris;SAS;TPE",
            "Honnête SARL;+SUM(1+1);SAS;TPE",
            "Honnête SARL 2;Lyon;@SUM(A1);TPE",
            "<script>alert(1)</script>;Lille;SAS;TPE",
            "\"\tTabulée\";Nice;SAS;TPE",
            "-2+3;Nantes;SAS;TPE");

    JsonNode report =
        read(upload(Api.MANAGER, csv.getBytes(StandardCharsets.UTF_8), null)
                .andExpect(status().isUnprocessableEntity()))
            .get("report");

    assertThat(report.at("/lines/0/errors/0/code").asText()).isEqualTo("FORMULA_NOT_ALLOWED");
    assertThat(report.at("/lines/0/errors/0/field").asText()).isEqualTo("raison_sociale");
    assertThat(report.at("/lines/1/errors/0/field").asText()).isEqualTo("ville");
    assertThat(report.at("/lines/1/errors/0/code").asText()).isEqualTo("FORMULA_NOT_ALLOWED");
    assertThat(report.at("/lines/2/errors/0/field").asText()).isEqualTo("forme_juridique");
    assertThat(report.at("/lines/3/errors/0/code").asText()).isEqualTo("MARKUP_NOT_ALLOWED");
    assertThat(report.at("/lines/4/errors/0/code").asText()).isEqualTo("FORMULA_NOT_ALLOWED");
    assertThat(report.at("/lines/5/errors/0/code").asText()).isEqualTo("FORMULA_NOT_ALLOWED");
    assertThat(report.get("rejected").asInt()).isEqualTo(6);
  }

  @Test
  @DisplayName("missing and unknown columns: the file is refused at once, naming them")
  void columns() throws Exception {
    upload(
            Api.MANAGER,
            "siret;ville\n73282932000074;Paris\n".getBytes(StandardCharsets.UTF_8),
            null)
        .andExpect(status().isUnprocessableEntity())
        .andExpect(jsonPath("$.code").value("MISSING_COLUMNS"))
        .andExpect(jsonPath("$.errors[0].field").value("raison_sociale"))
        .andExpect(jsonPath("$.detail").value(Matchers.containsString("raison_sociale")));
    upload(
            Api.MANAGER,
            "raison_sociale;chiffre_affaires\nA;12\n".getBytes(StandardCharsets.UTF_8),
            "?documentTreeCode=TPE")
        .andExpect(status().isUnprocessableEntity())
        .andExpect(jsonPath("$.code").value("UNKNOWN_COLUMNS"))
        .andExpect(jsonPath("$.errors[0].code").value("UNKNOWN_COLUMN"))
        .andExpect(jsonPath("$.errors[0].field").value("chiffre_affaires"));
    upload(
            Api.MANAGER,
            "raison_sociale;ville\nA;Paris;en trop\nB\n".getBytes(StandardCharsets.UTF_8),
            "?documentTreeCode=TPE")
        .andExpect(status().isUnprocessableEntity())
        .andExpect(jsonPath("$.report.lines[1].errors[0].code").value("MISSING_CELLS"));
  }

  @Test
  @DisplayName(
      "hostile files: 10 MB, a workbook, UTF-16 without a mark, an unclosed quote, empty, no"
          + " rows — each a clear error")
  void hostileFiles() throws Exception {
    byte[] big = new byte[10 * 1024 * 1024];
    Arrays.fill(big, (byte) 'a');
    upload(Api.MANAGER, big, null)
        .andExpect(status().isPayloadTooLarge())
        .andExpect(jsonPath("$.code").value("FILE_TOO_LARGE"));
    upload(Api.MANAGER, new byte[] {0x50, 0x4B, 0x03, 0x04, 0x14, 0, 0, 0}, null)
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.code").value("NOT_CSV"))
        .andExpect(jsonPath("$.detail").value(Matchers.containsString("CSV")));
    upload(Api.MANAGER, "raison_sociale\nA\n".getBytes(StandardCharsets.UTF_16LE), null)
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.code").value("NOT_CSV"));
    upload(Api.MANAGER, "raison_sociale\n\"Jamais fermé\n".getBytes(StandardCharsets.UTF_8), null)
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.code").value("INVALID_CSV"))
        .andExpect(jsonPath("$.detail").value(Matchers.containsString("Line 2")));
    upload(Api.MANAGER, new byte[0], null)
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.code").value("EMPTY_FILE"));
    upload(Api.MANAGER, "raison_sociale;siret\n".getBytes(StandardCharsets.UTF_8), null)
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.code").value("NO_ROWS"));
    StringBuilder many = new StringBuilder("raison_sociale\n");
    for (int i = 0; i < 1001; i++) {
      many.append("Société ").append(i).append('\n');
    }
    upload(Api.MANAGER, many.toString().getBytes(StandardCharsets.UTF_8), null)
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.code").value("INVALID_CSV"))
        .andExpect(jsonPath("$.detail").value(Matchers.containsString("1000")));
  }

  @Test
  @DisplayName(
      "a dry run reports without importing; the same file twice is refused, and a replayed"
          + " Idempotency-Key gets the first answer")
  void dryRunAndRepeats() throws Exception {
    String siret = TestData.siret();
    byte[] csv =
        (HEADER + "\n" + line("Une Seule Fois " + UUID.randomUUID(), siret) + "\n")
            .getBytes(StandardCharsets.UTF_8);

    upload(Api.MANAGER, csv, "?dryRun=true")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("VALID"))
        .andExpect(jsonPath("$.lines[0].dossierId").doesNotExist());
    assertThat(dossierWithSiret(siret)).isNull();

    String key = UUID.randomUUID().toString();
    var file = new MockMultipartFile("file", "dossiers.csv", "text/csv", csv);
    var first =
        read(
            mvc.perform(
                    MockMvcRequestBuilders.multipart("/api/dossier-imports")
                        .file(file)
                        .header("Idempotency-Key", key)
                        .with(httpBasic(Api.MANAGER, Api.passwordOf(Api.MANAGER))))
                .andExpect(status().isCreated()));
    mvc.perform(
            MockMvcRequestBuilders.multipart("/api/dossier-imports")
                .file(file)
                .header("Idempotency-Key", key)
                .with(httpBasic(Api.MANAGER, Api.passwordOf(Api.MANAGER))))
        .andExpect(status().isCreated())
        .andExpect(header().string("Idempotent-Replayed", "true"))
        .andExpect(jsonPath("$.importId").value(first.get("importId").asLong()));
    upload(Api.MANAGER, csv, null)
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.code").value("ALREADY_IMPORTED"));
    assertThat(dossierWithSiret(siret)).isNotNull();
  }

  @Test
  @DisplayName(
      "over real HTTP: the same upload under the same Idempotency-Key (another multipart boundary)"
          + " gets the first answer, a different file under it is refused")
  void idempotencyKeyOverHttp() throws Exception {
    String siret = TestData.siret();
    byte[] csv =
        (HEADER + "\n" + line("Par HTTP " + UUID.randomUUID(), siret) + "\n")
            .getBytes(StandardCharsets.UTF_8);
    String key = UUID.randomUUID().toString();

    var first = overHttp(csv, key);
    var second = overHttp(csv, key);
    var other =
        overHttp(
            (HEADER + "\n" + line("Autre", TestData.siret()) + "\n")
                .getBytes(StandardCharsets.UTF_8),
            key);

    assertThat(first.statusCode()).isEqualTo(201);
    assertThat(second.statusCode()).isEqualTo(201);
    assertThat(second.headers().firstValue("Idempotent-Replayed")).contains("true");
    assertThat(json.readTree(second.body()).get("importId").asLong())
        .isEqualTo(json.readTree(first.body()).get("importId").asLong());
    assertThat(other.statusCode()).isEqualTo(422);
    assertThat(json.readTree(other.body()).get("code").asText())
        .isEqualTo("IDEMPOTENCY_KEY_REUSED");
    assertThat(dossierWithSiret(siret)).isNotNull();
  }

  java.net.http.HttpResponse<String> overHttp(byte[] csv, String key) throws Exception {
    String boundary = "----passerelle" + UUID.randomUUID();
    var body = new java.io.ByteArrayOutputStream();
    body.write(
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\";"
                + " filename=\"dossiers.csv\"\r\nContent-Type: text/csv\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    body.write(csv);
    body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    String credentials =
        java.util.Base64.getEncoder()
            .encodeToString(
                (Api.MANAGER + ":" + Api.passwordOf(Api.MANAGER)).getBytes(StandardCharsets.UTF_8));
    var request =
        java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + port + "/api/dossier-imports"))
            .header("Authorization", "Basic " + credentials)
            .header("Idempotency-Key", key)
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
            .build();
    try (var client = java.net.http.HttpClient.newHttpClient()) {
      return client.send(
          request, java.net.http.HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
  }

  @Test
  @DisplayName(
      "who imports: not the staff; a manager links a director only to the dossiers they manage")
  void whoImports() throws Exception {
    byte[] csv =
        (HEADER + "\n" + line("Refusé", TestData.siret()) + "\n").getBytes(StandardCharsets.UTF_8);
    upload(Api.STAFF, csv, null)
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.code").value("MANAGER_OR_ADMINISTRATOR_ONLY"));

    String forSophie =
        "raison_sociale;responsable;arborescence;dirigeant_prenom;dirigeant_nom;dirigeant_email\n"
            + "Chez Sophie;sophie.durand;TPE;Jean;Dir;"
            + TestData.email("dir")
            + "\n"
            + "Pas un chef;hugo.bernard;TPE;;;\n";
    JsonNode report =
        read(upload(Api.MANAGER, forSophie.getBytes(StandardCharsets.UTF_8), null)
                .andExpect(status().isUnprocessableEntity()))
            .get("report");
    assertThat(report.at("/lines/0/errors/0/code").asText()).isEqualTo("DIRECTOR_MANAGER_ONLY");
    assertThat(report.at("/lines/1/errors/0/code").asText()).isEqualTo("MANAGER_ROLE_REQUIRED");

    var advisor = fixtures.contact(SubscriberType.ADVISOR);
    String advisorAsDirector =
        "raison_sociale;arborescence;dirigeant_nom;dirigeant_email\nConseil;TPE;X;"
            + advisor.email()
            + "\nSans email;TPE;Nom seul;\n";
    JsonNode second =
        read(upload(Api.MANAGER, advisorAsDirector.getBytes(StandardCharsets.UTF_8), null)
                .andExpect(status().isUnprocessableEntity()))
            .get("report");
    assertThat(second.at("/lines/0/errors/0/code").asText()).isEqualTo("HOLDER_MUST_BE_CLIENT");
    assertThat(second.at("/lines/1/errors/0/field").asText()).isEqualTo("dirigeant_email");
  }
}
