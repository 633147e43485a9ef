package io.passerelle.onboarding;

import io.passerelle.account.InvitationService;
import io.passerelle.activity.ActivityRecord;
import io.passerelle.activity.ActivityService;
import io.passerelle.activity.ActivityType;
import io.passerelle.domain.Actor;
import io.passerelle.domain.DomainException;
import io.passerelle.dossier.DossierService;
import io.passerelle.microsoft.GraphException;
import io.passerelle.microsoft.GuestInvitationService;
import io.passerelle.microsoft.GuestInvitationStatus;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The staff's resend while the journey waits for the client to accept the firm's Microsoft guest
 * invitation (issue 23): there is no service invitation yet, so the guest invitation goes out again
 * through Microsoft Graph, outside any transaction, and the feed records it. Once the guest
 * accepted, a resend is the service invitation's ({@link JourneyCommands#resend}).
 */
@Component
class GuestResends {

  private final OnboardingRepository onboardings;
  private final DossierService dossiers;
  private final InvitationService invitations;
  private final GuestInvitationService guests;
  private final ActivityService activity;

  GuestResends(
      OnboardingRepository onboardings,
      DossierService dossiers,
      InvitationService invitations,
      GuestInvitationService guests,
      ActivityService activity) {
    this.onboardings = onboardings;
    this.dossiers = dossiers;
    this.invitations = invitations;
    this.guests = guests;
    this.activity = activity;
  }

  /**
   * Resends the guest invitation when the onboarding waits for the guest's acceptance.
   *
   * @return the onboarding when this was a guest resend (sent, or sent moments ago), empty when the
   *     resend is the service invitation's
   */
  Optional<OnboardingView> resendIfWaitingForGuest(long onboardingId, Actor actor) {
    Onboarding onboarding = onboardings.findById(onboardingId).orElse(null);
    if (onboarding == null
        || !OnboardingService.RUNNING.contains(onboarding.getStatus())
        || guests.state(onboardingId).status() != GuestInvitationStatus.PENDING_ACCEPTANCE
        || !invitations.forOnboarding(onboardingId).isEmpty()) {
      return Optional.empty();
    }
    // the same check as every command on the journey: the dossier's external access manager
    dossiers.requireExternalAccessManager(onboarding.getDossierId(), actor);
    boolean sent;
    try {
      sent = guests.resendByStaff(onboardingId, onboarding.getCustomMessage());
    } catch (GraphException e) {
      throw DomainException.conflict(
          OnboardingErrors.GUEST_RESEND_FAILED,
          "Microsoft did not resend the guest invitation: " + e.getMessage());
    }
    if (sent) {
      activity.record(
          ActivityRecord.of(
                  ActivityType.INVITATION_RESEND_REQUESTED,
                  actor,
                  onboarding.getDossierId(),
                  onboarding.getContactId())
              .with("onboardingId", onboardingId)
              .with("guestInvitation", true)
              .dedupKey(
                  "resend/guest-" + onboardingId + "-" + guests.state(onboardingId).sentAt()));
    }
    return Optional.of(onboarding.view());
  }
}
