package io.passerelle.mail.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import io.passerelle.mail.DevMailServer;
import io.passerelle.staff.StaffPrincipal;
import io.passerelle.staff.StaffRole;
import io.passerelle.staff.StaffService;
import io.passerelle.support.WebSliceTest;
import io.passerelle.support.WebSlices;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The development mailbox ({@code /dev/mailbox}) in the web slice, with the tools on and the mail
 * server mocked: the development chain (sign-in, administrators only, CSRF on the purge), the list
 * newest first, a mail whole with its links, its HTML alone under a sandboxing policy, an unknown
 * mail as 404. Mails really received are tested with the whole application ({@code
 * mail.DevMailboxTest}); the tools' absence when off, in {@code security.DevelopmentOffTest}.
 */
@WebSliceTest
class DevMailboxControllerTest {

  static final StaffPrincipal ADMIN = WebSlices.member(1, "Anne", "Roux", StaffRole.ADMIN);
  static final StaffPrincipal MANAGER = WebSlices.member(7, "Claire", "Martin", StaffRole.MANAGER);

  @Autowired MockMvc mvc;
  @Autowired StaffService staff;
  @Autowired DevMailServer server;

  @Test
  @DisplayName("signed out: the sign-in page; a member who is not an administrator: 403")
  void administratorsOnly() throws Exception {
    mvc.perform(get("/dev/mailbox")).andExpect(WebSlices.signInPage());
    mvc.perform(get("/dev/mailbox").with(WebSlices.onPages(staff, MANAGER)))
        .andExpect(status().isForbidden());
    verifyNoInteractions(server);
  }

  @Test
  @DisplayName("the mails, newest first")
  void list() throws Exception {
    when(server.received())
        .thenReturn(
            new ArrayList<>(
                List.of(
                    new DevMailServer.Received(1, mail("Première", null)),
                    new DevMailServer.Received(2, mail("Seconde", null)))));

    String page =
        mvc.perform(get("/dev/mailbox").with(WebSlices.onPages(staff, ADMIN)))
            .andExpect(status().isOk())
            .andExpect(view().name("dev/mailbox"))
            .andReturn()
            .getResponse()
            .getContentAsString();

    assertThat(page).contains("2 message(s)", "href=\"/dev/mailbox/2\"");
    assertThat(page.indexOf("Seconde")).isLessThan(page.indexOf("Première"));
  }

  @Test
  @DisplayName("a mail whole: its subject, recipient, text and links; unknown: 404")
  void show() throws Exception {
    when(server.find(2))
        .thenReturn(
            Optional.of(
                new DevMailServer.Received(
                    2, mail("Votre invitation", "<p><a href=\"http://localhost/a\">x</a></p>"))));
    when(server.find(3)).thenReturn(Optional.empty());

    String page =
        mvc.perform(get("/dev/mailbox/2").with(WebSlices.onPages(staff, ADMIN)))
            .andExpect(status().isOk())
            .andExpect(view().name("dev/mail"))
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(page)
        .contains("<h1 id=\"subject\">Votre invitation</h1>", "jeanne@example.fr")
        .contains("Bonjour, suivez http://localhost/a", "src=\"/dev/mailbox/2/html\"");

    mvc.perform(get("/dev/mailbox/3").with(WebSlices.onPages(staff, ADMIN)))
        .andExpect(status().isNotFound());
  }

  @Test
  @DisplayName("the HTML alone, sandboxed and framed by this origin only; none: 404")
  void html() throws Exception {
    when(server.find(2))
        .thenReturn(
            Optional.of(new DevMailServer.Received(2, mail("Invitation", "<p>Bonjour</p>"))));
    when(server.find(4)).thenReturn(Optional.of(new DevMailServer.Received(4, mail("T", null))));

    mvc.perform(get("/dev/mailbox/2/html").with(WebSlices.onPages(staff, ADMIN)))
        .andExpect(status().isOk())
        .andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML))
        .andExpect(
            header().string("Content-Security-Policy", DevMailboxController.HTML_VIEW_POLICY))
        .andExpect(header().string("X-Frame-Options", "SAMEORIGIN"))
        .andExpect(header().string("Cache-Control", "no-store"))
        .andExpect(content().string("<p>Bonjour</p>"));
    mvc.perform(get("/dev/mailbox/4/html").with(WebSlices.onPages(staff, ADMIN)))
        .andExpect(status().isNotFound());
  }

  @Test
  @DisplayName("purging empties the mailbox (with CSRF only) and comes back to it")
  void purge() throws Exception {
    mvc.perform(post("/dev/mailbox/purge").with(WebSlices.onPages(staff, ADMIN)))
        .andExpect(status().isForbidden());
    verifyNoInteractions(server);

    mvc.perform(post("/dev/mailbox/purge").with(WebSlices.onPages(staff, ADMIN)).with(csrf()))
        .andExpect(redirectedUrl("/dev/mailbox"));
    verify(server).purge();
  }

  private static MimeMessage mail(String subject, String html) throws Exception {
    MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
    message.setFrom(new InternetAddress("passerelle@firm.test"));
    message.setRecipient(Message.RecipientType.TO, new InternetAddress("jeanne@example.fr"));
    message.setSubject(subject, "UTF-8");
    MimeMultipart parts = new MimeMultipart("alternative");
    MimeBodyPart text = new MimeBodyPart();
    text.setText("Bonjour, suivez http://localhost/a", "UTF-8");
    parts.addBodyPart(text);
    if (html != null) {
      MimeBodyPart rich = new MimeBodyPart();
      rich.setContent(html, "text/html; charset=UTF-8");
      parts.addBodyPart(rich);
    }
    message.setContent(parts);
    message.saveChanges();
    return message;
  }
}
