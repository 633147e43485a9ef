package io.passerelle.onboarding.web;

import io.passerelle.account.InvitationService;
import io.passerelle.activity.ActivityFilter;
import io.passerelle.activity.ActivityService;
import io.passerelle.activity.ActivityType;
import io.passerelle.activity.ActivityView;
import io.passerelle.activity.web.ActivityPageController;
import io.passerelle.engine.UnknownInstanceException;
import io.passerelle.engine.web.ProcessInstanceController;
import io.passerelle.onboarding.OnboardingService;
import io.passerelle.onboarding.OnboardingView;
import io.passerelle.staff.StaffPrincipal;
import io.passerelle.web.pages.NameLookup;
import io.passerelle.web.pages.StaffPage;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * One onboarding: what was proposed to whom, its invitations, the BPMN diagram of its process with
 * the current step highlighted and the passed ones marked (its invitation call too), incidents with
 * "retry", and its timeline from the activity feed.
 */
@StaffPage
class OnboardingPageController {

  private final OnboardingService onboardings;
  private final InvitationService invitations;
  private final ActivityService activity;
  private final ProcessInstanceController instances;
  private final ActivityPageController feed;
  private final NameLookup names;

  OnboardingPageController(
      OnboardingService onboardings,
      InvitationService invitations,
      ActivityService activity,
      ProcessInstanceController instances,
      ActivityPageController feed,
      NameLookup names) {
    this.onboardings = onboardings;
    this.invitations = invitations;
    this.activity = activity;
    this.instances = instances;
    this.feed = feed;
    this.names = names;
  }

  @GetMapping("/integrations/{id}")
  String onboarding(
      @PathVariable long id, @AuthenticationPrincipal StaffPrincipal me, Model model) {
    OnboardingView onboarding = onboardings.get(id);
    model.addAttribute("onboarding", onboarding);
    model.addAttribute(
        "dossierName", names.dossiers(List.of(onboarding.dossierId())).get(onboarding.dossierId()));
    model.addAttribute(
        "contactName",
        onboarding.contactId() == null
            ? null
            : names.contacts(List.of(onboarding.contactId())).get(onboarding.contactId()));
    model.addAttribute("invitations", invitations.forOnboarding(id));
    Object instance = null;
    if (onboarding.processInstanceKey() != null) {
      try {
        instance = instances.view(onboarding.processInstanceKey(), true);
      } catch (UnknownInstanceException gone) {
        // the engine no longer knows it (embedded mode after a restart): the feed still tells
      }
    }
    model.addAttribute("instance", instance);
    var entries =
        activity
            .list(
                new ActivityFilter(
                    onboarding.dossierId(),
                    null,
                    null,
                    onboarding.createdAt().minusSeconds(1),
                    null),
                PageRequest.of(0, 500, Sort.by(Sort.Order.asc("occurredAt"), Sort.Order.asc("id"))))
            .getContent()
            .stream()
            .filter(entry -> concerns(entry, onboarding))
            .toList();
    model.addAttribute("timeline", feed.lines(entries));
    return "pages/integration";
  }

  /**
   * What the onboarding's timeline shows of its dossier's feed: what concerns its contact, what
   * names the onboarding (the staff's request, recorded before the contact exists), and the
   * dossier-level steps of its offer (activated, widget enabled), which name no contact.
   */
  static boolean concerns(ActivityView entry, OnboardingView onboarding) {
    Object onboardingId = entry.details() == null ? null : entry.details().get("onboardingId");
    if (onboardingId != null) {
      return String.valueOf(onboarding.id()).equals(String.valueOf(onboardingId));
    }
    if (entry.contactId() != null) {
      return entry.contactId().equals(onboarding.contactId());
    }
    return OFFER_STEPS.contains(entry.type())
        && onboarding.offerCode().equals(entry.details().get("offerCode"));
  }

  private static final Set<ActivityType> OFFER_STEPS =
      EnumSet.of(ActivityType.OFFER_ACTIVATED, ActivityType.WIDGET_ENABLED);
}
