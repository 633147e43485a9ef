package io.passerelle.support;

import io.passerelle.catalog.OfferView;
import io.passerelle.contact.AccessLevel;
import io.passerelle.microsoft.Identity;
import io.passerelle.onboarding.OnboardingStatus;
import io.passerelle.onboarding.OnboardingView;
import java.time.Instant;

/**
 * The views the web slices' mocked services answer with, the smallest valid of each: an offer of
 * the catalogue, an onboarding a staff member just proposed.
 */
public final class SliceViews {

  /** When the onboardings here were proposed. */
  public static final Instant PROPOSED = Instant.parse("2026-12-01T10:00:00Z");

  private SliceViews() {}

  /** An offer signing in with Passerelle's own accounts, without widget or production file. */
  public static OfferView offer(String code, String name, boolean active) {
    return new OfferView(
        1, code, name, "", true, true, false, false, false, null, active, Identity.PASSERELLE);
  }

  /**
   * Onboarding {@code id} on dossier 12 to the Start offer, read-only, proposed by staff member 7
   * and just started ({@code STARTING}); the contact and the process instance as given (null while
   * not known).
   */
  public static OnboardingView onboarding(
      long id, Long contactId, boolean sendNow, Long processInstanceKey) {
    return new OnboardingView(
        id,
        12,
        contactId,
        "START",
        null,
        AccessLevel.READ_ONLY,
        false,
        null,
        sendNow,
        new OnboardingView.ProposedBy("STAFF", 7L, null),
        null,
        OnboardingStatus.STARTING,
        null,
        null,
        null,
        processInstanceKey,
        null,
        PROPOSED,
        null,
        null,
        null);
  }
}
