package io.passerelle.microsoft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.passerelle.account.AccountService;
import io.passerelle.account.AccountStatus;
import io.passerelle.account.InvitationService;
import io.passerelle.account.InvitationStatus;
import io.passerelle.catalog.CatalogService;
import io.passerelle.contact.ContactService;
import io.passerelle.contact.DossierLinkService;
import io.passerelle.dossier.DossierService;
import io.passerelle.dossier.WidgetState;
import io.passerelle.mail.DevMailServer;
import io.passerelle.notification.NotificationService;
import io.passerelle.onboarding.OnboardingService;
import io.passerelle.staff.StaffService;
import io.passerelle.support.Api;
import io.passerelle.support.EntraIdProvider.Person;
import io.passerelle.support.Fixtures;
import io.passerelle.support.HeadlessChromium;
import io.passerelle.support.IsolatedSpringTest;
import io.passerelle.support.Mailbox;
import io.passerelle.support.TestData;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Issue 23 in a real browser, with a real OpenID Connect provider: the client reads the invitation
 * mail, follows its link, clicks "Se connecter avec Microsoft", signs in at the tenant's page and
 * lands in their space; the account is activated, the onboarding completes on the engine (widget
 * enabled, staff told). Then a staff member signs in with Microsoft from the staff's sign-in page.
 */
@IsolatedSpringTest
class MicrosoftSignInBrowserTest extends MicrosoftSignInContext {

  private static final Pattern LINK = Pattern.compile("(http://\\S+/activation/[A-Za-z0-9_-]+)");

  @Autowired MockMvc mvc;
  @Autowired ObjectMapper json;
  @Autowired StaffService staff;
  @Autowired DossierService dossiers;
  @Autowired ContactService contacts;
  @Autowired DossierLinkService links;
  @Autowired CatalogService catalog;
  @Autowired OnboardingService onboardings;
  @Autowired InvitationService invitations;
  @Autowired AccountService accounts;
  @Autowired NotificationService notifications;
  @Autowired DevMailServer mailServer;
  @Autowired GuestInvitationService guests;
  @Autowired JdbcClient jdbc;

  ChromeDriver browser;
  MicrosoftOnboardings microsoft;
  Fixtures fixtures;

  @BeforeEach
  void open() {
    fixtures = new Fixtures(staff, dossiers, contacts, links);
    microsoft =
        new MicrosoftOnboardings(
            Api.as(mvc, json, Api.MANAGER), fixtures, catalog, onboardings, invitations, dossiers);
    browser = HeadlessChromium.start();
    String userAgent = (String) browser.executeScript("return navigator.userAgent");
    browser.executeCdpCommand(
        "Network.setUserAgentOverride",
        Map.of("userAgent", userAgent, "acceptLanguage", "fr-FR,fr;q=0.9"));
  }

  @AfterEach
  void close() {
    browser.quit();
  }

  @Test
  @DisplayName(
      "invitation mail → link → Se connecter avec Microsoft → the tenant's sign-in → the space;"
          + " the onboarding completes")
  void clientSignsInWithMicrosoft() throws Exception {
    String email = TestData.email("navigateur.ms");
    var proposed = microsoft.propose(email);
    long staffUnread = notifications.unreadCount(fixtures.staffId(Api.STAFF));
    String mail = Mailbox.text(new Mailbox(mailServer).await(email, 1).getFirst());
    var link = LINK.matcher(mail);
    assertThat(link.find()).as("the activation link in:\n" + mail).isTrue();
    assertThat(link.group(1)).startsWith(base + "/activation/");
    Person jeanne = PROVIDER.user(Person.guest(email));
    var wait = new WebDriverWait(browser, Duration.ofSeconds(20));

    browser.get(link.group(1));
    assertThat(browser.findElement(By.tagName("h1")).getText())
        .isEqualTo("Activer votre espace client");
    assertThat(browser.findElements(By.id("activation-form"))).isEmpty();
    browser.findElement(By.id("microsoft-sign-in")).click();

    // the tenant's sign-in page (the provider's own form), on another host
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
    assertThat(browser.getCurrentUrl()).startsWith(PROVIDER.authority());
    browser.findElement(By.id("username")).sendKeys(jeanne.login());
    browser.findElement(By.id("password")).sendKeys(jeanne.password());
    browser.findElement(By.cssSelector("button[type=submit]")).click();

    wait.until(ExpectedConditions.urlContains("/espace"));
    assertThat(browser.getCurrentUrl()).isEqualTo(base + "/espace?bienvenue");
    assertThat(browser.findElement(By.id("welcome")).getText())
        .isEqualTo("Votre espace est activé. Bienvenue !");
    assertThat(browser.findElement(By.id("dossier-heading")).getText())
        .isEqualTo(proposed.dossier().companyName());

    microsoft.awaitOnboarded(proposed.onboardingId());
    var account = accounts.byEmail(email).orElseThrow();
    assertThat(account.status()).isEqualTo(AccountStatus.ACTIVE);
    assertThat(invitations.forAccount(account.id()).getFirst().status())
        .isEqualTo(InvitationStatus.ACCEPTED);
    assertThat(microsoft.widgetOf(proposed.dossier().id())).isEqualTo(WidgetState.ENABLED);
    assertThat(notifications.unreadCount(fixtures.staffId(Api.STAFF))).isGreaterThan(staffUnread);

    // the link is used: it says so, and the space opens with Microsoft from the sign-in page
    browser.get(link.group(1));
    assertThat(browser.findElement(By.tagName("h1")).getText())
        .isEqualTo("Ce lien ne fonctionne plus");
  }

  @Test
  @DisplayName("a staff member signs in with Microsoft from the staff's sign-in page")
  void staffSignsInWithMicrosoft() {
    Person sophie = PROVIDER.user(Person.member("sophie.durand@cabinet.example"));
    var wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    browser.get(base + "/portefeuille");
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("microsoft-sign-in")));
    browser.findElement(By.id("microsoft-sign-in")).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
    browser.findElement(By.id("username")).sendKeys(sophie.login());
    browser.findElement(By.id("password")).sendKeys(sophie.password());
    browser.findElement(By.cssSelector("button[type=submit]")).click();
    wait.until(ExpectedConditions.urlContains(base));
    wait.until(d -> !d.getCurrentUrl().contains("/login"));
    assertThat(browser.getCurrentUrl()).doesNotContain("/connexion");
    assertThat(browser.getPageSource()).contains("Sophie");
  }

  @Test
  @DisplayName(
      "a line waiting for the Microsoft guest on the pending list: 'select all' ticks it with the"
          + " invitations; ticked alone, 'Renvoyer' re-sends the guest invitation once")
  void guestLineResentFromThePendingList() throws Exception {
    String email = TestData.email("ligne.invite");
    NOT_IN_TENANT.add(email);
    long onboarding = microsoft.start(email, null).onboardingId();
    await()
        .atMost(MicrosoftOnboardings.PATIENCE)
        .until(() -> guests.state(onboarding).status() == GuestInvitationStatus.PENDING_ACCEPTANCE);
    jdbc.sql(
            "update guest_invitation set sent_at = now() - interval '5 minutes'"
                + " where onboarding_id = ?")
        .param(onboarding)
        .update();
    // a line of the other kind on the same page
    microsoft.propose(TestData.email("ligne.service"));

    var wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    browser.get(base + "/connexion");
    browser.findElement(By.id("username")).sendKeys(Api.MANAGER);
    browser.findElement(By.id("password")).sendKeys(Api.passwordOf(Api.MANAGER));
    browser.findElement(By.cssSelector("form button[type=submit]")).click();
    wait.until(d -> !d.getCurrentUrl().contains("/connexion"));
    browser.get(base + "/activations-en-attente?ordre=desc");
    var line = browser.findElement(By.id("onb-" + onboarding));
    assertThat(
            browser
                .findElement(By.cssSelector("tr[data-onboarding='" + onboarding + "']"))
                .getText())
        .contains(email)
        .contains("En attente d'acceptation")
        .contains("Après l'invitation Microsoft");
    var invitationBoxes = browser.findElements(By.cssSelector("input[name='invitation']"));
    assertThat(invitationBoxes).isNotEmpty();

    browser.findElement(By.id("select-all")).click();
    assertThat(line.isSelected()).isTrue();
    assertThat(invitationBoxes).allMatch(box -> box.isSelected());
    browser.findElement(By.id("select-all")).click();
    assertThat(line.isSelected()).isFalse();

    line.click();
    browser.findElement(By.cssSelector("button[value='renvoyer']")).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".success")));
    assertThat(browser.findElement(By.cssSelector(".success")).getText())
        .contains("1 invitation(s) renvoyée(s)");
    assertThat(graphInvitationsTo(email)).as("the first and one resend").hasSize(2);
  }
}
