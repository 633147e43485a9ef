package io.passerelle.onboarding;

import io.passerelle.contact.ContactService;
import io.passerelle.dossier.DossierService;
import io.passerelle.microsoft.GraphException;
import io.passerelle.microsoft.GuestInvitationService;
import io.passerelle.processes.ProcessNames.Errors;
import io.passerelle.workers.guest.GuestInvitationSteps;
import io.passerelle.workers.support.BusinessRuleException;
import io.passerelle.workers.support.PacedFailure;
import io.passerelle.workers.support.RetryLater;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * The steps of {@code Process_MicrosoftGuestInvitation} (issue 23): the onboarding's contact, its
 * address and the staff's message go to {@link GuestInvitationService}; Graph's failures become
 * what the engine should do with the job (see {@link GuestInvitationSteps}).
 */
@Component
class GuestJourney implements GuestInvitationSteps {

  /** How long jobs wait while the credentials stay refused (no retry spent, no incident each). */
  static final Duration CREDENTIALS_WAIT = Duration.ofMinutes(5);

  private final OnboardingRepository onboardings;
  private final ContactService contacts;
  private final DossierService dossiers;
  private final GuestInvitationService guests;

  GuestJourney(
      OnboardingRepository onboardings,
      ContactService contacts,
      DossierService dossiers,
      GuestInvitationService guests) {
    this.onboardings = onboardings;
    this.contacts = contacts;
    this.dossiers = dossiers;
    this.guests = guests;
  }

  @Override
  public GuestInvited inviteGuest(InviteRequest request) {
    Onboarding onboarding = find(request.onboardingId());
    String manager = dossiers.summary(onboarding.getDossierId()).managerUsername();
    String email = contacts.get(requireContact(onboarding)).email();
    if (email == null || email.isBlank()) {
      throw new BusinessRuleException(
          Errors.GUEST_INVITATION_REFUSED,
          "The contact of onboarding " + onboarding.getId() + " has no e-mail address.",
          new Refusal(manager));
    }
    try {
      boolean inTenant =
          guests.invite(
              new GuestInvitationService.Invite(
                  onboarding.getId(),
                  request.requestKey(),
                  request.processInstanceKey(),
                  email,
                  onboarding.getCustomMessage()));
      return new GuestInvited(inTenant, manager);
    } catch (GraphException.Refused e) {
      throw new BusinessRuleException(
          Errors.GUEST_INVITATION_REFUSED, e.getMessage(), new Refusal(manager));
    } catch (GraphException e) {
      throw technical(e);
    }
  }

  @Override
  public void resendGuestInvitation(long onboardingId, int reminderNumber) {
    Onboarding onboarding = find(onboardingId);
    try {
      guests.resend(onboardingId, reminderNumber, onboarding.getCustomMessage());
    } catch (GraphException e) {
      throw technical(e);
    }
  }

  @Override
  public GuestChecked checkGuest(long onboardingId) {
    GuestInvitationService.Check check;
    try {
      check = guests.check(onboardingId);
    } catch (GraphException e) {
      throw technical(e);
    }
    return switch (check) {
      case PENDING -> new GuestChecked(false);
      case ACCEPTED -> new GuestChecked(true);
      case IDENTITY_MISMATCH ->
          throw new BusinessRuleException(
              Errors.GUEST_IDENTITY_MISMATCH,
              "The guest of onboarding "
                  + onboardingId
                  + " accepted with another address than the contact's.");
      case GUEST_REMOVED ->
          throw new BusinessRuleException(
              Errors.GUEST_REMOVED,
              "The guest of onboarding " + onboardingId + " is no longer in the firm's tenant.");
    };
  }

  @Override
  public void acceptGuestAsIs(long onboardingId) {
    guests.acceptAsIs(onboardingId);
  }

  /**
   * Graph down or throttling: retried after its Retry-After; credentials refused: the first job
   * gets the one incident, the others wait without spending a retry.
   */
  static RuntimeException technical(GraphException e) {
    if (e instanceof GraphException.Unavailable unavailable) {
      return new GraphFailure(e.getMessage(), unavailable.retryAfter(), false, e);
    }
    if (e instanceof GraphException.CredentialsRefused refused && !refused.first()) {
      return new CredentialsWait(e.getMessage(), e);
    }
    return new GraphFailure(e.getMessage(), null, true, e);
  }

  private Onboarding find(long id) {
    return onboardings
        .findById(id)
        .orElseThrow(() -> new IllegalStateException("No onboarding has the id " + id));
  }

  private static long requireContact(Onboarding onboarding) {
    if (onboarding.getContactId() == null) {
      throw new IllegalStateException(
          "Onboarding " + onboarding.getId() + " has no contact yet: create-contact runs first");
    }
    return onboarding.getContactId();
  }

  /** A Graph failure paced by Graph's Retry-After, or one that needs a person now. */
  static final class GraphFailure extends RuntimeException implements PacedFailure {
    private static final long serialVersionUID = 1L;
    private final transient Duration retryAfter;
    private final boolean person;

    GraphFailure(String message, Duration retryAfter, boolean person, Throwable cause) {
      super(message, cause);
      this.retryAfter = retryAfter;
      this.person = person;
    }

    @Override
    public Duration retryAfter() {
      return retryAfter;
    }

    @Override
    public boolean needsAPerson() {
      return person;
    }
  }

  /** The credentials are still refused and already reported: wait, no retry spent. */
  static final class CredentialsWait extends RuntimeException implements RetryLater {
    private static final long serialVersionUID = 1L;

    CredentialsWait(String message, Throwable cause) {
      super(message, cause);
    }

    @Override
    public Duration retryAfter() {
      return CREDENTIALS_WAIT;
    }

    @Override
    public boolean costsNoRetry() {
      return true;
    }
  }
}
