package io.passerelle.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.passerelle.support.Api;
import io.passerelle.support.PasserelleSpringTest;
import io.passerelle.support.StaffSignIn;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Mail sent through Spring Mail lands in the in-process SMTP server and on the mailbox page, which
 * a signed-in administrator reads (the refusals are in {@code security.DevToolsAttackTest}).
 */
@PasserelleSpringTest
class DevMailboxTest {

  @Autowired JavaMailSender sender;
  @Autowired DevMailServer server;
  @Autowired MockMvc mvc;
  @LocalServerPort int port;
  MockHttpSession admin;

  @BeforeEach
  void signIn() throws Exception {
    admin = StaffSignIn.session(mvc, Api.ADMIN);
  }

  @Test
  @DisplayName("a mail sent over SMTP is listed on /dev/mailbox and shown whole with its link")
  void mailShowsOnTheMailboxPage() throws Exception {
    String marker = UUID.randomUUID().toString();
    long id = send("client-" + marker + "@example.test", "Invitation " + marker);

    mvc.perform(get("/dev/mailbox").session(admin))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("Invitation " + marker)))
        .andExpect(content().string(containsString("Léa Morel")))
        .andExpect(content().string(not(containsString("=?UTF-8?"))));
    mvc.perform(get("/dev/mailbox/" + id).session(admin))
        .andExpect(status().isOk())
        .andExpect(
            content()
                .string(containsString("href=\"http://localhost:8080/activation/" + marker + "\"")))
        .andExpect(content().string(containsString("sandbox=\"")))
        .andExpect(content().string(containsString("/dev/mailbox/" + id + "/html")));
  }

  @Test
  @DisplayName(
      "the HTML view may be framed by the mailbox's own page only, sandboxed, no script: not DENY")
  void htmlViewFramedByItsOwnPage() throws Exception {
    String marker = UUID.randomUUID().toString();
    long id = send("cadre-" + marker + "@example.test", "Cadre " + marker);

    mvc.perform(get("/dev/mailbox/" + id + "/html").session(admin))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("&lt;client&gt;")))
        .andExpect(header().string("X-Frame-Options", "SAMEORIGIN"))
        .andExpect(header().string("Content-Security-Policy", startsWith("sandbox")))
        .andExpect(
            header().string("Content-Security-Policy", containsString("frame-ancestors 'self'")))
        .andExpect(
            header().string("Content-Security-Policy", containsString("default-src 'none'")));
    // the message page around it keeps the pages' policy, which lets it frame its own origin only
    mvc.perform(get("/dev/mailbox/" + id).session(admin))
        .andExpect(header().string("X-Frame-Options", "DENY"))
        .andExpect(header().string("Content-Security-Policy", containsString("frame-src 'self'")));
  }

  @Test
  @DisplayName("a mail keeps its number while mail arrives for other recipients, before and after")
  void stableNumbers() throws Exception {
    String marker = UUID.randomUUID().toString().substring(0, 8);
    // GreenMail keeps mail per recipient: positions used to shift when a recipient sorted before
    long first = send("zz-" + marker + "@example.test", "Premier " + marker);
    long second = send("aa-" + marker + "@example.test", "Deuxième " + marker);
    send("mm-" + marker + "@example.test", "Troisième " + marker);

    assertThat(second).isGreaterThan(first);
    mvc.perform(get("/dev/mailbox/" + first).session(admin))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("Premier " + marker)));
    mvc.perform(get("/dev/mailbox/" + second).session(admin))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("Deuxième " + marker)));
  }

  @Test
  @DisplayName("a mail number that does not exist gets a readable 404 page")
  void unknownMail() throws Exception {
    mvc.perform(get("/dev/mailbox/99999").session(admin).accept(MediaType.TEXT_HTML))
        .andExpect(status().isNotFound())
        .andExpect(content().string(containsString("99999")));
  }

  @Test
  @DisplayName(
      "over real HTTP the list is whole past the 8 kB response buffer, down to its purge form")
  void longListIsWhole() throws Exception {
    String marker = UUID.randomUUID().toString().substring(0, 8);
    for (int i = 0; i < 40; i++) {
      send("long-" + i + "-" + marker + "@example.test", "Une liste longue " + i + " " + marker);
    }
    var http = StaffSignIn.http("http://localhost:" + port, Api.ADMIN);

    var page = http.get("/dev/mailbox");

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body().length()).isGreaterThan(8 * 1024);
    assertThat(page.body()).contains("/dev/mailbox/purge").contains("name=\"_csrf\"");
    assertThat(page.body().stripTrailing()).endsWith("</html>");
  }

  /** Sends a mail to this address and returns its number in the mailbox. */
  private long send(String to, String subject) throws Exception {
    MimeMessage message = sender.createMimeMessage();
    var helper = new MimeMessageHelper(message, true, "UTF-8");
    helper.setFrom("cabinet@example.test");
    helper.setTo(new InternetAddress(to, "Léa Morel", "UTF-8"));
    helper.setSubject(subject);
    helper.setText(
        "Bonjour, activez votre accès : http://localhost:8080/activation/"
            + subject.substring(subject.lastIndexOf(' ') + 1),
        "<p>Bonjour <b>&lt;client&gt;</b></p>");
    sender.send(message);
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(10))
        .until(() -> server.received().stream().anyMatch(r -> subjectIs(r, subject)));
    return server.received().stream()
        .filter(r -> subjectIs(r, subject))
        .findFirst()
        .orElseThrow()
        .id();
  }

  private static boolean subjectIs(DevMailServer.Received received, String subject) {
    return subject.equals(DevMailServer.subjectOf(received.message()));
  }
}
