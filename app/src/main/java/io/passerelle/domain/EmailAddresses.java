package io.passerelle.domain;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The firm's rule for e-mail addresses: what a mail server will accept in practice (a local part,
 * an {@code @}, a domain of at least two labels with a letter-only top level), no spaces, no
 * control characters, at most 254 characters. Compared without regard to case.
 */
public final class EmailAddresses {

  public static final int MAX_LENGTH = 254;

  private static final Pattern LOCAL = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}");
  private static final Pattern LABEL =
      Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
  private static final Pattern TOP_LEVEL = Pattern.compile("[A-Za-z]{2,63}");

  private EmailAddresses() {}

  public static boolean isValid(String email) {
    if (email == null || email.isEmpty() || email.length() > MAX_LENGTH) {
      return false;
    }
    int at = email.lastIndexOf('@');
    if (at <= 0 || at != email.indexOf('@') || at == email.length() - 1) {
      return false;
    }
    String local = email.substring(0, at);
    String domain = email.substring(at + 1);
    if (!LOCAL.matcher(local).matches()
        || local.startsWith(".")
        || local.endsWith(".")
        || local.contains("..")) {
      return false;
    }
    String[] labels = domain.split("\\.", -1);
    if (labels.length < 2) {
      return false;
    }
    for (String label : labels) {
      if (!LABEL.matcher(label).matches()) {
        return false;
      }
    }
    return TOP_LEVEL.matcher(labels[labels.length - 1]).matches();
  }

  /** Trims the address; the case is kept as typed (uniqueness ignores it). */
  public static String clean(String email) {
    return email == null ? null : email.strip();
  }

  /** The form used to compare two addresses. */
  public static String comparable(String email) {
    return email == null ? null : email.strip().toLowerCase(Locale.ROOT);
  }

  /**
   * The address as logs and other people may see it: the first character of the local part, then
   * {@code ***}, then the domain ({@code j***@example.fr}). Never the whole address: logs hold no
   * personal data. Something that is not an address becomes {@code ***}.
   */
  public static String mask(String email) {
    if (email == null) {
      return "null";
    }
    String cleaned = email.strip();
    int at = cleaned.lastIndexOf('@');
    if (at <= 0 || at == cleaned.length() - 1) {
      return "***";
    }
    String domain = cleaned.substring(at + 1);
    if (domain.length() > 100 || Texts.hasControlCharacter(domain) || domain.contains(" ")) {
      return cleaned.charAt(0) + "***@***";
    }
    return cleaned.charAt(0) + "***@" + domain;
  }

  private static final Pattern ANY_ADDRESS =
      Pattern.compile("[^\\s<>()\\[\\]'\",;:]+@[^\\s<>()\\[\\]'\",;:]+");

  /**
   * The text with every address in it masked ({@link #mask}): for logs, stored errors and messages
   * that may carry what a mail server or a person wrote (an SMTP refusal names its recipient).
   */
  public static String maskAll(String text) {
    if (text == null || text.indexOf('@') < 0) {
      return text;
    }
    return ANY_ADDRESS
        .matcher(text)
        .replaceAll(m -> java.util.regex.Matcher.quoteReplacement(mask(m.group())));
  }

  /** Checks the address, or refuses it with the code {@code INVALID_EMAIL} on {@code field}. */
  public static String require(String email, String field) {
    String cleaned = clean(email);
    if (cleaned == null || cleaned.isEmpty()) {
      throw DomainException.invalid(
          CommonErrors.INVALID_EMAIL, field, "An e-mail address is required.");
    }
    if (!isValid(cleaned)) {
      // the address itself stays out of the message: messages reach logs and the engine
      throw DomainException.invalid(
          CommonErrors.INVALID_EMAIL,
          field,
          "'" + mask(Texts.abbreviate(cleaned, 60)) + "' is not a valid e-mail address.");
    }
    return cleaned;
  }
}
