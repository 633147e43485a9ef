package io.passerelle.mail;

import io.passerelle.firm.FirmProperties;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Renders a mail's subject, plain text and HTML from the templates {@code
 * templates/mail/<kind>.txt} and {@code .html}, in the recipient's language (French by default,
 * English when the contact prefers it), with the texts of {@code mail/messages*.properties}.
 *
 * <p>Its template engine is its own, not a bean: the pages' engine stays Spring Boot's.
 */
@Component
public class MailRenderer {

  /** A rendered mail. The subject has no line breaks or control characters left. */
  public record Rendered(String subject, String text, String html) {}

  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  private final SpringTemplateEngine engine;
  private final MessageSource messages;
  private final FirmProperties firm;
  private final MailProperties properties;

  public MailRenderer(FirmProperties firm, MailProperties properties) {
    this.firm = firm;
    this.properties = properties;
    var source = new ResourceBundleMessageSource();
    source.setBasename("mail/messages");
    source.setDefaultEncoding(StandardCharsets.UTF_8.name());
    source.setFallbackToSystemLocale(false);
    // every text goes through MessageFormat, with or without arguments, so that an apostrophe is
    // written '' in both kinds and always comes out single (a text without arguments was printed
    // as written, doubled apostrophes and all)
    source.setAlwaysUseMessageFormat(true);
    this.messages = source;
    this.engine = new SpringTemplateEngine();
    engine.addTemplateResolver(resolver(TemplateMode.HTML, ".html", 1));
    engine.addTemplateResolver(resolver(TemplateMode.TEXT, ".txt", 2));
    engine.setTemplateEngineMessageSource(source);
  }

  private static ClassLoaderTemplateResolver resolver(TemplateMode mode, String suffix, int order) {
    var resolver = new ClassLoaderTemplateResolver();
    resolver.setPrefix("templates/mail/");
    resolver.setTemplateMode(mode);
    resolver.setCharacterEncoding(StandardCharsets.UTF_8.name());
    resolver.setResolvablePatterns(java.util.Set.of("*" + suffix));
    resolver.setCheckExistence(true);
    resolver.setCacheable(true);
    resolver.setOrder(order);
    return resolver;
  }

  public Rendered render(MailKind kind, MailContent content, Locale locale) {
    Locale language = supported(locale);
    var context = new Context(language);
    context.setVariable("mail", content);
    context.setVariable("kind", kind.name());
    context.setVariable("firmName", firm.name());
    context.setVariable("brandColor", properties.brandColor());
    context.setVariable("expires", formatted(expiresAt(content), language));
    String subject =
        messages.getMessage(
            "subject." + kind.name(),
            new Object[] {firm.name(), subjectArgument(content)},
            language);
    String text = engine.process(kind.template() + ".txt", context);
    String html = engine.process(kind.template() + ".html", context);
    return new Rendered(Headers.clean(subject, 250), text, html);
  }

  /** One text of {@code mail/messages*.properties} in the recipient's language. */
  public String message(String code, Locale locale) {
    return messages.getMessage(code, null, supported(locale));
  }

  private static Locale supported(Locale locale) {
    return locale != null && "en".equals(locale.getLanguage()) ? Locale.ENGLISH : Locale.FRENCH;
  }

  private static Instant expiresAt(MailContent content) {
    return switch (content) {
      case MailContent.Invitation i -> i.expiresAt();
      case MailContent.Reminder r -> r.expiresAt();
      case MailContent.PasswordReset p -> p.expiresAt();
      default -> null;
    };
  }

  private static String subjectArgument(MailContent content) {
    return switch (content) {
      case MailContent.Invitation i -> i.dossierName();
      case MailContent.Reminder r -> r.dossierName();
      case MailContent.NewAccess n -> n.dossierName();
      case MailContent.InvitationExpired e -> e.dossierName();
      case MailContent.StaffClientActivated s -> s.clientName();
      case MailContent.StaffNotice s -> s.title();
      case MailContent.PasswordReset p -> "";
      case MailContent.LoginChanged l -> "";
    };
  }

  private static String formatted(Instant instant, Locale locale) {
    if (instant == null) {
      return null;
    }
    return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.LONG, FormatStyle.SHORT)
        .withLocale(locale)
        .withZone(PARIS)
        .format(instant);
  }
}
