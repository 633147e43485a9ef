package io.passerelle.onboarding.web;

import io.passerelle.account.InvitationService;
import io.passerelle.domain.DomainException;
import io.passerelle.onboarding.OnboardingService;
import io.passerelle.staff.ScopedResources;
import io.passerelle.staff.StaffPrincipal;
import io.passerelle.web.pages.Flash;
import io.passerelle.web.pages.FrenchMessages;
import io.passerelle.web.pages.StaffPage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Send now, resend and cancel an onboarding's invitation — one (from a dossier, a contact, an
 * onboarding) or several (seed 002's pending list: "resend to selected", "cancel invitations to
 * selected"), the lines of onboardings waiting for the Microsoft guest's acceptance among them.
 * Each goes through the journey's {@link OnboardingService}, which owns the rules and makes a
 * repeated click harmless.
 */
@StaffPage
class OnboardingActions {

  private final ScopedResources scoped;

  private final OnboardingService onboardings;
  private final InvitationService invitations;

  OnboardingActions(
      OnboardingService onboardings, InvitationService invitations, ScopedResources scoped) {
    this.scoped = scoped;
    this.onboardings = onboardings;
    this.invitations = invitations;
  }

  @PostMapping("/integrations/{id}/{action:envoyer|renvoyer|annuler}")
  String one(
      @PathVariable long id,
      @PathVariable String action,
      @RequestParam(name = "back", required = false) String back,
      @RequestParam(name = "invitation", required = false) String which,
      @AuthenticationPrincipal StaffPrincipal me,
      RedirectAttributes flash) {
    String to = back != null && back.matches("/[a-z0-9/-]*") ? back : "/integrations/" + id;
    boolean guest = "microsoft".equals(which);
    return Flash.run(
        to,
        flash,
        switch (action) {
          case "envoyer" -> "L'invitation est envoyée.";
          case "renvoyer" ->
              guest
                  ? "L'invitation Microsoft est renvoyée (si elle est partie il y a plus d'une"
                      + " minute)."
                  : "L'invitation est renvoyée : un nouveau lien part, l'ancien ne fonctionne"
                      + " plus.";
          default ->
              guest
                  ? "L'intégration est annulée : l'invité en attente est retiré du tenant"
                      + " Microsoft du cabinet."
                  : "L'invitation est annulée : son lien ne fonctionne plus.";
        },
        () -> run(id, action, me));
  }

  /**
   * Seed 002: several selected lines resent or cancelled at once. The lines of invitations name
   * them ({@code invitation}); the lines of Microsoft offers waiting for the guest's acceptance,
   * which have no invitation yet, name their onboarding ({@code onboarding}, issue 23). Each
   * onboarding is acted on once, however it was named.
   */
  @PostMapping("/activations-en-attente/actions")
  String selected(
      @RequestParam(name = "invitation", required = false) List<Long> invitationIds,
      @RequestParam(name = "onboarding", required = false) List<Long> onboardingIds,
      @RequestParam String action,
      @AuthenticationPrincipal StaffPrincipal me,
      RedirectAttributes flash) {
    List<Long> byInvitation = invitationIds == null ? List.of() : invitationIds;
    List<Long> byOnboarding = onboardingIds == null ? List.of() : onboardingIds;
    if (byInvitation.isEmpty() && byOnboarding.isEmpty()) {
      flash.addFlashAttribute("failure", "Sélectionnez au moins une personne.");
      return "redirect:/activations-en-attente";
    }
    String verb = "annuler".equals(action) ? "annuler" : "renvoyer";
    Selection selection = new Selection();
    for (long invitationId : byInvitation.stream().distinct().limit(500).toList()) {
      selection.act(() -> actOnInvitation(invitationId, verb, me, selection));
    }
    for (long onboardingId : byOnboarding.stream().distinct().limit(500).toList()) {
      selection.act(
          () -> {
            scoped.requireVisible(ScopedResources.Kind.ONBOARDING, onboardingId);
            selection.once(onboardingId, () -> run(onboardingId, verb, me));
          });
    }
    selection.tell(flash, verb);
    return "redirect:/activations-en-attente";
  }

  private void actOnInvitation(
      long invitationId, String verb, StaffPrincipal me, Selection selection) {
    // one outside the member's dossiers is refused as unknown, naming nothing
    scoped.requireVisible(ScopedResources.Kind.INVITATION, invitationId);
    var invitation = invitations.get(invitationId);
    if (invitation.onboardingId() == null) {
      throw new Selection.Refused(invitation.email() + " : invitation sans intégration");
    }
    selection.once(invitation.onboardingId(), () -> run(invitation.onboardingId(), verb, me));
  }

  /** What a batch did: how many lines, which refusals, and the onboardings acted on (once each). */
  private static final class Selection {

    private int done;
    private final List<String> refused = new ArrayList<>();
    private final Set<Long> actedOn = new HashSet<>();

    /** A line refused with its sentence, not an error. */
    static final class Refused extends RuntimeException {
      Refused(String message) {
        super(message, null, false, false);
      }
    }

    void act(Runnable line) {
      try {
        line.run();
        done++;
      } catch (Refused e) {
        refused.add(e.getMessage());
      } catch (DomainException e) {
        refused.add(FrenchMessages.of(e));
      }
    }

    void once(long onboardingId, Runnable action) {
      if (actedOn.add(onboardingId)) {
        action.run();
      }
    }

    void tell(RedirectAttributes flash, String verb) {
      if (done > 0) {
        flash.addFlashAttribute(
            "success",
            done
                + ("annuler".equals(verb)
                    ? " invitation(s) annulée(s)."
                    : " invitation(s) renvoyée(s)."));
      }
      if (!refused.isEmpty()) {
        flash.addFlashAttribute(
            "failure",
            refused.size()
                + " refusée(s) : "
                + String.join(" ; ", refused.stream().distinct().toList()));
      }
    }
  }

  private void run(long onboardingId, String action, StaffPrincipal me) {
    switch (action) {
      case "envoyer" -> onboardings.sendNow(onboardingId, me.actor());
      case "renvoyer" -> onboardings.resend(onboardingId, me.actor());
      default -> onboardings.cancel(onboardingId, me.actor());
    }
  }
}
