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
                    null,
                    false,
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
                    "Jeanne", link, "Dossier A", "Start", List.of("GED"), "Marie", null, null)),
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
            null,
            false,
            Instant.parse("2027-03-01T09:00:00Z"));
    assertThat(renderer.render(MailKind.INVITATION, content, Locale.FRENCH).text())
        .contains("Il expire le 1 mars 2027 10:00");
    assertThat(renderer.render(MailKind.INVITATION, content, Locale.ENGLISH).text())
        .contains("It expires on March 1, 2027");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("microsoftInvitations")
  @DisplayName(
      "a Microsoft client's invitation and reminders: sign in with Microsoft, the login, no password"
          + " to choose (issue 23)")
  void microsoftInvitation(MailKind kind, MailContent content, Locale locale, String says) {
    var mail = renderer.render(kind, content, locale);
    for (String body : List.of(mail.text(), mail.html())) {
      assertThat(body)
          .contains(says)
          .contains("j@c.test")
          .doesNotContain("choisirez vous-même votre mot de passe")
          .doesNotContain("choose your own password")
          .doesNotContain("??");
    }
  }

  static Stream<Arguments> microsoftInvitations() {
    Instant expires = Instant.parse("2027-03-01T09:00:00Z");
    var invitation =
        new MailContent.Invitation(
            "Jeanne",
            "j@c.test",
            "https://x.test",
            "D",
            "Start",
            List.of(),
            "Marie",
            null,
            null,
            false,
            expires,
            true);
    var reminder =
        new MailContent.Reminder(
            "Jeanne", "j@c.test", "https://x.test", "D", "Start", "Marie", 1, expires, true);
    String fr = "Connectez-vous avec votre compte Microsoft. Votre identifiant : j@c.test";
    String en = "Sign in with your Microsoft account. Your login: j@c.test";
    return Stream.of(
        Arguments.of(MailKind.INVITATION, invitation, Locale.FRENCH, fr),
        Arguments.of(MailKind.INVITATION, invitation, Locale.ENGLISH, en),
        Arguments.of(MailKind.FIRST_REMINDER, reminder, Locale.FRENCH, fr),
        Arguments.of(MailKind.FIRST_REMINDER, reminder, Locale.ENGLISH, en));
  }

  @Test
  @DisplayName("an unsupported language falls back to French")
  void fallsBackToFrench() {
    var content = new MailContent.PasswordReset("Jeanne", "https://x.test", null);
    assertThat(renderer.render(MailKind.PASSWORD_RESET, content, Locale.GERMAN).text())
        .startsWith("Bonjour Jeanne,");
  }

  @ParameterizedTest(name = "{0} in {2}")
  @MethodSource("everyKindInEveryLanguage")
  @DisplayName("no apostrophe is printed doubled, as the bundle writes it for MessageFormat")
  void singleApostrophes(MailKind kind, MailContent content, Locale locale) {
    var mail = renderer.render(kind, content, locale);

    assertThat(mail.subject()).doesNotContain("''");
    assertThat(mail.text()).doesNotContain("''");
    assertThat(mail.html()).doesNotContain("''").doesNotContain("&#39;&#39;");
  }

  @Test
  @DisplayName(
      "the new-access mail says one goes from one dossier to the other, with one apostrophe")
  void newAccessApostrophes() {
    var content =
        new MailContent.NewAccess(
            "Jeanne", "https://x.test", "Dossier A", "Start", List.of(), "Marie", null, null);
    assertThat(renderer.render(MailKind.NEW_ACCESS, content, Locale.FRENCH).text())
        .contains("vous passerez d'un dossier à l'autre depuis votre espace");
    assertThat(renderer.message("offer.feature.production", Locale.ENGLISH))
        .isEqualTo("work in the firm's production file.");
  }

  @Test
  @DisplayName("a client's own message is signed with their name, the firm's with the firm")
  void whoWroteTheMessage() {
    var byClient = invitation(List.of(), "Venez voir nos comptes", "Paul Martin", false);
    var byFirm = invitation(List.of(), "Bienvenue", null, false);

    assertThat(renderer.render(MailKind.INVITATION, byClient, Locale.FRENCH).text())
        .contains("Le mot de Paul Martin :\nVenez voir nos comptes")
        .doesNotContain("votre cabinet");
    assertThat(renderer.render(MailKind.INVITATION, byClient, Locale.FRENCH).html())
        .contains("Le mot de Paul Martin :")
        .doesNotContain("Le mot de votre cabinet");
    assertThat(renderer.render(MailKind.INVITATION, byClient, Locale.ENGLISH).text())
        .contains("A word from Paul Martin:")
        .doesNotContain("your firm:");
    assertThat(renderer.render(MailKind.INVITATION, byFirm, Locale.FRENCH).text())
        .contains("Le mot de votre cabinet :\nBienvenue");
    assertThat(renderer.render(MailKind.INVITATION, byFirm, Locale.ENGLISH).text())
        .contains("A word from your firm:\nBienvenue");

    var newAccessByClient =
        new MailContent.NewAccess(
            "Jeanne",
            "https://x.test",
            "D",
            "Start",
            List.of(),
            "Paul Martin",
            "Salut",
            "Paul Martin");
    assertThat(renderer.render(MailKind.NEW_ACCESS, newAccessByClient, Locale.FRENCH).text())
        .contains("Le mot de Paul Martin :\nSalut");
  }

  @Test
  @DisplayName("an invitation issued again says that it replaces the earlier link")
  void replacesTheEarlierLink() {
    var again = invitation(List.of(), null, null, true);
    var first = invitation(List.of(), null, null, false);

    assertThat(renderer.render(MailKind.INVITATION, again, Locale.FRENCH).text())
        .contains("Ce lien remplace celui de notre précédent message, qui ne fonctionne plus.");
    assertThat(renderer.render(MailKind.INVITATION, again, Locale.FRENCH).html())
        .contains("Ce lien remplace celui de notre précédent message");
    assertThat(renderer.render(MailKind.INVITATION, again, Locale.ENGLISH).text())
        .contains("This link replaces the one in our earlier message, which no longer works.");
    assertThat(renderer.render(MailKind.INVITATION, first, Locale.FRENCH).text())
        .doesNotContain("remplace");
    assertThat(renderer.render(MailKind.INVITATION, first, Locale.ENGLISH).text())
        .doesNotContain("replaces");
  }

  private static MailContent.Invitation invitation(
      List<String> features, String message, String author, boolean again) {
    return new MailContent.Invitation(
        "Jeanne",
        "j@c.test",
        "https://x.test",
        "D",
        "Start",
        features,
        "Marie",
        message,
        author,
        again,
        Instant.parse("2027-03-01T09:00:00Z"));
  }
}
