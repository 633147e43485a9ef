package io.passerelle.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.util.Properties;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The benchmark's SMTP server counts what a real client sends it. */
class SmtpSinkTest {

  @Test
  @DisplayName(
      "counts messages by kind, duplicates by Message-ID, connections, and keeps a template")
  void counts() throws Exception {
    try (var sink = new SmtpSink()) {
      var properties = new Properties();
      properties.put("mail.smtp.host", "127.0.0.1");
      properties.put("mail.smtp.port", String.valueOf(sink.port()));
      Session session = Session.getInstance(properties);
      long before = SmtpSink.nowMicros();
      try (Transport transport = session.getTransport("smtp")) {
        transport.connect();
        send(transport, session, "<invitation.invitation-1.0@cabinet.example>", ".leading dot");
        send(transport, session, "<invitation.invitation-2.0@cabinet.example>", "body");
        send(transport, session, "<invitation.invitation-2.0@cabinet.example>", "body again");
        send(transport, session, "<first-reminder.invitation-1.1@cabinet.example>", "reminder");
      }

      assertThat(sink.await("invitation", 2, Instant.now().plusSeconds(5), () -> {})).isTrue();
      // the application gone: the wait ends at once instead of at its deadline
      long waitStarted = System.nanoTime();
      assertThatThrownBy(
              () ->
                  sink.await(
                      "invitation",
                      3,
                      Instant.now().plusSeconds(30),
                      () -> {
                        throw new IllegalStateException("Passerelle stopped during the run");
                      }))
          .hasMessage("Passerelle stopped during the run");
      assertThat(System.nanoTime() - waitStarted).isLessThan(5_000_000_000L);
      assertThat(sink.messages()).isEqualTo(4);
      assertThat(sink.distinct("invitation")).isEqualTo(2);
      assertThat(sink.distinct("first-reminder")).isEqualTo(1);
      assertThat(sink.duplicates()).isEqualTo(1);
      assertThat(sink.duplicates("invitation")).isEqualTo(1);
      assertThat(sink.connections()).isEqualTo(1);
      var first = sink.get("<invitation.invitation-1.0@cabinet.example>");
      assertThat(first.firstAcceptedMicros).isBetween(before, SmtpSink.nowMicros());
      assertThat(sink.lastAccepted("invitation")).isGreaterThanOrEqualTo(first.firstAcceptedMicros);
      String template = new String(sink.template());
      assertThat(template).contains("<invitation.invitation-1.0@cabinet.example>");
      assertThat(template).contains("\r\n.leading dot"); // dot-stuffing undone
    }
  }

  @Test
  @DisplayName("the kind of a Passerelle Message-ID is the part before its first dot")
  void kinds() {
    assertThat(SmtpSink.kindOf("<invitation.invitation-42.0@cabinet.example>"))
        .isEqualTo("invitation");
    assertThat(SmtpSink.kindOf("<second-reminder.invitation-42.2@x>")).isEqualTo("second-reminder");
    assertThat(SmtpSink.kindOf("<nodot@x>")).isEmpty();
  }

  private static void send(Transport transport, Session session, String messageId, String text)
      throws Exception {
    var message =
        new MimeMessage(session) {
          @Override
          protected void updateMessageID() throws jakarta.mail.MessagingException {
            setHeader("Message-ID", messageId);
          }
        };
    message.setFrom(new InternetAddress("passerelle@cabinet.example"));
    message.setRecipient(Message.RecipientType.TO, new InternetAddress("client@client.test"));
    message.setSubject("Invitation");
    message.setText(text);
    message.saveChanges();
    transport.sendMessage(message, message.getAllRecipients());
  }
}
