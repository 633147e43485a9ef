package io.passerelle.web.pages;

import io.passerelle.domain.DomainException;
import io.passerelle.domain.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * The staff pages' texts, from the message bundles {@code messages/errors} (a refusal's code → its
 * sentence, {@code error.<CODE>}) and {@code messages/labels} ({@link Labels}). The services refuse
 * in English with a stable code of the catalogue ({@link ErrorCode}, the API's contract); a person
 * reads the refusal in French here. The staff pages are French ({@link #STAFF}); the {@code _en}
 * bundles say the same in English. A code with no text shows the service's own sentence.
 *
 * <p>Like the portal's and the mail's texts, its message source is its own: the pages' helpers that
 * call it are static.
 */
public final class FrenchMessages {

  /** The staff pages' language. */
  public static final Locale STAFF = Locale.FRENCH;

  private static final ResourceBundleMessageSource SOURCE = new ResourceBundleMessageSource();

  static {
    SOURCE.setBasenames("messages/errors", "messages/labels");
    SOURCE.setDefaultEncoding(StandardCharsets.UTF_8.name());
    // the default bundles are French: a French reader must not get the machine's language
    SOURCE.setFallbackToSystemLocale(false);
    SOURCE.setUseCodeAsDefaultMessage(false);
  }

  private FrenchMessages() {}

  /** The bundles, for a reader in another language (and the tests). */
  public static MessageSource source() {
    return SOURCE;
  }

  /** The refusal in French: its code's text, or its first field error's, or the service's words. */
  public static String of(DomainException e) {
    String french = text("error." + e.code(), null);
    if (french == null && !e.fieldErrors().isEmpty()) {
      french = text("error." + e.fieldErrors().get(0).code(), null);
    }
    return french != null ? french : e.getMessage();
  }

  /** The French text of a code given as a string (a field error's, a stored one). */
  public static String ofCode(String code, String fallback) {
    return code == null ? fallback : text("error." + code, fallback);
  }

  public static String ofCode(ErrorCode code, String fallback) {
    return text(code.messageKey(), fallback);
  }

  /** The French text of a key of the bundles, or {@code fallback}. */
  static String text(String key, String fallback) {
    return SOURCE.getMessage(key, null, fallback, STAFF);
  }
}
