package io.passerelle.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.passerelle.firm.FirmProperties;
import io.passerelle.support.PasserelleSpringTest;
import io.passerelle.support.ScriptedSmtpServer;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outbox against real SMTP servers: the development mailbox (GreenMail), a GreenMail that is
 * down then up, and a server that refuses recipients.
 */
@PasserelleSpringTest
@org.junit.jupiter.api.extension.ExtendWith(OutputCaptureExtension.class)
class MailOutboxTest {

  @Autowired MailOutbox outbox;
  @Autowired DevMailServer mailbox;
  @Autowired MailRenderer renderer;
  @Autowired JdbcClient jdbc;
  @Autowired TransactionTemplate transactions;
  @Autowired FirmProperties firm;
  @Autowired MailProperties mailProperties;

  @Test
  @DisplayName(
      "an invitation arrives once, in French, with its link, no password, a stable Message-ID")
  void invitationInFrench() throws Exception {
    long id = newId();
    String to = "jeanne." + id + "@client.test";
    var mail = invitation(id, to, Locale.FRENCH, "Bienvenue !\nÀ bientôt.");

    assertThat(outbox.send(mail)).isEqualTo(MailOutbox.Outcome.SENT);

    MimeMessage received = receivedBy(to).getFirst();
    assertThat(received.getSubject())
        .isEqualTo(firm.name() + " vous invite à votre espace client pour Boulangerie Dupont SARL");
    assertThat(received.getMessageID())
        .isEqualTo("<invitation.invitation-" + id + ".0@cabinet.example>");
    assertThat(received.getHeader("Auto-Submitted")).containsExactly("auto-generated");
    var view = MailView.of(0, received);
    assertThat(view.text().replace("\r\n", "\n"))
        .contains("Bonjour Jeanne Martin,")
        .contains("https://passerelle.test/activation/tok" + id)
        .contains("Votre identifiant sera votre adresse e-mail : " + to)
        .contains("Bienvenue !\nÀ bientôt.")
        .contains("Consulter la GED")
        .doesNotContainIgnoringCase("mot de passe temporaire")
        .doesNotContainIgnoringCase("mot de passe :");
    assertThat(view.html()).contains("href=\"https://passerelle.test/activation/tok" + id + "\"");
    assertThat(view.links()).contains("https://passerelle.test/activation/tok" + id);
  }

  @Test
  @DisplayName("a contact who prefers English gets the mail in English")
  void invitationInEnglish() throws Exception {
    long id = newId();
    String to = "john." + id + "@client.test";
    outbox.send(invitation(id, to, Locale.ENGLISH, null));

    MimeMessage received = receivedBy(to).getFirst();
    assertThat(received.getSubject())
        .isEqualTo(firm.name() + " invites you to your client space for Boulangerie Dupont SARL");
    assertThat(MailView.of(0, received).text()).contains("Hello Jeanne Martin,");
  }

  @Test
  @DisplayName("markup in names and in the custom message is shown as text, never as HTML")
  void markupIsEscaped() throws Exception {
    long id = newId();
    String to = "markup." + id + "@client.test";
    var content =
        new MailContent.Invitation(
            "<b>Jeanne</b>",
            to,
            "https://passerelle.test/activation/x" + id,
            "<script>alert(1)</script> SARL",
            "Start",
            List.of("<i>GED</i>"),
            "Marie <img src=x onerror=alert(1)>",
            "<a href=\"https://evil.test\">cliquez</a>",
            null,
            false,
            null);
    outbox.send(
        new OutgoingMail(
            new MailKey("invitation", id, MailKind.INVITATION, 0),
            to,
            "Jeanne",
            Locale.FRENCH,
            content));

    String html = MailView.of(0, receivedBy(to).getFirst()).html();
    assertThat(html)
        .doesNotContain("<script>")
        .doesNotContain("<b>Jeanne</b>")
        .doesNotContain("<img src=x")
        .doesNotContain("<a href=\"https://evil.test\">")
        .contains("&lt;script&gt;alert(1)&lt;/script&gt; SARL")
        .contains("&lt;a href=&quot;https://evil.test&quot;&gt;cliquez&lt;/a&gt;");
  }

  @Test
  @DisplayName("CR/LF in a name or a subject cannot add a header or a recipient")
  void headerInjection() throws Exception {
    long id = newId();
    String to = "inject." + id + "@client.test";
    String spy = "spy." + id + "@evil.test";
    var content =
        new MailContent.Invitation(
            "Jeanne",
            to,
            "https://passerelle.test/activation/y" + id,
            "Dupont\r\nBcc: " + spy + "\r\nX-Injected: yes",
            "Start",
            List.of(),
            "Marie",
            null,
            null,
            false,
            null);
    outbox.send(
        new OutgoingMail(
            new MailKey("invitation", id, MailKind.INVITATION, 0),
            to,
            "Jeanne\r\nBcc: " + spy,
            Locale.FRENCH,
            content));

    MimeMessage received = receivedBy(to).getFirst();
    assertThat(received.getHeader("X-Injected")).isNull();
    assertThat(received.getHeader("Bcc")).isNull();
    assertThat(received.getAllRecipients()).hasSize(1);
    assertThat(received.getSubject())
        .doesNotContain("\r")
        .doesNotContain("\n")
        .contains("Dupont Bcc:");
    assertThat(receivedBy(spy)).isEmpty();
  }

  @Test
  @DisplayName(
      "sending the same key again sends nothing: one mail, the second call says ALREADY_SENT")
  void sameKeyTwice() throws Exception {
    long id = newId();
    String to = "twice." + id + "@client.test";
    var mail = invitation(id, to, Locale.FRENCH, null);

    assertThat(outbox.send(mail)).isEqualTo(MailOutbox.Outcome.SENT);
    assertThat(outbox.send(mail)).isEqualTo(MailOutbox.Outcome.ALREADY_SENT);

    assertThat(receivedBy(to)).hasSize(1);
    assertThat(outbox.wasSent(mail.key())).isTrue();
  }

  @Test
  @DisplayName(
      "eight sends of one key released at once deliver exactly one mail, in every one of 25 rounds")
  void concurrentSends() throws Exception {
    // One round rarely lines the eight inserts up; 25 rounds behind a barrier did reliably
    // (the insert once named only the key's index as its conflict, and the Message-ID's unique
    // index then raised a duplicate-key error for the sends that lost the race).
    try (var pool = Executors.newFixedThreadPool(8)) {
      for (int round = 0; round < 25; round++) {
        long id = newId();
        String to = "race." + id + "@client.test";
        var mail = invitation(id, to, Locale.FRENCH, null);
        var start = new CyclicBarrier(8);
        List<Future<MailOutbox.Outcome>> results = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
          results.add(
              pool.submit(
                  () -> {
                    start.await(10, TimeUnit.SECONDS);
                    return outbox.send(mail);
                  }));
        }
        List<MailOutbox.Outcome> outcomes = new ArrayList<>();
        for (var result : results) {
          outcomes.add(result.get(30, TimeUnit.SECONDS));
        }
        assertThat(outcomes)
            .as("round %d", round)
            .containsOnlyOnce(MailOutbox.Outcome.SENT)
            .containsOnly(MailOutbox.Outcome.SENT, MailOutbox.Outcome.ALREADY_SENT);
        assertThat(receivedBy(to)).as("round %d", round).hasSize(1);
      }
    }
  }

  @Test
  @DisplayName("an address that is not one is refused for good, and never tried again")
  void invalidAddress() {
    long id = newId();
    var mail = invitation(id, "not an address", Locale.FRENCH, null);

    assertThatThrownBy(() -> outbox.send(mail))
        .isInstanceOf(MailDeliveryException.Permanent.class)
        .hasMessageContaining("is not an e-mail address");
    assertThatThrownBy(() -> outbox.send(mail))
        .isInstanceOf(MailDeliveryException.Permanent.class)
        .hasMessageContaining("not tried again");
    assertThat(statusOf(mail)).isEqualTo("REJECTED");
  }

  @Test
  @DisplayName("SMTP down: a temporary failure, nothing sent; SMTP up again: exactly one mail")
  void smtpDownThenUp() throws Exception {
    int port = io.passerelle.config.Ports.anyFree();
    MailOutbox outboxToPort = outboxTo(port);
    long id = newId();
    String to = "later." + id + "@client.test";
    var mail = invitation(id, to, Locale.FRENCH, null);

    assertThatThrownBy(() -> outboxToPort.send(mail))
        .isInstanceOf(MailDeliveryException.Temporary.class)
        .hasMessageContaining("did not take the mail");
    assertThat(statusOf(mail)).isEqualTo("SENDING");

    var server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    server.start();
    try {
      assertThat(outboxToPort.send(mail)).isEqualTo(MailOutbox.Outcome.SENT);
      assertThat(outboxToPort.send(mail)).isEqualTo(MailOutbox.Outcome.ALREADY_SENT);
      assertThat(server.getReceivedMessages()).hasSize(1);
      assertThat(
              GreenMailUtil.getAddressList(
                  server.getReceivedMessages()[0].getRecipients(Message.RecipientType.TO)))
          .contains(to);
      assertThat(attemptsOf(mail)).isEqualTo(2);
    } finally {
      server.stop();
    }
  }

  @Test
  @DisplayName("a 550 reply to RCPT is permanent: REJECTED, the journey takes the bounce path")
  void recipientRefused(CapturedOutput output) throws Exception {
    try (var server = new ScriptedSmtpServer("550 5.1.1 <nobody@client.test>: no such user")) {
      long id = newId();
      var mail = invitation(id, "nobody." + id + "@client.test", Locale.FRENCH, null);
      assertThatThrownBy(() -> outboxTo(server.port()).send(mail))
          .isInstanceOf(MailDeliveryException.Permanent.class)
          .hasMessageContaining("no such user")
          // the server's reply names the recipient: masked in the message, the log and the row
          .hasMessageContaining("n***@client.test")
          .hasMessageNotContaining("nobody@client.test");
      assertThat(statusOf(mail)).isEqualTo("REJECTED");
      assertThat(output.getAll()).doesNotContain("nobody@client.test").contains("n***@client.test");
      assertThat(
              jdbc.sql("select last_error from mail_log where recipient = ?")
                  .param(mail.to())
                  .query(String.class)
                  .single())
          .doesNotContain("nobody@client.test");
      assertThatThrownBy(() -> outboxTo(server.port()).send(mail))
          .isInstanceOf(MailDeliveryException.Permanent.class);
      assertThat(server.rcptCommands()).isEqualTo(1);
    }
  }

  @Test
  @DisplayName("a 451 reply to RCPT is temporary: the row waits for the retry")
  void recipientDeferred() throws Exception {
    try (var server = new ScriptedSmtpServer("451 4.3.0 Mailbox busy, try again later")) {
      long id = newId();
      var mail = invitation(id, "busy." + id + "@client.test", Locale.FRENCH, null);
      assertThatThrownBy(() -> outboxTo(server.port()).send(mail))
          .isInstanceOf(MailDeliveryException.Temporary.class)
          .hasMessageContaining("try again later");
      assertThat(statusOf(mail)).isEqualTo("SENDING");
    }
  }

  private MailOutbox outboxTo(int port) {
    var sender = new JavaMailSenderImpl();
    sender.setHost("127.0.0.1");
    sender.setPort(port);
    sender.setDefaultEncoding("UTF-8");
    var properties = new Properties();
    properties.setProperty("mail.smtp.connectiontimeout", "2000");
    properties.setProperty("mail.smtp.timeout", "2000");
    properties.setProperty("mail.smtp.writetimeout", "2000");
    sender.setJavaMailProperties(properties);
    return new MailOutbox(sender, renderer, jdbc, transactions, firm, mailProperties);
  }

  private OutgoingMail invitation(long id, String to, Locale locale, String customMessage) {
    var content =
        new MailContent.Invitation(
            "Jeanne Martin",
            to,
            "https://passerelle.test/activation/tok" + id,
            "Boulangerie Dupont SARL",
            "Start",
            List.of("Consulter la GED", "Déposer des pièces", "Tableau de bord mobile"),
            "Marie Lefèvre",
            customMessage,
            null,
            false,
            Instant.parse("2027-01-07T10:00:00Z"));
    return new OutgoingMail(
        new MailKey("invitation", id, MailKind.INVITATION, 0),
        to,
        "Jeanne Martin",
        locale,
        content);
  }

  private List<MimeMessage> receivedBy(String address) throws Exception {
    mailbox.waitForMessages(1, 2_000);
    List<MimeMessage> found = new ArrayList<>();
    for (MimeMessage message : mailbox.messages()) {
      var recipients = message.getAllRecipients();
      if (recipients != null) {
        for (var recipient : recipients) {
          if (((jakarta.mail.internet.InternetAddress) recipient).getAddress().equals(address)) {
            found.add(message);
          }
        }
      }
    }
    return found;
  }

  private String statusOf(OutgoingMail mail) {
    return jdbc.sql("select status from mail_log where message_key = ?")
        .param(mail.key().messageKey())
        .query(String.class)
        .single();
  }

  private int attemptsOf(OutgoingMail mail) {
    return jdbc.sql("select attempts from mail_log where message_key = ?")
        .param(mail.key().messageKey())
        .query(Integer.class)
        .single();
  }

  private static long newId() {
    return ThreadLocalRandom.current().nextLong(1_000_000, Long.MAX_VALUE / 2);
  }
}
