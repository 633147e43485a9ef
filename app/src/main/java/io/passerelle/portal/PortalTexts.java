package io.passerelle.portal;

import io.passerelle.contact.Language;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.AbstractMap;
import java.util.Locale;
import java.util.Set;
import org.springframework.context.NoSuchMessageException;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.stereotype.Component;

/**
 * The portal's texts, French first and English for contacts who prefer it ({@code
 * portal/texts*.properties}). Pages get them as the model attribute {@code t}: {@code
 * th:text="${t['activation.title']}"}, {@code ${t.f('activation.expires', date)}}.
 *
 * <p>Its message source is its own (not a bean), so the application's message source stays free for
 * the staff pages.
 */
@Component
public class PortalTexts {

  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  private final ResourceBundleMessageSource source = new ResourceBundleMessageSource();

  public PortalTexts() {
    source.setBasename("portal/texts");
    source.setDefaultEncoding(StandardCharsets.UTF_8.name());
    source.setFallbackToSystemLocale(false);
    source.setUseCodeAsDefaultMessage(false);
    // every text goes through MessageFormat; the texts write the apostrophe as ’, never '
    source.setAlwaysUseMessageFormat(true);
  }

  /** French, or English for a contact whose language is {@code en}. */
  public Texts of(Language language) {
    return in(language == Language.en ? Locale.ENGLISH : Locale.FRENCH);
  }

  /**
   * For a page nobody is known on yet (sign-in, dead link): French, or English when the browser's
   * Accept-Language puts English first. No header, or one that cannot be read: French. Never
   * depends on what the person typed.
   */
  public Texts forRequest(HttpServletRequest request) {
    String header = request.getHeader("Accept-Language");
    if (header == null || header.isBlank()) {
      return in(Locale.FRENCH);
    }
    try {
      var ranges = Locale.LanguageRange.parse(header);
      String first = ranges.isEmpty() ? "fr" : ranges.getFirst().getRange();
      return in(first.startsWith("en") ? Locale.ENGLISH : Locale.FRENCH);
    } catch (IllegalArgumentException e) {
      return in(Locale.FRENCH);
    }
  }

  public Texts in(Locale locale) {
    return new Texts("en".equals(locale.getLanguage()) ? Locale.ENGLISH : Locale.FRENCH);
  }

  /** The texts in one language; a missing key reads {@code ??key??} (and fails the tests). */
  public final class Texts extends AbstractMap<String, String> {

    private final Locale locale;

    private Texts(Locale locale) {
      this.locale = locale;
    }

    /** {@code fr} or {@code en}, for {@code <html lang>}. */
    public String lang() {
      return locale.getLanguage();
    }

    public Locale locale() {
      return locale;
    }

    @Override
    public String get(Object key) {
      return f(String.valueOf(key));
    }

    @Override
    public boolean containsKey(Object key) {
      return true;
    }

    /** The text of {@code key} with its arguments ({0}, {1}…). */
    public String f(String key, Object... args) {
      try {
        return source.getMessage(key, args, locale);
      } catch (NoSuchMessageException e) {
        return "??" + key + "??";
      }
    }

    /** A date and time as people read it here, in Paris time. */
    public String date(Instant instant) {
      if (instant == null) {
        return "";
      }
      return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.LONG, FormatStyle.SHORT)
          .withLocale(locale)
          .withZone(PARIS)
          .format(instant);
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
      return Set.of();
    }
  }
}
