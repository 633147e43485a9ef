package io.passerelle.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.passerelle.firm.FirmProperties;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kind of mail renders in French and in English, with no text missing. */
class MailRendererTest {

  private final MailRenderer renderer =
      new MailRenderer(
          new FirmProperties("Cabinet Durand", "bonjour@durand.example"),
          new MailProperties(null, "#123456", null));

  static Stream<Arguments> everyKindInEveryLanguage() {
    Instant expires = Instant.parse("2027-03-01T09:00:00Z");
    var link = "https://passerelle.test/x";
    List<Arguments> all =
        List.of(
            Arguments.of(
                MailKind.INVITATION,
                new MailContent.Invitation(
                    "Jeanne",
                    "j@c.test",
                    link,
                    "Dossier A",
                    "Start",
                    List.of("GED"),
                    "Marie",
                    "Mot",
                    expires)),
            Arguments.of(
                MailKind.FIRST_REMINDER,
                new MailContent.Reminder(
                    "Jeanne", "j@c.test", link, "Dossier A", "Start", "Marie", 1, expires)),
            Arguments.of(
                MailKind.SECOND_REMINDER,
                new MailContent.Reminder(
                    "Jeanne", "j@c.test", link, "Dossier A", "Start", "Marie", 2, expires)),
            Arguments.of(
                MailKind.NEW_ACCESS,
                new MailContent.NewAccess(
                    "Jeanne", link, "Dossier A", "Start", List.of("GED"), "Marie", null)),
            Arguments.of(
                MailKind.INVITATION_EXPIRED,
                new MailContent.InvitationExpired("Jeanne", "Dossier A", link)),
            Arguments.of(
                MailKind.PASSWORD_RESET, new MailContent.PasswordReset("Jeanne", link, expires)),
            Arguments.of(
                MailKind.STAFF_CLIENT_ACTIVATED,
                new MailContent.StaffClientActivated("Marie", "Jeanne Martin", "Dossier A", link)),
            Arguments.of(
                MailKind.STAFF_NOTICE,
                new MailContent.StaffNotice(
                    "Marie", "Nouveau lien demandé", "Jeanne demande un lien.", link)));
    return all.stream()
        .flatMap(
            a ->
                Stream.of(Locale.FRENCH, Locale.ENGLISH)
                    .map(l -> Arguments.of(a.get()[0], a.get()[1], l)));
  }

  @ParameterizedTest(name = "{0} in {2}")
  @MethodSource("everyKindInEveryLanguage")
  @DisplayName("renders subject, text and HTML with every text found")
  void renders(MailKind kind, MailContent content, Locale locale) {
    var mail = renderer.render(kind, content, locale);

    assertThat(mail.subject()).isNotBlank().doesNotContain("??").doesNotContain("\n");
    assertThat(mail.text()).isNotBlank().doesNotContain("??").contains("https://passerelle.test/x");
    assertThat(mail.html())
        .doesNotContain("??")
        .contains("href=\"https://passerelle.test/x\"")
        .contains("#123456")
        .contains("lang=\"" + locale.getLanguage() + "\"");
    assertThat(mail.text()).contains(locale == Locale.ENGLISH ? "Hello" : "Bonjour");
  }

  @Test
  @DisplayName("the expiry date is written for a person, in Paris time and the mail's language")
  void expiryDate() {
    var content =
        new MailContent.Invitation(
            "Jeanne",
            "j@c.test",
            "https://x.test",
            "D",
            "Start",
            List.of(),
            "",
            "",
            Instant.parse("2027-03-01T09:00:00Z"));
    assertThat(renderer.render(MailKind.INVITATION, content, Locale.FRENCH).text())
        .contains("Il expire le 1 mars 2027 10:00");
    assertThat(renderer.render(MailKind.INVITATION, content, Locale.ENGLISH).text())
        .contains("It expires on March 1, 2027");
  }

  @Test
  @DisplayName("an unsupported language falls back to French")
  void fallsBackToFrench() {
    var content = new MailContent.PasswordReset("Jeanne", "https://x.test", null);
    assertThat(renderer.render(MailKind.PASSWORD_RESET, content, Locale.GERMAN).text())
        .startsWith("Bonjour Jeanne,");
  }
}
