package io.passerelle.mail;

/**
 * Every kind of mail Passerelle sends, each with its templates {@code mail/<template>.html|txt}.
 */
public enum MailKind {
  /** To a client: the invitation with its activation link. */
  INVITATION("invitation"),
  /** To a client who has not activated yet: first reminder (7 days by default). */
  FIRST_REMINDER("reminder"),
  /** To a client who has not activated yet: second reminder (30 days by default). */
  SECOND_REMINDER("reminder"),
  /** To a client whose account is already active: access to one more dossier. */
  NEW_ACCESS("new-access"),
  /** To a client whose invitation expired. */
  INVITATION_EXPIRED("invitation-expired"),
  /** To a client who asked for a password reset. */
  PASSWORD_RESET("password-reset"),
  /** To a client's former address: the sign-in of their space moved to another address. */
  LOGIN_CHANGED("login-changed"),
  /** To a staff member: a client activated their access. */
  STAFF_CLIENT_ACTIVATED("staff-client-activated"),
  /** To a staff member: a client asked for a new link, or something needs them. */
  STAFF_NOTICE("staff-notice");

  private final String template;

  MailKind(String template) {
    this.template = template;
  }

  public String template() {
    return template;
  }
}
