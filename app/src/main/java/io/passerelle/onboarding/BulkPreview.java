package io.passerelle.onboarding;

import java.util.List;

/** Who a bulk invitation would invite and who it would leave out, and why: shown before sending. */
public record BulkPreview(String offerCode, int toInvite, int skipped, List<Candidate> candidates) {

  /** What the bulk invitation does for one contact of one dossier. */
  public enum Outcome {
    /** An invitation to activate their access. */
    INVITE,
    /** Their account is active: a notice of the new access, no invitation (seed 003). */
    NEW_ACCESS,
    /** Their address is known to be invalid: flagged, not invited. */
    INVALID_EMAIL,
    /** Left out; see the reason. */
    SKIP
  }

  /** Reasons to leave a contact out. */
  public static final String ALREADY_ONBOARDED = "ALREADY_ONBOARDED";

  public static final String ONBOARDING_RUNNING = "ONBOARDING_RUNNING";
  public static final String CONTACT_INACTIVE = "CONTACT_INACTIVE";
  public static final String ACCOUNT_DISABLED = "ACCOUNT_DISABLED";

  /** One contact of one dossier. */
  public record Candidate(
      long dossierId,
      String dossierName,
      long contactId,
      String contactName,
      String email,
      boolean emailInvalid,
      Outcome outcome,
      String reason) {

    public boolean invited() {
      return outcome != Outcome.SKIP;
    }
  }
}
