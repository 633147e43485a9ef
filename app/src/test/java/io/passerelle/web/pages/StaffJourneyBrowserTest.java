package io.passerelle.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import io.passerelle.account.InvitationService;
import io.passerelle.account.InvitationStatus;
import io.passerelle.contact.AccessLevel;
import io.passerelle.contact.ContactService;
import io.passerelle.contact.DossierLinkService;
import io.passerelle.contact.Language;
import io.passerelle.contact.NewContact;
import io.passerelle.contact.SubscriberType;
import io.passerelle.dossier.DossierService;
import io.passerelle.dossier.DossierView;
import io.passerelle.onboarding.OnboardingService;
import io.passerelle.onboarding.ProposeCollaborativeService;
import io.passerelle.staff.StaffService;
import io.passerelle.support.Api;
import io.passerelle.support.CspViolations;
import io.passerelle.support.Fixtures;
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
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What a member of the firm does in a real browser (headless Chromium): sign in, propose a service
 * to a new contact, see it pending, find the invitation in the development mailbox, see the client
 * active (status, widget, notification), resend and cancel from the pending list, and complete a
 * follow-up task rendered by form-js after the engine clock moved. Explicit waits only. The client
 * activates from the mail's link in a second browser of their own.
 */
@PasserelleSpringTest
class StaffJourneyBrowserTest {

  private static final Duration PATIENCE = Duration.ofSeconds(40);
  private static final String PASSWORD = "un mot de passe assez long";

  @LocalServerPort int port;
  @Autowired StaffService staff;
  @Autowired DossierService dossiers;
  @Autowired ContactService contacts;
  @Autowired DossierLinkService links;
  @Autowired InvitationService invitations;
  @Autowired OnboardingService onboardings;

  ChromeDriver browser;
  Fixtures fixtures;

  @BeforeEach
  void open() {
    fixtures = new Fixtures(staff, dossiers, contacts, links);
    browser = HeadlessChromium.start();
    CspViolations.watch(browser);
  }

  @AfterEach
  void close() {
    browser.quit();
  }

  @Test
  @DisplayName(
      "sign in, propose a service to a new contact, see it pending, open the invitation in the"
          + " mailbox, then see the client active, the widget enabled and the notification")
  void proposeToANewContactUntilActive() {
    DossierView dossier = fixtures.dossier(Api.MANAGER);
    String email = TestData.email("navigateur");
    signIn(Api.MANAGER);

    go("/dossiers/" + dossier.id());
    browser.findElement(By.id("firstName")).sendKeys("Nina");
    browser.findElement(By.id("lastName")).sendKeys("Navigateur");
    browser.findElement(By.id("email")).sendKeys(email);
    new Select(browser.findElement(By.id("accessLevel"))).selectByValue("READ_WRITE");
    browser.findElement(By.id("customMessage")).sendKeys("Bienvenue dans votre espace.");
    browser.findElement(By.id("propose")).click();

    waitFor(ExpectedConditions.urlContains("/integrations/"));
    assertThat(text(".success")).contains("Le service est proposé");
    refreshUntil(
        d -> !d.findElements(By.cssSelector("#invitations tr[data-status='SENT']")).isEmpty());
    assertThat(text("#onboarding-status")).isEqualTo("En cours");
    // the diagrams (onboarding and its invitation call) drawn by bpmn-js, the waiting step marked
    refreshUntil(d -> d.findElements(By.cssSelector(".diagram[data-ready='true']")).size() == 2);
    assertThat(browser.findElements(By.cssSelector(".diagram .highlight-current"))).isNotEmpty();
    assertThat(browser.findElements(By.cssSelector(".diagram .highlight-passed"))).isNotEmpty();
    assertThat(text(".current-steps")).isNotBlank();
    // bpmn-js draws under the pages' Content-Security-Policy (no inline script or style)
    assertThat(CspViolations.onThisPage(browser)).isEmpty();

    // the most recently sent first: the suite leaves many pending invitations in the shared
    // database
    go("/activations-en-attente?ordre=desc");
    assertThat(text("#pending"))
        .contains(email)
        .contains(dossier.companyName())
        .contains("Claire Martin");

    // the development mailbox is an administrator's (issue 19)
    signIn(Api.ADMIN);
    go("/dev/mailbox");
    var row =
        browser.findElements(By.cssSelector("tr.mail")).stream()
            .filter(r -> r.findElement(By.className("to")).getText().contains(email))
            .findFirst()
            .orElseThrow();
    row.findElement(By.className("subject")).click();
    String link =
        browser
            .findElement(By.cssSelector("a.mail-link[href*='/activation/']"))
            .getAttribute("href");
    assertThat(link).contains("/activation/");
    signIn(Api.MANAGER);

    // the client activates from the link, in a browser of their own
    ChromeDriver client = HeadlessChromium.start();
    try {
      client.get(
          "http://localhost:" + port + "/activation/" + link.substring(link.lastIndexOf('/') + 1));
      client.findElement(By.id("password")).sendKeys(PASSWORD);
      client.findElement(By.id("confirmation")).sendKeys(PASSWORD);
      client.findElement(By.cssSelector("#activation-form button[type=submit]")).click();
      new WebDriverWait(client, PATIENCE)
          .until(ExpectedConditions.presenceOfElementLocated(By.id("welcome")));
    } finally {
      client.quit();
    }

    go("/dossiers/" + dossier.id());
    refreshUntil(
        d ->
            d.findElement(By.cssSelector("tr[data-offer='START'] .widget-state"))
                .getText()
                .contains("Widget activé"));
    assertThat(browser.findElement(By.id("linked-contacts")).getText())
        .contains("Nina Navigateur")
        .contains("Activé");
    refreshUntil(d -> d.findElement(By.id("onboardings")).getText().contains("Client intégré"));

    refreshUntil(d -> !d.findElements(By.id("unread-count")).isEmpty());
    browser.findElement(By.id("notifications-link")).click();
    assertThat(text("#inbox"))
        .contains("Un client a activé son compte")
        .contains("Nina Navigateur");
  }

  @Test
  @DisplayName("resend, then cancel, from the pending list")
  void resendThenCancelFromThePendingList() {
    DossierView dossier = fixtures.dossier(Api.MANAGER);
    String email = TestData.email("attente");
    long onboarding = propose(dossier.id(), email, "Paul", "Patience");
    long first = awaitSentInvitation(onboarding);
    signIn(Api.MANAGER);

    go("/activations-en-attente?ordre=desc");
    browser.findElement(By.id("inv-" + first)).click();
    browser.findElement(By.cssSelector("button[value='renvoyer']")).click();
    assertThat(text(".success")).contains("1 invitation(s) renvoyée(s)");

    long second =
        waitFor(
            d -> {
              var latest = invitations.forOnboarding(onboarding).getFirst();
              return latest.id() != first && latest.status() == InvitationStatus.SENT
                  ? latest.id()
                  : null;
            });
    assertThat(invitations.get(first).status()).isEqualTo(InvitationStatus.SUPERSEDED);

    go("/activations-en-attente?ordre=desc");
    assertThat(browser.findElements(By.id("inv-" + first))).isEmpty();
    browser.findElement(By.id("inv-" + second)).click();
    browser.findElement(By.cssSelector("button[value='annuler']")).click();
    assertThat(text(".success")).contains("1 invitation(s) annulée(s)");
    assertThat(invitations.get(second).status()).isEqualTo(InvitationStatus.CANCELLED);
    assertThat(browser.findElements(By.id("inv-" + second))).isEmpty();
  }

  @Test
  @DisplayName(
      "after the engine clock moves past the expiry, the follow-up task is completed through its form")
  void completeAFollowUpTask() throws Exception {
    DossierView dossier = fixtures.dossier(Api.MANAGER);
    String email = TestData.email("expire");
    long onboarding = propose(dossier.id(), email, "Eve", "Expirée");
    long invitation = awaitSentInvitation(onboarding);

    // an administrator moves the engine clock from the development page (issue 19)
    signIn(Api.ADMIN);
    go("/dev");
    String offsetBefore = text("#engine-offset");
    var duration = browser.findElement(By.id("duration"));
    duration.clear();
    duration.sendKeys("P46D");
    duration.submit();
    waitFor(
        d -> {
          try {
            return d.findElements(By.id("engine-offset")).stream()
                    .anyMatch(e -> !e.getText().equals(offsetBefore))
                ? true
                : null;
          } catch (org.openqa.selenium.StaleElementReferenceException reloading) {
            return null;
          }
        });

    signIn(Api.MANAGER);
    go("/taches");
    refreshUntil(d -> d.findElement(By.tagName("main")).getText().contains(dossier.companyName()));
    browser.findElements(By.cssSelector("#tasks tr")).stream()
        .filter(r -> r.getText().contains(dossier.companyName()))
        .findFirst()
        .orElseThrow()
        .findElement(By.linkText("Traiter"))
        .click();

    waitFor(ExpectedConditions.attributeToBe(By.id("task-form"), "data-ready", "true"));
    assertThat(text("#task-form")).contains("Invitation expirée").contains("Suite à donner");
    // form-js renders under the pages' Content-Security-Policy (no inline script or style)
    assertThat(CspViolations.onThisPage(browser)).isEmpty();
    // the form's own check: nothing chosen yet, nothing is sent
    browser.findElement(By.id("complete")).click();
    assertThat(browser.getCurrentUrl()).contains("/taches/");
    browser.findElements(By.cssSelector("#task-form label")).stream()
        .filter(l -> l.getText().contains("Prolonger l'invitation"))
        .findFirst()
        .orElseThrow()
        .click();
    browser.findElement(By.cssSelector("#task-form textarea")).sendKeys("Client en congés");
    browser.findElement(By.id("complete")).click();

    waitFor(ExpectedConditions.urlToBe(url("/taches")));
    assertThat(text(".success")).contains("Tâche terminée");
    waitFor(d -> invitations.get(invitation).status() == InvitationStatus.SENT ? true : null);
  }

  // ---- helpers ----

  private long propose(long dossierId, String email, String first, String last) {
    return onboardings
        .propose(
            new ProposeCollaborativeService(
                dossierId,
                null,
                new NewContact(
                    first,
                    last,
                    null,
                    null,
                    SubscriberType.CLIENT,
                    null,
                    email,
                    null,
                    "DIRIGEANT",
                    false,
                    Language.fr),
                null,
                AccessLevel.READ_ONLY,
                false,
                "START",
                null,
                true),
            fixtures.actor(Api.MANAGER))
        .id();
  }

  private long awaitSentInvitation(long onboardingId) {
    return waitFor(
        d ->
            invitations.forOnboarding(onboardingId).stream()
                .filter(i -> i.status() == InvitationStatus.SENT)
                .findFirst()
                .map(i -> i.id())
                .orElse(null));
  }

  private void signIn(String username) {
    go("/connexion");
    browser.findElement(By.id("username")).sendKeys(username);
    browser.findElement(By.id("password")).sendKeys(Api.passwordOf(username));
    browser.findElement(By.cssSelector("form button[type='submit']")).click();
    waitFor(ExpectedConditions.presenceOfElementLocated(By.id("notifications-link")));
  }

  private void go(String path) {
    browser.get(url(path));
  }

  private String url(String path) {
    return "http://localhost:" + port + path;
  }

  /** The text of an element, waiting for it: after a click, the next page may still be loading. */
  private String text(String css) {
    return waitFor(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css))).getText();
  }

  private <T> T waitFor(Function<? super WebDriver, T> condition) {
    return new WebDriverWait(browser, PATIENCE)
        .pollingEvery(Duration.ofMillis(200))
        .until(condition);
  }

  /** Reloads the page until the condition holds: what a person does while a process moves on. */
  private void refreshUntil(Function<WebDriver, Boolean> condition) {
    new WebDriverWait(browser, PATIENCE)
        .pollingEvery(Duration.ofMillis(500))
        .ignoring(org.openqa.selenium.NoSuchElementException.class)
        .until(
            d -> {
              if (Boolean.TRUE.equals(condition.apply(d))) {
                return true;
              }
              d.navigate().refresh();
              return false;
            });
  }
}
