package io.passerelle.delegation;

/**
 * What a person outside the firm may do on a dossier, from their access (seeds 000, 003, 004). The
 * client pages ask this instead of deciding themselves.
 *
 * @param consult see the dossier (within the link's scope)
 * @param consultDocuments reach the document store (GED), which the manager may take away alone
 * @param uploadDocuments send documents (read-write)
 * @param editFamilyAndAssets change the family structure, the assets and donations inventories
 *     (read-write: seed 003 lets advisors with read-write do this and only this)
 * @param useToolsAndReports create simulations and reports (never advisors, seed 003)
 * @param inviteFamilyMembers a holder with an active account (seed 003)
 * @param inviteEmployees a holder with an active account, the company's director (seed 004)
 */
public record ExternalPermissions(
    boolean consult,
    boolean consultDocuments,
    boolean uploadDocuments,
    boolean editFamilyAndAssets,
    boolean useToolsAndReports,
    boolean inviteFamilyMembers,
    boolean inviteEmployees) {

  /** No access at all (a withdrawn link, a deactivated contact). */
  public static final ExternalPermissions NONE =
      new ExternalPermissions(false, false, false, false, false, false, false);

  /** Nobody outside the firm ever gives an advisor access: only the dossier's manager does. */
  @com.fasterxml.jackson.annotation.JsonProperty("inviteAdvisors")
  public boolean inviteAdvisors() {
    return false;
  }
}
