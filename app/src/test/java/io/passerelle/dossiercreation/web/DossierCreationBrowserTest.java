package io.passerelle.dossiercreation.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.passerelle.support.Api;
import io.passerelle.support.FakeCompanyRegistry;
import io.passerelle.support.HeadlessChromium;
import io.passerelle.support.PasserelleSpringTest;
import io.passerelle.support.TestData;
import java.time.Duration;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Seed 004's "Ajouter un client" in a real browser (headless Chromium): from the portfolio, a new
 * dossier whose SIRET the registry (its local fake) knows — the lookup prefills the company through
 * htmx, the fiscal year's end is proposed — sent, followed on its progress page until the dossier
 * exists, then opened. Explicit waits only.
 */
@PasserelleSpringTest
class DossierCreationBrowserTest {

  private static final Duration PATIENCE = Duration.ofSeconds(40);

  @LocalServerPort int port;
  @Autowired FakeCompanyRegistry registry;

  ChromeDriver browser;

  @BeforeEach
  void open() {
    browser = HeadlessChromium.start();
  }

  @AfterEach
  void close() {
    browser.quit();
  }

  @Test
  @DisplayName(
      "new dossier: the SIRET lookup prefills the company, the fiscal year's end is proposed, the"
          + " request is followed until the dossier is created, which then opens")
  void newDossierFromTheRegistry() {
    String siret = TestData.siret();
    String name = TestData.unique("BOULANGERIE NAVIGATEUR ");
    registry.answer(
        siret,
        new FakeCompanyRegistry.Company(
            "732829320",
            name,
            "5710",
            "3 PLACE DU MARCHE",
            "69002",
            "LYON 2E",
            "10.71C",
            false,
            true));
    signIn(Api.MANAGER);

    go("/portefeuille");
    browser.findElement(By.id("new-dossier")).click();
    waitFor(ExpectedConditions.urlContains("/dossiers/nouveau"));

    browser.findElement(By.id("siret")).sendKeys(siret);
    browser.findElement(By.id("lookup")).click();
    waitFor(d -> name.equals(value("companyName")) ? true : null);
    assertThat(text("#siret-lookup")).contains("Entreprise trouvée");
    assertThat(value("addressLine1")).isEqualTo("3 PLACE DU MARCHE");
    assertThat(value("postalCode")).isEqualTo("69002");
    assertThat(value("nafCode")).isEqualTo("10.71C");
    assertThat(value("legalForm")).isEqualTo("SAS");

    // a date field is typed in the browser's own format: set it as the picker does
    browser.executeScript(
        "var start = document.getElementById('fiscalYearStart');"
            + " start.value = '2026-01-01';"
            + " start.dispatchEvent(new Event('change', {bubbles: true}));");
    waitFor(d -> "2026-12-31".equals(value("fiscalYearEnd")) ? true : null);
    browser.findElement(By.cssSelector("label[for='documentTreeCode']")).click();
    browser.findElement(By.cssSelector("label[for='app-PORTAIL_BANCAIRE-access']")).click();
    browser.findElement(By.id("create")).click();

    waitFor(ExpectedConditions.urlContains("/dossiers/demandes/"));
    assertThat(text(".success")).contains("La demande de création est enregistrée");
    // the page polls the request (htmx) until the process has created the dossier
    WebElement open = waitFor(ExpectedConditions.elementToBeClickable(By.id("open-dossier")));
    assertThat(open.getText()).contains(name);
    open.click();

    waitFor(ExpectedConditions.urlMatches(".*/dossiers/[0-9]+$"));
    assertThat(text("h1")).isEqualTo(name);
    assertThat(text("#document-tree-name")).contains("Arborescence du cabinet");
    assertThat(text("#partner-applications tr[data-application='PORTAIL_BANCAIRE']"))
        .contains("Autorisé");
    assertThat(browser.findElement(By.tagName("main")).getText()).contains(siret);
  }

  // ---- helpers ----

  private void signIn(String username) {
    go("/connexion");
    browser.findElement(By.id("username")).sendKeys(username);
    browser.findElement(By.id("password")).sendKeys(Api.passwordOf(username));
    browser.findElement(By.cssSelector("form button[type='submit']")).click();
    waitFor(ExpectedConditions.presenceOfElementLocated(By.id("notifications-link")));
  }

  private void go(String path) {
    browser.get("http://localhost:" + port + path);
  }

  private String text(String css) {
    return browser.findElement(By.cssSelector(css)).getText();
  }

  private String value(String id) {
    return browser.findElement(By.id(id)).getDomProperty("value");
  }

  private <T> T waitFor(Function<? super WebDriver, T> condition) {
    return new WebDriverWait(browser, PATIENCE)
        .pollingEvery(Duration.ofMillis(200))
        .ignoring(StaleElementReferenceException.class)
        .ignoring(NoSuchElementException.class)
        .until(condition);
  }
}
