package io.passerelle.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.passerelle.support.Api;
import io.passerelle.support.HeadlessChromium;
import io.passerelle.support.PasserelleSpringTest;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.UUID;
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
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * An administrator opens the development mailbox in a real browser, signs in on the way, and
 * follows a mail's link; the HTML version shows in its frame.
 */
@PasserelleSpringTest
class DevMailboxBrowserTest {

  @LocalServerPort int port;
  @Autowired JavaMailSender sender;
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
      "the mailbox asks for the sign-in, lists a mail; its page shows the link, which leads where it"
          + " says, and its HTML version in the frame")
  void openAMailAndFollowItsLink() throws Exception {
    String marker = UUID.randomUUID().toString().substring(0, 8);
    MimeMessage mail = sender.createMimeMessage();
    var helper = new MimeMessageHelper(mail, true, "UTF-8");
    helper.setFrom("cabinet@example.test");
    helper.setTo("navigateur-" + marker + "@client.test");
    helper.setSubject("Lien " + marker);
    helper.setText(
        "Suivez : http://localhost:" + port + "/dev/clock",
        "<p id=\"corps\">Version HTML " + marker + "</p>");
    sender.send(mail);

    browser.get("http://localhost:" + port + "/dev/mailbox");
    // the sign-in first, then back to the mailbox
    browser.findElement(By.id("username")).sendKeys(Api.ADMIN);
    browser.findElement(By.id("password")).sendKeys(Api.passwordOf(Api.ADMIN));
    browser.findElement(By.cssSelector("form button[type='submit']")).click();
    var link =
        new WebDriverWait(browser, Duration.ofSeconds(20))
            .until(ExpectedConditions.presenceOfElementLocated(By.linkText("Lien " + marker)));
    link.click();

    assertThat(browser.findElement(By.id("subject")).getText()).isEqualTo("Lien " + marker);
    assertThat(browser.findElement(By.id("to")).getText()).contains("navigateur-" + marker);
    // the HTML version is shown in its frame (it was blank when sent with X-Frame-Options: DENY)
    browser.switchTo().frame(browser.findElement(By.cssSelector("iframe.mail-html")));
    assertThat(
            new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(ExpectedConditions.presenceOfElementLocated(By.id("corps")))
                .getText())
        .isEqualTo("Version HTML " + marker);
    browser.switchTo().defaultContent();
    browser.findElement(By.cssSelector("a.mail-link")).click();
    assertThat(browser.getPageSource()).contains("engineTime");
  }
}
