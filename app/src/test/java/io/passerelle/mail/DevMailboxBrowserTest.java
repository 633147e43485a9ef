package io.passerelle.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.passerelle.support.HeadlessChromium;
import io.passerelle.support.PasserelleSpringTest;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;

/** A person opens the development mailbox in a real browser and follows a mail's link. */
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
  @DisplayName("the mailbox lists a mail; its page shows the link, which leads where it says")
  void openAMailAndFollowItsLink() {
    String marker = UUID.randomUUID().toString().substring(0, 8);
    var mail = new SimpleMailMessage();
    mail.setFrom("cabinet@example.test");
    mail.setTo("navigateur-" + marker + "@client.test");
    mail.setSubject("Lien " + marker);
    mail.setText("Suivez : http://localhost:" + port + "/dev/clock");
    sender.send(mail);

    browser.get("http://localhost:" + port + "/dev/mailbox");
    var link = browser.findElement(By.linkText("Lien " + marker));
    link.click();

    assertThat(browser.findElement(By.id("subject")).getText()).isEqualTo("Lien " + marker);
    assertThat(browser.findElement(By.id("to")).getText()).contains("navigateur-" + marker);
    browser.findElement(By.cssSelector("a.mail-link")).click();
    assertThat(browser.getPageSource()).contains("engineTime");
  }
}
