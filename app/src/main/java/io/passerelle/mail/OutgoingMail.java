package io.passerelle.mail;

import java.util.Locale;
import java.util.Objects;

/**
 * One logical mail: what it is about ({@link MailKey}), to whom, in which language, saying what.
 *
 * @param to the recipient's address
 * @param toName the recipient's name for the To header (encoded; CR/LF removed)
 */
public record OutgoingMail(
    MailKey key, String to, String toName, Locale locale, MailContent content) {

  public OutgoingMail {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(content, "content");
    locale = locale == null ? Locale.FRENCH : locale;
  }
}
