package io.passerelle.onboarding;

import io.passerelle.account.InvitationService;
import io.passerelle.activity.ActivityRecord;
import io.passerelle.activity.ActivityService;
import io.passerelle.activity.ActivityType;
import io.passerelle.collaboration.CollaborationService;
import io.passerelle.collaboration.ServiceFilter;
import io.passerelle.collaboration.ServiceStatus;
import io.passerelle.domain.Actor;
import io.passerelle.domain.DomainException;
import io.passerelle.domain.Texts;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Component;

/**
 * What every proposal shares, whoever makes it: the custom message's limit, the refusal of a second
 * onboarding to the same offer for the same contact and dossier, and the recording of the request
 * (the STARTING row and its activity) whose process {@link OnboardingStarter} starts after the
 * commit.
 */
@Component
class OnboardingRequests {

  private final OnboardingRepository onboardings;
  private final CollaborationService collaboration;
  private final ActivityService activity;
  private final OnboardingStarter starter;

  OnboardingRequests(
      OnboardingRepository onboardings,
      CollaborationService collaboration,
      ActivityService activity,
      OnboardingStarter starter) {
    this.onboardings = onboardings;
    this.collaboration = collaboration;
    this.activity = activity;
    this.starter = starter;
  }

  /** Records the onboarding, STARTING, and orders its start after the commit. */
  OnboardingView record(Onboarding onboarding, Actor actor) {
    Onboarding saved = onboardings.saveAndFlush(onboarding);
    activity.record(
        ActivityRecord.of(
                ActivityType.ONBOARDING_REQUESTED,
                actor,
                saved.getDossierId(),
                saved.getContactId())
            .with("onboardingId", saved.getId())
            .with("offerCode", saved.getOfferCode())
            .with("sendNow", saved.isSendNow()));
    starter.startAfterCommit(saved.getId());
    return saved.view();
  }

  /** 409 when the contact has this offer on this dossier, running or active already. */
  void refuseDuplicate(long dossierId, long contactId, String offerCode) {
    if (onboardings.existsRunning(dossierId, contactId, offerCode)) {
      throw alreadyRunning(
          onboardings.runningIds(dossierId, contactId, offerCode).stream()
              .findFirst()
              .orElse(null));
    }
    boolean active =
        collaboration
            .list(
                new ServiceFilter(dossierId, contactId, ServiceStatus.ACTIVE, offerCode),
                PageRequest.of(0, 1))
            .hasContent();
    if (active) {
      throw DomainException.conflict(
          "SERVICE_ALREADY_ACTIVE", "This contact already has this offer on this dossier.");
    }
  }

  /**
   * Concurrent proposals to the same new address: the first holds the lock until it commits, the
   * others then find its onboarding here (before, each made one: five onboardings, mails).
   */
  void refuseRunningForAddress(long dossierId, String offerCode, String comparableEmail) {
    onboardings.runningForAddress(dossierId, offerCode, comparableEmail).stream()
        .findFirst()
        .ifPresent(
            id -> {
              throw alreadyRunning(id);
            });
  }

  /** 409 ONBOARDING_ALREADY_RUNNING, with the running onboarding's id and link. */
  static DomainException alreadyRunning(Long onboardingId) {
    var refusal =
        DomainException.conflict(
            "ONBOARDING_ALREADY_RUNNING",
            "An onboarding to this offer is already running for this contact on this dossier:"
                + " resend or cancel its invitation instead.");
    if (onboardingId != null) {
      refusal
          .with("onboardingId", onboardingId)
          .with("onboarding", "/api/onboardings/" + onboardingId);
    }
    return refusal;
  }

  static String customMessage(String message) {
    String text = Texts.trimToNull(message);
    if (text != null && text.length() > InvitationService.MAX_CUSTOM_MESSAGE) {
      throw DomainException.invalid(
          "TOO_LONG",
          "customMessage",
          "A custom message has at most " + InvitationService.MAX_CUSTOM_MESSAGE + " characters.");
    }
    return text;
  }
}
