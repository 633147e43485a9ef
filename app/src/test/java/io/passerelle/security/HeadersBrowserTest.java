package io.passerelle.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.passerelle.contact.ContactService;
import io.passerelle.contact.DossierLinkService;
import io.passerelle.dossier.DossierService;
import io.passerelle.staff.StaffService;
import io.passerelle.support.Api;
import io.passerelle.support.CspViolations;
import io.passerelle.support.Fixtures;
import io.passerelle.support.HeadlessChromium;
import io.passerelle.support.PasserelleSpringTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The pages under their Content-Security-Policy in a real browser: nothing a page needs is refused
 * (the diagrams and the task form are in {@code StaffJourneyBrowserTest}), and a refusal is seen
 * when there is one.
 */
@PasserelleSpringTest
class HeadersBrowserTest {

  @LocalServerPort int port;
  @Autowired StaffService staff;
  @Autowired DossierService dossiers;
  @Autowired ContactService contacts;
  @Autowired DossierLinkService links;
  ChromeDriver browser;

  @BeforeEach
  void open() {
    browser = HeadlessChromium.start();
    CspViolations.watch(browser);
  }

  @AfterEach
  void close() {
    browser.quit();
  }

  @Test
  @DisplayName(
      "staff pages, the development tools, Swagger UI and client pages load with no CSP violation")
  void noViolation() {
    var dossier = new Fixtures(staff, dossiers, contacts, links).dossier(Api.MANAGER);
    for (String path : List.of("/espace/connexion", "/acces/nouveau-lien", "/activation/x")) {
      assertNoViolation(path);
    }
    signIn(Api.MANAGER);
    for (String path :
        List.of(
            "/",
            "/portefeuille",
            "/tableau-de-bord",
            "/dossiers/" + dossier.id(),
            "/dossiers/nouveau",
            "/interlocuteurs",
            "/activations-en-attente",
            "/invitations-groupees/nouvelle",
            "/taches",
            "/activite",
            "/notifications")) {
      assertNoViolation(path);
    }
    browser.get(url("/swagger-ui/index.html"));
    new WebDriverWait(browser, Duration.ofSeconds(30))
        .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".swagger-ui .info")));
    assertThat(CspViolations.onThisPage(browser)).as("Swagger UI").isEmpty();

    signIn(Api.ADMIN);
    assertNoViolation("/dev");
    assertNoViolation("/dev/mailbox");
  }

  @Test
  @DisplayName("the control: an inline style a page would add is refused, and seen")
  void violationSeen() {
    browser.get(url("/connexion"));
    browser.executeScript(
        "var s = document.createElement('style'); s.textContent = 'body { color: red }';"
            + " document.head.appendChild(s);");
    new WebDriverWait(browser, Duration.ofSeconds(5))
        .until(d -> !CspViolations.onThisPage(browser).isEmpty());
    assertThat(CspViolations.onThisPage(browser)).anyMatch(v -> v.startsWith("style-src"));
  }

  private void assertNoViolation(String path) {
    browser.get(url(path));
    new WebDriverWait(browser, Duration.ofSeconds(30))
        .until(
            d -> "complete".equals(((ChromeDriver) d).executeScript("return document.readyState")));
    assertThat(CspViolations.onThisPage(browser)).as(path).isEmpty();
  }

  private void signIn(String username) {
    browser.get(url("/connexion"));
    browser.findElement(By.id("username")).sendKeys(username);
    browser.findElement(By.id("password")).sendKeys(Api.passwordOf(username));
    browser.findElement(By.cssSelector("form button[type='submit']")).click();
    new WebDriverWait(browser, Duration.ofSeconds(30))
        .until(ExpectedConditions.presenceOfElementLocated(By.id("notifications-link")));
  }

  private String url(String path) {
    return "http://localhost:" + port + path;
  }
}
