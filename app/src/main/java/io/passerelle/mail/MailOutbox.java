package io.passerelle.mail;

import io.passerelle.domain.EmailAddresses;
import io.passerelle.firm.FirmProperties;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends each logical mail once. A mail is identified by its {@link MailKey}; the send log ({@code
 * mail_log}) holds one row per key, locked while the mail is handed to the SMTP server:
 *
 * <ol>
 *   <li>the row is created (or found) and locked ({@code select … for update});
 *   <li>already {@code SENT}: nothing is sent again ({@link Outcome#ALREADY_SENT});
 *   <li>otherwise the mail is rendered and handed to the SMTP server, and the row turns {@code
 *       SENT} in the same transaction.
 * </ol>
 *
 * <p>A concurrent send of the same key (a job redelivered while the first run still sends) waits on
 * the lock and then finds {@code SENT}. The one window left is the instant between the server's
 * acceptance of the message and the commit of {@code SENT}: a crash exactly there sends the mail
 * again on retry — with the same Message-ID, which lets mail clients show it once.
 *
 * <p>A temporary failure (server down, 4xx) leaves the row {@code SENDING} with its error and
 * throws {@link MailDeliveryException.Temporary}: the caller retries later. A permanent failure
 * (5xx, an address that is not one) marks it {@code REJECTED} and throws {@link
 * MailDeliveryException.Permanent}; the same key is never tried again.
 */
@Service
public class MailOutbox {

  /** What {@link #send} did. */
  public enum Outcome {
    SENT,
    ALREADY_SENT
  }

  private static final Logger LOG = LoggerFactory.getLogger(MailOutbox.class);

  private final JavaMailSender sender;
  private final MailRenderer renderer;
  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final FirmProperties firm;
  private final MailProperties properties;

  public MailOutbox(
      JavaMailSender sender,
      MailRenderer renderer,
      JdbcClient jdbc,
      TransactionTemplate transactions,
      FirmProperties firm,
      MailProperties properties) {
    this.sender = sender;
    this.renderer = renderer;
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.firm = firm;
    this.properties = properties;
  }

  /**
   * Sends the mail unless its key was sent already.
   *
   * @throws MailDeliveryException.Temporary try again later
   * @throws MailDeliveryException.Permanent the address or the message is refused for good
   */
  public Outcome send(OutgoingMail mail) {
    String messageKey = mail.key().messageKey();
    String messageId = mail.key().messageId(messageIdDomain());
    Attempt attempt = transactions.execute(status -> attempt(mail, messageKey, messageId));
    if (attempt.failure() != null) {
      throw attempt.failure();
    }
    return attempt.outcome();
  }

  /** Whether the mail of that key has been accepted by the SMTP server. */
  public boolean wasSent(MailKey key) {
    return jdbc.sql("select count(*) from mail_log where message_key = ? and status = 'SENT'")
            .param(key.messageKey())
            .query(Long.class)
            .single()
        > 0;
  }

  private record Attempt(Outcome outcome, MailDeliveryException failure) {}

  private Attempt attempt(OutgoingMail mail, String messageKey, String messageId) {
    String status = lockEntry(mail, messageKey, messageId);
    if ("SENT".equals(status)) {
      LOG.debug("Mail {} was sent already: not sent again", messageKey);
      return new Attempt(Outcome.ALREADY_SENT, null);
    }
    if ("REJECTED".equals(status)) {
      return new Attempt(
          null,
          new MailDeliveryException.Permanent(
              "The mail " + messageKey + " was refused for good earlier: not tried again", null));
    }
    var rendered = renderer.render(mail.key().kind(), mail.content(), mail.locale());
    MimeMessage message;
    try {
      message = build(mail, messageId, rendered);
    } catch (AddressException e) {
      return rejected(
          messageKey,
          "'"
              + EmailAddresses.mask(Headers.clean(mail.to(), 80))
              + "' is not an e-mail address: "
              + e.getMessage(),
          e);
    } catch (MessagingException | UnsupportedEncodingException e) {
      throw new IllegalStateException("Cannot build the mail " + messageKey + ": " + e, e);
    }
    try {
      sender.send(message);
    } catch (MailException e) {
      // an SMTP refusal often names its recipient: masked before it is stored, logged or thrown
      String reason = EmailAddresses.maskAll(SmtpFailures.describe(e));
      if (SmtpFailures.isPermanent(e)) {
        return rejected(messageKey, reason, e);
      }
      return notSentYet(messageKey, reason, rendered.subject(), e);
    }
    markSent(messageKey, rendered.subject());
    LOG.info("Mail {} sent ({})", messageKey, messageId);
    return new Attempt(Outcome.SENT, null);
  }

  /** Logs the mail as SENDING unless it is logged already, locks its row and returns its status. */
  private String lockEntry(OutgoingMail mail, String messageKey, String messageId) {
    // No conflict target: the Message-ID is unique too, and when concurrent sends of one key all
    // pass PostgreSQL's pre-check, a conflict named on the key's index alone would let the
    // Message-ID's index raise a duplicate-key error for the losers. The Message-ID follows from
    // the key, so either conflict means "this mail is logged already"; the row is read below.
    jdbc.sql(
            """
            insert into mail_log (message_key, message_id, kind, recipient, status)
            values (:key, :id, :kind, :recipient, 'SENDING')
            on conflict do nothing
            """)
        .param("key", messageKey)
        .param("id", messageId)
        .param("kind", mail.key().kind().name())
        .param("recipient", Headers.clean(mail.to(), 320))
        .update();
    return jdbc.sql("select status from mail_log where message_key = ? for update")
        .param(messageKey)
        .query(String.class)
        .single();
  }

  /** The SMTP server did not take it for now: the error is kept, the caller tries again. */
  private Attempt notSentYet(String messageKey, String reason, String subject, MailException e) {
    jdbc.sql(
            """
            update mail_log set attempts = attempts + 1, last_error = :error,
                   subject = :subject, updated_at = now()
            where message_key = :key
            """)
        .param("error", reason)
        .param("subject", subject)
        .param("key", messageKey)
        .update();
    LOG.warn("Mail {} not sent, will be tried again: {}", messageKey, reason);
    return new Attempt(
        null,
        new MailDeliveryException.Temporary(
            "The SMTP server did not take the mail " + messageKey + ": " + reason, e));
  }

  private void markSent(String messageKey, String subject) {
    jdbc.sql(
            """
            update mail_log set status = 'SENT', attempts = attempts + 1, sent_at = now(),
                   subject = :subject, last_error = null, updated_at = now()
            where message_key = :key
            """)
        .param("subject", subject)
        .param("key", messageKey)
        .update();
  }

  private Attempt rejected(String messageKey, String unmasked, Exception cause) {
    String reason = EmailAddresses.maskAll(unmasked);
    jdbc.sql(
            """
            update mail_log set status = 'REJECTED', attempts = attempts + 1, last_error = :error,
                   updated_at = now()
            where message_key = :key
            """)
        .param("error", Headers.clean(reason, 900))
        .param("key", messageKey)
        .update();
    LOG.warn("Mail {} refused for good: {}", messageKey, reason);
    return new Attempt(null, new MailDeliveryException.Permanent(reason, cause));
  }

  private MimeMessage build(OutgoingMail mail, String messageId, MailRenderer.Rendered rendered)
      throws MessagingException, UnsupportedEncodingException {
    var to = new InternetAddress(mail.to(), true);
    to.validate();
    String toName = Headers.clean(mail.toName(), 120);
    MimeMessage message = sender.createMimeMessage();
    var helper = new MimeMessageHelper(message, true, StandardCharsets.UTF_8.name());
    helper.setFrom(firm.senderEmail(), Headers.clean(firm.name(), 120));
    helper.setTo(
        toName.isEmpty()
            ? to
            : new InternetAddress(to.getAddress(), toName, StandardCharsets.UTF_8.name()));
    if (properties.replyTo() != null && !properties.replyTo().isBlank()) {
      helper.setReplyTo(properties.replyTo());
    }
    helper.setSubject(rendered.subject());
    helper.setSentDate(Date.from(Instant.now()));
    helper.setText(rendered.text(), rendered.html());
    message.setHeader("Message-ID", messageId);
    message.setHeader("Auto-Submitted", "auto-generated");
    return message;
  }

  private String messageIdDomain() {
    if (properties.messageIdDomain() != null && !properties.messageIdDomain().isBlank()) {
      return properties.messageIdDomain();
    }
    String sender = firm.senderEmail();
    return sender.substring(sender.indexOf('@') + 1);
  }
}
