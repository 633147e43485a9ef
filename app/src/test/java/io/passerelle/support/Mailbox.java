package io.passerelle.support;

import io.passerelle.mail.DevMailServer;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;

/**
 * The development SMTP server's mail, read per recipient: tests share one server, and each test
 * uses addresses of its own.
 */
public final class Mailbox {

  private static final Pattern ACTIVATION = Pattern.compile("/activation/([A-Za-z0-9_-]+)");

  private final DevMailServer server;

  public Mailbox(DevMailServer server) {
    this.server = server;
  }

  /** The mail received so far for this address, oldest first. */
  public List<MimeMessage> to(String address) {
    return server.messages().stream().filter(m -> addressedTo(m, address)).toList();
  }

  /** Waits until this address has received {@code count} mails, and returns them. */
  public List<MimeMessage> await(String address, int count) {
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> to(address).size() >= count);
    return to(address);
  }

  public static String subject(MimeMessage message) {
    try {
      return message.getSubject();
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The plain-text part of a mail. */
  public static String text(MimeMessage message) {
    try {
      return text((Part) message);
    } catch (MessagingException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The HTML part of a mail. */
  public static String html(MimeMessage message) {
    try {
      return html((Part) message);
    } catch (MessagingException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The activation token of the link in an invitation or reminder. */
  public static String activationToken(MimeMessage message) {
    Matcher matcher = ACTIVATION.matcher(text(message));
    if (!matcher.find()) {
      throw new AssertionError("no activation link in: " + text(message));
    }
    return matcher.group(1);
  }

  private static String text(Part part) throws MessagingException, IOException {
    if (part.isMimeType("text/plain")) {
      return (String) part.getContent();
    }
    if (part.isMimeType("multipart/*")) {
      Multipart multipart = (Multipart) part.getContent();
      for (int i = 0; i < multipart.getCount(); i++) {
        String found = text(multipart.getBodyPart(i));
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  private static String html(Part part) throws MessagingException, IOException {
    if (part.isMimeType("text/html")) {
      return (String) part.getContent();
    }
    if (part.isMimeType("multipart/*")) {
      Multipart multipart = (Multipart) part.getContent();
      for (int i = 0; i < multipart.getCount(); i++) {
        String found = html(multipart.getBodyPart(i));
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  private static boolean addressedTo(MimeMessage message, String address) {
    try {
      var recipients = message.getRecipients(Message.RecipientType.TO);
      return recipients != null
          && Arrays.stream(recipients)
              .anyMatch(r -> ((InternetAddress) r).getAddress().equalsIgnoreCase(address));
    } catch (MessagingException e) {
      return false;
    }
  }
}
