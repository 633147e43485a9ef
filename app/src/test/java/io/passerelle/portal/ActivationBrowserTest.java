package io.passerelle.portal;

import static io.passerelle.portal.ClientFixtures.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import io.passerelle.account.AccountService;
import io.passerelle.account.AccountStatus;
import io.passerelle.account.InvitationService;
import io.passerelle.collaboration.CollaborationService;
import io.passerelle.contact.ContactService;
import io.passerelle.contact.DossierLinkService;
import io.passerelle.contact.Language;
import io.passerelle.dossier.DossierService;
import io.passerelle.staff.StaffService;
import io.passerelle.support.HeadlessChromium;
import io.passerelle.support.PasserelleSpringTest;
import java.time.Duration;
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
 * A client in a real browser: opens the invitation link, reads who invites them, chooses a password
 * (a too-short one first), and lands in their space, signed in.
 */
@PasserelleSpringTest
class ActivationBrowserTest {

  @LocalServerPort int port;
  @Autowired StaffService staff;
  @Autowired DossierService dossiers;
  @Autowired ContactService contacts;
  @Autowired DossierLinkService links;
  @Autowired InvitationService invitations;
  @Autowired AccountService accounts;
  @Autowired CollaborationService collaboration;
  ChromeDriver browser;

  @BeforeEach
  void open() {
    browser = HeadlessChromium.start();
    // headless Chromium ignores --lang for Accept-Language: a French person's browser sends it
    String userAgent = (String) browser.executeScript("return navigator.userAgent");
    browser.executeCdpCommand(
        "Network.setUserAgentOverride",
        java.util.Map.of("userAgent", userAgent, "acceptLanguage", "fr-FR,fr;q=0.9"));
  }

  @AfterEach
  void close() {
    browser.quit();
  }

  @Test
  @DisplayName("open the activation link → set a password → land in the space")
  void activateInBrowser() {
    var clients =
        new ClientFixtures(staff, dossiers, contacts, links, invitations, accounts, collaboration);
    var invited = clients.invitedHolder(Language.fr, "Bonjour Jeanne, à très vite !");
    var wait = new WebDriverWait(browser, Duration.ofSeconds(15));

    browser.get("http://localhost:" + port + "/activation/" + invited.token());
    assertThat(browser.findElement(By.tagName("h1")).getText())
        .isEqualTo("Activer votre espace client");
    assertThat(browser.findElement(By.id("custom-message")).getText())
        .isEqualTo("Bonjour Jeanne, à très vite !");
    assertThat(browser.findElement(By.id("login")).getText()).contains(invited.account().email());

    // the browser's own check (minlength) is bypassed to see the server's sentence
    browser.executeScript(
        "document.getElementById('password').removeAttribute('minlength');"
            + "document.getElementById('confirmation').removeAttribute('minlength');");
    browser.findElement(By.id("password")).sendKeys("trop court");
    browser.findElement(By.id("confirmation")).sendKeys("trop court");
    browser.findElement(By.cssSelector("#activation-form button[type=submit]")).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("password-error")));
    assertThat(browser.findElement(By.id("password-error")).getText())
        .isEqualTo("Ce mot de passe est trop court : il faut au moins 12 caractères.");

    browser.findElement(By.id("password")).sendKeys(PASSWORD);
    browser.findElement(By.id("confirmation")).sendKeys(PASSWORD);
    browser.findElement(By.cssSelector("#activation-form button[type=submit]")).click();

    wait.until(ExpectedConditions.urlContains("/espace"));
    assertThat(browser.getCurrentUrl()).endsWith("/espace?bienvenue");
    assertThat(browser.findElement(By.id("welcome")).getText())
        .isEqualTo("Votre espace est activé. Bienvenue !");
    assertThat(browser.findElement(By.id("dossier-heading")).getText())
        .isEqualTo(invited.dossier().companyName());
    assertThat(accounts.get(invited.account().id()).status()).isEqualTo(AccountStatus.ACTIVE);

    // the link is used up: opening it again says so
    browser.get("http://localhost:" + port + "/activation/" + invited.token());
    assertThat(browser.findElement(By.tagName("h1")).getText())
        .isEqualTo("Ce lien ne fonctionne plus");
  }
}
