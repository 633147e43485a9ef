package io.passerelle.contact;

/**
 * The outcome of giving a contact access to a dossier.
 *
 * @param created false when the contact already had access (nothing changed)
 * @param notice what the person should receive: seed 003 — an active account gets a "new access"
 *     notice, anyone else an invitation
 */
public record LinkResult(LinkView link, boolean created, Notice notice) {

  public enum Notice {
    /** the person already signs in: tell them of their new access */
    NEW_ACCESS_NOTICE,
    /** the person has no active account: invite them */
    INVITATION_NEEDED,
    /** nothing changed */
    NONE
  }
}
