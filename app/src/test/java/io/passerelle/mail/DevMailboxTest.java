package io.passerelle.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.passerelle.support.PasserelleSpringTest;
import jakarta.mail.internet.MimeMessage;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.test.web.servlet.MockMvc;

/** Mail sent through Spring Mail lands in the in-process SMTP server and on the mailbox page. */
@PasserelleSpringTest
class DevMailboxTest {

  @Autowired JavaMailSender sender;
  @Autowired DevMailServer server;
  @Autowired MockMvc mvc;

  @Test
  @DisplayName("a mail sent over SMTP is listed on /dev/mailbox and shown whole with its link")
  void mailShowsOnTheMailboxPage() throws Exception {
    String marker = UUID.randomUUID().toString();
    int before = server.messages().size();
    MimeMessage message = sender.createMimeMessage();
    var helper = new MimeMessageHelper(message, true, "UTF-8");
    helper.setFrom("cabinet@example.test");
    helper.setTo(
        new jakarta.mail.internet.InternetAddress(
            "client-" + marker + "@example.test", "Léa Morel", "UTF-8"));
    helper.setSubject("Invitation " + marker);
    helper.setText(
        "Bonjour, activez votre accès : http://localhost:8080/activation/" + marker,
        "<p>Bonjour <b>&lt;client&gt;</b></p>");
    sender.send(message);

    assertThat(server.waitForMessages(before + 1, 5_000)).isTrue();
    int index = indexOf(marker);

    mvc.perform(get("/dev/mailbox"))
        .andExpect(status().isOk())
        .andExpect(content().string(org.hamcrest.Matchers.containsString("Invitation " + marker)))
        .andExpect(content().string(org.hamcrest.Matchers.containsString("Léa Morel")))
        .andExpect(
            content()
                .string(
                    org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("=?UTF-8?"))));
    mvc.perform(get("/dev/mailbox/" + index))
        .andExpect(status().isOk())
        .andExpect(
            content()
                .string(
                    org.hamcrest.Matchers.containsString(
                        "href=\"http://localhost:8080/activation/" + marker + "\"")));
    mvc.perform(get("/dev/mailbox/" + index + "/html"))
        .andExpect(status().isOk())
        .andExpect(
            org.springframework.test.web.servlet.result.MockMvcResultMatchers.header()
                .string("Content-Security-Policy", org.hamcrest.Matchers.startsWith("sandbox")));
  }

  @Test
  @DisplayName("a mail number that does not exist gets a readable 404 page")
  void unknownMail() throws Exception {
    mvc.perform(get("/dev/mailbox/99999").accept(org.springframework.http.MediaType.TEXT_HTML))
        .andExpect(status().isNotFound())
        .andExpect(content().string(org.hamcrest.Matchers.containsString("99999")));
  }

  private int indexOf(String marker) {
    var messages = server.messages();
    for (int i = 0; i < messages.size(); i++) {
      if (DevMailServer.subjectOf(messages.get(i)).contains(marker)) {
        return i;
      }
    }
    throw new AssertionError("no mail with " + marker);
  }
}
