package io.passerelle.mail;

import java.time.Instant;
import java.util.List;

/**
 * What a mail says, one record per kind of mail. Every text field is plain text from the database
 * or a person: the templates escape it, and nothing of it reaches a mail header unfiltered.
 */
public sealed interface MailContent {

  /** The name the mail greets, e.g. "Jeanne Martin". */
  String recipientName();

  /**
   * The invitation: what the offer gives (as far as the access level allows), who invited, the
   * link, when it expires.
   *
   * @param messageAuthor who wrote the custom message when it is not the firm (a client inviting
   *     family or employees); null for the firm's own word
   * @param replacesEarlierLink the invitation was issued again (resent, new address, bounce): the
   *     mail says that this link replaces the earlier one, which no longer works
   * @param microsoft the client signs in with their Microsoft account (issue 23): the mail gives
   *     the login and says so, and mentions no password
   */
  record Invitation(
      String recipientName,
      String login,
      String activationLink,
      String dossierName,
      String offerName,
      List<String> offerFeatures,
      String invitedBy,
      String customMessage,
      String messageAuthor,
      boolean replacesEarlierLink,
      Instant expiresAt,
      boolean microsoft)
      implements MailContent {
    public Invitation {
      offerFeatures = offerFeatures == null ? List.of() : List.copyOf(offerFeatures);
    }

    /** An invitation whose client chooses a Passerelle password. */
    public Invitation(
        String recipientName,
        String login,
        String activationLink,
        String dossierName,
        String offerName,
        List<String> offerFeatures,
        String invitedBy,
        String customMessage,
        String messageAuthor,
        boolean replacesEarlierLink,
        Instant expiresAt) {
      this(
          recipientName,
          login,
          activationLink,
          dossierName,
          offerName,
          offerFeatures,
          invitedBy,
          customMessage,
          messageAuthor,
          replacesEarlierLink,
          expiresAt,
          false);
    }
  }

  /**
   * A reminder of a pending invitation (1 = first, 2 = second); {@code microsoft} as in {@link
   * Invitation}.
   */
  record Reminder(
      String recipientName,
      String login,
      String activationLink,
      String dossierName,
      String offerName,
      String invitedBy,
      int reminderNumber,
      Instant expiresAt,
      boolean microsoft)
      implements MailContent {

    /** A reminder to a client who chooses a Passerelle password. */
    public Reminder(
        String recipientName,
        String login,
        String activationLink,
        String dossierName,
        String offerName,
        String invitedBy,
        int reminderNumber,
        Instant expiresAt) {
      this(
          recipientName,
          login,
          activationLink,
          dossierName,
          offerName,
          invitedBy,
          reminderNumber,
          expiresAt,
          false);
    }
  }

  /**
   * A client whose account is already active gets access to one more dossier; {@code microsoft}:
   * they sign in with their Microsoft account (issue 23).
   */
  record NewAccess(
      String recipientName,
      String signInLink,
      String dossierName,
      String offerName,
      List<String> offerFeatures,
      String invitedBy,
      String customMessage,
      String messageAuthor,
      boolean microsoft)
      implements MailContent {
    public NewAccess {
      offerFeatures = offerFeatures == null ? List.of() : List.copyOf(offerFeatures);
    }

    /** To a client who signs in with a Passerelle password. */
    public NewAccess(
        String recipientName,
        String signInLink,
        String dossierName,
        String offerName,
        List<String> offerFeatures,
        String invitedBy,
        String customMessage,
        String messageAuthor) {
      this(
          recipientName,
          signInLink,
          dossierName,
          offerName,
          offerFeatures,
          invitedBy,
          customMessage,
          messageAuthor,
          false);
    }
  }

  /** The invitation expired; the client may ask for a new link. */
  record InvitationExpired(String recipientName, String dossierName, String newLinkPage)
      implements MailContent {}

  /** A link to choose a new password. */
  record PasswordReset(String recipientName, String resetLink, Instant expiresAt)
      implements MailContent {}

  /**
   * To the former address of an active client space: its sign-in is now {@code newLoginMasked} (the
   * new address masked, {@code j***@example.fr}); sessions and reset links were ended.
   */
  record LoginChanged(String recipientName, String newLoginMasked) implements MailContent {}

  /** To a staff member assigned to the dossier: the client activated their access. */
  record StaffClientActivated(
      String recipientName, String clientName, String dossierName, String dossierLink)
      implements MailContent {}

  /** To a staff member: something needs their attention. */
  record StaffNotice(String recipientName, String title, String body, String link)
      implements MailContent {}
}
