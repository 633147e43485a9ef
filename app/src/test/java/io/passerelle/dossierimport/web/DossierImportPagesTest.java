package io.passerelle.dossierimport.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.passerelle.dossier.DossierFilter;
import io.passerelle.dossier.DossierService;
import io.passerelle.support.Api;
import io.passerelle.support.PasserelleSpringTest;
import io.passerelle.support.TestData;
import java.io.ByteArrayOutputStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.domain.PageRequest;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The CSV import page (seed 004's mass import): a check that imports nothing and reports line by
 * line in French, then the import of the checked file with one click (once), the file refused as a
 * whole, and who may. The page's columns and the template are {@code
 * DossierImportPagesControllerTest}'s (the web slice).
 */
@PasserelleSpringTest
class DossierImportPagesTest {

  private static final Pattern TOKEN = Pattern.compile("name=\"token\" value=\"([^\"]+)\"");

  @LocalServerPort int port;
  @Autowired MockMvc mvc;
  @Autowired UserDetailsService users;
  @Autowired DossierService dossiers;

  RequestPostProcessor as(String username) {
    return user(users.loadUserByUsername(username));
  }

  static MockMultipartFile csv(String name, String text) {
    return new MockMultipartFile("file", name, "text/csv", text.getBytes(StandardCharsets.UTF_8));
  }

  long dossiersNamed(String marker) {
    return dossiers
        .list(new DossierFilter(marker, null, null, null), PageRequest.of(0, 10))
        .getTotalElements();
  }

  @Test
  @DisplayName(
      "a good file is checked first (nothing imported), then imported with one click, once; the"
          + " result links the new dossiers")
  void checkThenImport() throws Exception {
    String marker = TestData.unique("Import page ");
    String text =
        "raison_sociale;siret;ville;debut_exercice\n"
            + marker
            + " A;"
            + TestData.siret()
            + ";Lyon;01/01/2026\n"
            + marker
            + " B;;Paris;\n";
    MockHttpSession session = new MockHttpSession();
    String page =
        mvc.perform(
                multipart("/dossiers/import")
                    .file(csv("<img src=x onerror=alert(1)>.csv", text))
                    .param("documentTreeCode", "CABINET")
                    .session(session)
                    .with(csrf())
                    .with(as(Api.MANAGER)))
            .andExpect(status().isOk())
            .andExpect(content().string(containsString("toutes les lignes sont bonnes")))
            .andExpect(content().string(containsString("Rien n&#39;est encore importé")))
            .andExpect(content().string(containsString("&lt;img src=x onerror=alert(1)&gt;.csv")))
            .andExpect(content().string(not(containsString("<img src=x"))))
            .andExpect(content().string(containsString("Importer les 2 dossier(s)")))
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(dossiersNamed(marker)).as("a check imports nothing").isZero();
    Matcher token = TOKEN.matcher(page);
    assertThat(token.find()).isTrue();

    var confirm =
        post("/dossiers/import/confirmer")
            .param("token", token.group(1))
            .session(session)
            .with(csrf())
            .with(as(Api.MANAGER));
    String first =
        mvc.perform(confirm)
            .andExpect(redirectedUrlPattern("/dossiers/import/*"))
            .andReturn()
            .getResponse()
            .getRedirectedUrl();
    String second = mvc.perform(confirm).andReturn().getResponse().getRedirectedUrl();
    assertThat(second).as("a second click lands on the same import").isEqualTo(first);
    assertThat(dossiersNamed(marker)).isEqualTo(2);
    mvc.perform(get(first).with(as(Api.MANAGER)))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString(marker + " A")))
        .andExpect(content().string(containsString("id=\"imported-count\">2<")))
        .andExpect(content().string(containsString("href=\"/dossiers/")));
  }

  @Test
  @DisplayName(
      "a file with bad lines: nothing imported, each line's problems said in French, cell by cell")
  void rejectedLines() throws Exception {
    String marker = TestData.unique("Rejet page ");
    String text =
        "raison_sociale;siret;code_naf;debut_exercice;responsable\n"
            + marker
            + " ok;;69.20Z;01/01/2026;\n"
            + marker
            + " siret;"
            + TestData.siretWithWrongCheckDigit()
            + ";;;\n"
            + "=HYPERLINK(\"http://x\");;;;\n"
            + "<b>Gras</b>;;;31/02/2026;personne.inconnue\n";
    mvc.perform(
            multipart("/dossiers/import")
                .file(csv("rejet.csv", text))
                .param("documentTreeCode", "CABINET")
                .with(csrf())
                .with(as(Api.MANAGER)))
        .andExpect(status().isUnprocessableEntity())
        .andExpect(content().string(containsString("3 ligne(s) sur 4 ne peuvent pas")))
        .andExpect(content().string(containsString("data-line=\"3\" data-ok=\"false\"")))
        .andExpect(content().string(containsString("Colonne « siret »")))
        .andExpect(content().string(containsString("Un SIRET a 14 chiffres")))
        .andExpect(content().string(containsString("exécutée comme une formule")))
        .andExpect(
            content().string(containsString("Les balises (&lt;…&gt;) ne sont pas acceptées")))
        .andExpect(content().string(containsString("Ce n&#39;est pas une date")))
        .andExpect(content().string(containsString("Aucun collaborateur actif")))
        .andExpect(content().string(not(containsString("<b>Gras"))))
        .andExpect(content().string(not(containsString("id=\"confirm-import\""))));
    assertThat(dossiersNamed(marker)).isZero();
  }

  @Test
  @DisplayName(
      "a file refused as a whole (missing column, no file, a workbook) is said in the error summary"
          + " linked to the file field; staff who are not managers may not import; CSRF")
  void refusedFiles() throws Exception {
    mvc.perform(
            multipart("/dossiers/import")
                .file(csv("colonnes.csv", "siret;ville\n;Lyon\n"))
                .with(csrf())
                .with(as(Api.MANAGER)))
        .andExpect(status().isUnprocessableEntity())
        .andExpect(content().string(containsString("class=\"error-summary\"")))
        .andExpect(content().string(containsString("href=\"#file\"")))
        .andExpect(content().string(containsString("Colonne « raison_sociale » : Cette colonne")))
        .andExpect(content().string(containsString("aria-invalid=\"true\"")));
    mvc.perform(multipart("/dossiers/import").with(csrf()).with(as(Api.MANAGER)))
        .andExpect(status().isBadRequest())
        .andExpect(content().string(containsString("Choisissez le fichier CSV")));
    mvc.perform(
            multipart("/dossiers/import")
                .file(
                    new MockMultipartFile(
                        "file",
                        "classeur.xlsx",
                        "application/octet-stream",
                        new byte[] {0x50, 0x4B, 0x03, 0x04, 1, 2}))
                .with(csrf())
                .with(as(Api.MANAGER)))
        .andExpect(status().isBadRequest())
        .andExpect(content().string(containsString("Ce fichier n&#39;est pas un CSV lisible")));
    mvc.perform(
            multipart("/dossiers/import")
                .file(csv("x.csv", "raison_sociale\nX\n"))
                .with(csrf())
                .with(as(Api.STAFF)))
        .andExpect(status().isForbidden());
    mvc.perform(
            multipart("/dossiers/import")
                .file(csv("x.csv", "raison_sociale\nX\n"))
                .with(as(Api.MANAGER)))
        .andExpect(status().isForbidden());
    mvc.perform(
            post("/dossiers/import/confirmer")
                .param("token", "inconnu")
                .with(csrf())
                .with(as(Api.MANAGER)))
        .andExpect(redirectedUrl("/dossiers/import"))
        .andExpect(
            flash()
                .attribute(
                    "failure",
                    "Ce fichier n'attend plus d'être importé : envoyez-le à nouveau pour le"
                        + " vérifier."));
  }

  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  @Test
  @DisplayName(
      "through the real server, the upload's CSRF token travels in the multipart body (and a"
          + " body without it is refused)")
  void uploadThroughTheServer() throws Exception {
    HttpClient http =
        HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    String base = "http://localhost:" + port;
    String signIn = http.send(getRequest(base + "/connexion"), ofString()).body();
    String form =
        "username="
            + Api.MANAGER
            + "&password="
            + URLEncoder.encode(Api.passwordOf(Api.MANAGER), StandardCharsets.UTF_8)
            + "&_csrf="
            + csrfToken(signIn);
    var signedIn =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/connexion"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build(),
            ofString());
    assertThat(signedIn.statusCode()).isEqualTo(302);
    String token = csrfToken(http.send(getRequest(base + "/dossiers/import"), ofString()).body());
    String marker = TestData.unique("Serveur ");
    byte[] file =
        ("raison_sociale;ville\n" + marker + ";Nantes\n").getBytes(StandardCharsets.UTF_8);

    var checked = http.send(upload(base, token, file), ofString());
    assertThat(checked.statusCode()).isEqualTo(200);
    assertThat(checked.body()).contains("toutes les lignes sont bonnes");
    var refused = http.send(upload(base, null, file), ofString());
    assertThat(refused.statusCode()).isEqualTo(403);
  }

  private static HttpRequest getRequest(String url) {
    return HttpRequest.newBuilder(URI.create(url)).GET().build();
  }

  private static HttpResponse.BodyHandler<String> ofString() {
    return HttpResponse.BodyHandlers.ofString();
  }

  private static String csrfToken(String page) {
    Matcher matcher = CSRF.matcher(page);
    assertThat(matcher.find()).as("a CSRF token on the page").isTrue();
    return matcher.group(1);
  }

  /** The import form as a browser sends it: multipart, the CSRF token a part of the body. */
  private static HttpRequest upload(String base, String token, byte[] file) throws Exception {
    String boundary = "----passerelle" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    if (token != null) {
      body.write(
          ("--"
                  + boundary
                  + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n"
                  + token
                  + "\r\n")
              .getBytes(StandardCharsets.UTF_8));
    }
    body.write(
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"documentTreeCode\"\r\n\r\nCABINET\r\n")
            .getBytes(StandardCharsets.UTF_8));
    body.write(
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"serveur.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    body.write(file);
    body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return HttpRequest.newBuilder(URI.create(base + "/dossiers/import"))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
        .build();
  }
}
