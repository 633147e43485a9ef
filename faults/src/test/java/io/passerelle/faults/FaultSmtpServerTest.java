package io.passerelle.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class FaultSmtpServerTest {

  @Test
  void recordsEachMessageIdWithItsCopiesRecipientAndActivationLink() throws Exception {
    try (var server = new FaultSmtpServer()) {
      send(server, "<invitation.invitation-42.0@cabinet.example>", "lea@faults.example");
      send(server, "<invitation.invitation-42.0@cabinet.example>", "lea@faults.example");
      send(server, "<first-reminder.invitation-42.1@cabinet.example>", "lea@faults.example");

      var invitation = server.get("<invitation.invitation-42.0@cabinet.example>");
      assertThat(invitation.copies()).isEqualTo(2);
      assertThat(invitation.copyInstants()).hasSize(2);
      assertThat(invitation.kind).isEqualTo("invitation");
      assertThat(invitation.subjectId).isEqualTo(42);
      assertThat(invitation.recipient).isEqualTo("lea@faults.example");
      assertThat(invitation.activationToken).isEqualTo("abc_DEF-123");
      assertThat(server.distinct("first-reminder")).isEqualTo(1);
      assertThat(server.get("<first-reminder.invitation-42.1@cabinet.example>").activationToken)
          .isNull();
    }
  }

  @Test
  void refusesWith421WhileAskedThenAcceptsAgain() throws Exception {
    try (var server = new FaultSmtpServer()) {
      server.refuse(true);
      assertThatThrownBy(
              () -> send(server, "<invitation.invitation-1.0@x.example>", "a@faults.example"))
          .isInstanceOf(MessagingException.class)
          .hasMessageContaining("421");
      assertThat(server.refusedConnections()).isEqualTo(1);
      assertThat(server.all()).isEmpty();

      server.refuse(false);
      send(server, "<invitation.invitation-1.0@x.example>", "a@faults.example");
      assertThat(server.distinct("invitation")).isEqualTo(1);
    }
  }

  @Test
  void holdsTheNextMessagesBeforeAccepting() throws Exception {
    try (var server = new FaultSmtpServer()) {
      server.stall(1, 600);
      long started = System.nanoTime();
      send(server, "<invitation.invitation-7.0@x.example>", "b@faults.example");
      assertThat((System.nanoTime() - started) / 1_000_000).isGreaterThanOrEqualTo(550);
      assertThat(server.stalledMessages()).isEqualTo(1);
      started = System.nanoTime();
      send(server, "<invitation.invitation-8.0@x.example>", "c@faults.example");
      assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(550);
    }
  }

  @Test
  void readsTheRecipientOfRcptTo() {
    assertThat(FaultSmtpServer.address("RCPT TO:<Lea.Morel@Faults.Example>"))
        .isEqualTo("lea.morel@faults.example");
  }

  private static void send(FaultSmtpServer server, String messageId, String to)
      throws MessagingException {
    var properties = new Properties();
    properties.put("mail.smtp.host", "127.0.0.1");
    properties.put("mail.smtp.port", String.valueOf(server.port()));
    var session = Session.getInstance(properties);
    var message =
        new MimeMessage(session) {
          @Override
          protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
          }
        };
    message.setFrom(new InternetAddress("cabinet@cabinet.example"));
    message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(to));
    message.setSubject("Votre espace client");
    var text = new MimeBodyPart();
    // quoted-printable with a soft line break inside the link, as Jakarta Mail writes long lines
    text.setText(
        "Bonjour, activez votre espace : http://localhost:8080/activation/abc_DEF-123 — à bientôt "
            + "x".repeat(120),
        "UTF-8");
    message.setContent(new MimeMultipart(text));
    Transport.send(message);
  }
}
