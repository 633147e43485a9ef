package io.passerelle.account;

/**
 * What a client's sign-in with Microsoft came to (issue 23).
 *
 * @param account the account signed in or activated; for a refusal, the account the token pointed
 *     at when there is one (its language for the page), never shown
 */
public record MicrosoftSignIn(Outcome outcome, AccountView account) {

  public enum Outcome {
    /** An active Microsoft account: signed in, nothing else changes. */
    SIGNED_IN,
    /** The first sign-in: the invitation accepted, the account activated (the journey told). */
    ACTIVATED,
    /** No client account has this object id or address. */
    UNKNOWN,
    /** The account already keeps another object id: another Microsoft identity, refused. */
    OTHER_IDENTITY,
    /** The account with this object id now signs in with another address. */
    EMAIL_MISMATCH,
    /** The account signs in with a Passerelle password, not with Microsoft. */
    PASSWORD_ACCOUNT,
    /** Never invited, or disabled. */
    NOT_ACTIVE,
    /** Awaiting activation, but no live, unexpired invitation: ask for a new link. */
    LINK_DEAD,
    /** Awaiting activation with a Passerelle password (its offer is not a Microsoft one). */
    NOT_MICROSOFT
  }

  public boolean signedIn() {
    return outcome == Outcome.SIGNED_IN || outcome == Outcome.ACTIVATED;
  }
}
