package io.passerelle.mail;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A received mail as the development mailbox shows it.
 *
 * @param id its number in the development mailbox, which never changes ({@link DevMailServer})
 */
public record MailView(
    long id,
    String messageId,
    String from,
    String to,
    String subject,
    Instant sentAt,
    String text,
    String html) {

  public static MailView of(long id, MimeMessage message) {
    try {
      var bodies = new String[2];
      collect(message, bodies);
      return new MailView(
          id,
          message.getMessageID(),
          addresses(message.getFrom()),
          addresses(message.getRecipients(Message.RecipientType.TO)),
          message.getSubject(),
          message.getSentDate() == null ? null : message.getSentDate().toInstant(),
          bodies[0],
          bodies[1]);
    } catch (MessagingException | IOException e) {
      throw new IllegalStateException("Unreadable message #" + id + ": " + e.getMessage(), e);
    }
  }

  private static void collect(Part part, String[] bodies) throws MessagingException, IOException {
    if (part.isMimeType("text/plain") && bodies[0] == null && !isAttachment(part)) {
      bodies[0] = String.valueOf(part.getContent());
    } else if (part.isMimeType("text/html") && bodies[1] == null && !isAttachment(part)) {
      bodies[1] = String.valueOf(part.getContent());
    } else if (part.isMimeType("multipart/*")) {
      var multipart = (Multipart) part.getContent();
      for (int i = 0; i < multipart.getCount(); i++) {
        BodyPart child = multipart.getBodyPart(i);
        collect(child, bodies);
      }
    }
  }

  private static boolean isAttachment(Part part) throws MessagingException {
    return Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition());
  }

  private static String addresses(Address[] addresses) {
    return addresses == null
        ? ""
        : Arrays.stream(addresses).map(MailView::readable).collect(Collectors.joining(", "));
  }

  /** "Léa Morel <lea.morel@example.fr>", not the encoded header form "=?UTF-8?Q?L=C3=A9a…". */
  private static String readable(Address address) {
    return address instanceof jakarta.mail.internet.InternetAddress internet
        ? internet.toUnicodeString()
        : address.toString();
  }

  /** Links found in the plain-text body, so a person can follow them from the mailbox page. */
  public List<String> links() {
    if (text == null) {
      return List.of();
    }
    return java.util.regex.Pattern.compile("https?://[^\\s<>\"]+")
        .matcher(text)
        .results()
        .map(java.util.regex.MatchResult::group)
        .distinct()
        .toList();
  }
}
