package io.passerelle.mail;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a mail is about, which makes it one logical message: sending the same key twice sends once.
 * For example invitation 42's first reminder is {@code ("invitation", 42, FIRST_REMINDER, 1)}.
 *
 * @param subjectType what the mail is about ({@code invitation}, {@code account}, {@code staff})
 * @param subjectId its id
 * @param kind the kind of mail
 * @param sequence distinguishes repeated mails of one kind about one subject (0 when unique)
 */
public record MailKey(String subjectType, long subjectId, MailKind kind, int sequence) {

  private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9-]{0,39}");

  public MailKey {
    Objects.requireNonNull(kind, "kind");
    if (subjectType == null || !TYPE.matcher(subjectType).matches()) {
      throw new IllegalArgumentException("subjectType must be lower-case letters: " + subjectType);
    }
    if (sequence < 0) {
      throw new IllegalArgumentException("sequence must not be negative");
    }
  }

  /** The unique key of the send log. */
  public String messageKey() {
    return subjectType + "/" + subjectId + "/" + kind + "/" + sequence;
  }

  /** The RFC 5322 Message-ID, the same every time this key is sent. */
  public String messageId(String domain) {
    return "<"
        + kind.name().toLowerCase(Locale.ROOT).replace('_', '-')
        + "."
        + subjectType
        + "-"
        + subjectId
        + "."
        + sequence
        + "@"
        + domain
        + ">";
  }
}
