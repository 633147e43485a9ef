package io.passerelle.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.passerelle.support.ScriptedSmtpServer;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.MimeMessageHelper;

/** The mail sender keeps its SMTP connections open between mails, and recovers when they die. */
class PooledJavaMailSenderTest {

  private GreenMail server;
  private final PooledJavaMailSender sender = new PooledJavaMailSender();

  @AfterEach
  void stop() {
    sender.destroy();
    if (server != null) {
      server.stop();
    }
  }

  @Test
  @DisplayName("mails sent one after the other share one connection and keep their Message-ID")
  void reusesConnection() throws Exception {
    int port = startServer(freePort());

    for (int i = 1; i <= 5; i++) {
      sender.send(message("client" + i + "@client.test", "<m" + i + "@cabinet.example>"));
    }

    assertThat(server.getReceivedMessages()).hasSize(5);
    assertThat(server.getReceivedMessages()[4].getMessageID()).isEqualTo("<m5@cabinet.example>");
    assertThat(sender.connectionsOpened()).isEqualTo(1);
    assertThat(port).isPositive();
  }

  @Test
  @DisplayName("a connection the server closed meanwhile is replaced and the mail goes out once")
  void serverRestarted() throws Exception {
    int port = startServer(freePort());
    sender.send(message("avant@client.test", "<avant@cabinet.example>"));
    server.stop();
    startServer(port);

    sender.send(message("apres@client.test", "<apres@cabinet.example>"));

    assertThat(server.getReceivedMessages()).hasSize(1);
    assertThat(server.getReceivedMessages()[0].getMessageID()).isEqualTo("<apres@cabinet.example>");
    assertThat(sender.connectionsOpened()).isEqualTo(2);
  }

  @Test
  @DisplayName("a refused recipient is a permanent failure, and its connection is not kept")
  void refusedRecipient() throws Exception {
    try (var refusing = new ScriptedSmtpServer("550 5.1.1 No such user")) {
      sender.setHost("127.0.0.1");
      sender.setPort(refusing.port());
      MimeMessage first = message("inconnu@client.test", "<x1@cabinet.example>");

      assertThatThrownBy(() -> sender.send(first))
          .isInstanceOf(MailSendException.class)
          .satisfies(e -> assertThat(SmtpFailures.isPermanent(e)).isTrue());
      assertThatThrownBy(() -> sender.send(message("autre@client.test", "<x2@cabinet.example>")))
          .isInstanceOf(MailSendException.class);
      assertThat(sender.connectionsOpened()).isEqualTo(2);
    }
  }

  @Test
  @DisplayName("no server: every mail of the call failed, as a temporary failure")
  void noServer() throws Exception {
    sender.setHost("127.0.0.1");
    sender.setPort(freePort());

    assertThatThrownBy(() -> sender.send(message("a@client.test", "<n1@cabinet.example>")))
        .isInstanceOf(MailSendException.class)
        .satisfies(e -> assertThat(SmtpFailures.isPermanent(e)).isFalse())
        .satisfies(e -> assertThat(((MailSendException) e).getFailedMessages()).hasSize(1));
  }

  private int startServer(int port) {
    var setup = new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
    server = new GreenMail(setup);
    server.start();
    sender.setHost("127.0.0.1");
    sender.setPort(port);
    return port;
  }

  private MimeMessage message(String to, String messageId) throws Exception {
    MimeMessage message = sender.createMimeMessage();
    var helper = new MimeMessageHelper(message, "UTF-8");
    helper.setFrom("passerelle@cabinet.example");
    helper.setTo(to);
    helper.setSubject("Invitation");
    helper.setText("Bonjour");
    message.setHeader("Message-ID", messageId);
    return message;
  }

  private static int freePort() throws IOException {
    try (var socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
