package io.passerelle.onboarding.web;

import io.passerelle.domain.CommonErrors;
import io.passerelle.domain.DomainException;
import io.passerelle.onboarding.OnboardingService;
import io.passerelle.onboarding.OnboardingView;
import io.passerelle.staff.StaffPrincipal;
import io.passerelle.web.pages.FormOnce;
import io.passerelle.web.pages.FrenchMessages;
import io.passerelle.web.pages.StaffPage;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * "Proposer un service collaboratif" from the dossier page: the journey's {@link
 * OnboardingService#propose} (only the dossier's manager or the office administrator). A form
 * posted twice (a double click, the browser's "resend") proposes once: the form's request id is
 * remembered ({@link FormOnce}) with the onboarding it made.
 */
@StaffPage
class ProposalController {

  private final OnboardingService onboardings;

  private final FormOnce formOnce;

  ProposalController(OnboardingService onboardings, FormOnce formOnce) {
    this.formOnce = formOnce;
    this.onboardings = onboardings;
  }

  @PostMapping("/dossiers/{id}/proposer")
  String propose(
      @PathVariable long id,
      @ModelAttribute ProposalForm form,
      @AuthenticationPrincipal StaffPrincipal me,
      RedirectAttributes flash) {
    OnboardingView[] made = new OnboardingView[1];
    long onboardingId;
    try {
      onboardingId =
          formOnce.run(
              "proposal",
              form.requestId(),
              () -> {
                made[0] = onboardings.propose(form.command(id), me.actor());
                return made[0].id();
              });
    } catch (DomainException e) {
      if (e.kind() == DomainException.Kind.FORBIDDEN
          || e.kind() == DomainException.Kind.NOT_FOUND
              && CommonErrors.DOSSIER_UNKNOWN.is(e.code())) {
        throw e;
      }
      flash.addFlashAttribute("failure", describe(e));
      flash.addFlashAttribute("proposal", form);
      return "redirect:/dossiers/" + id + "#proposer";
    }
    if (made[0] != null) {
      flash.addFlashAttribute(
          "success",
          made[0].sendNow()
              ? "Le service est proposé : l'invitation part."
              : "Le service est proposé : l'invitation attend votre envoi.");
    }
    return "redirect:/integrations/" + onboardingId;
  }

  private static String describe(DomainException e) {
    StringBuilder text = new StringBuilder(FrenchMessages.of(e));
    for (var field : e.fieldErrors()) {
      String french = FrenchMessages.ofCode(field.code(), null);
      String label = FIELDS.getOrDefault(field.field(), field.field());
      text.append(" ")
          .append(label)
          .append(" : ")
          .append(french != null ? french : field.message());
    }
    return text.toString();
  }

  private static final Map<String, String> FIELDS =
      Map.ofEntries(
          Map.entry("email", "E-mail"),
          Map.entry("firstName", "Prénom"),
          Map.entry("lastName", "Nom"),
          Map.entry("companyName", "Raison sociale"),
          Map.entry("phone", "Téléphone"),
          Map.entry("subscriberType", "Type d'abonné"),
          Map.entry("advisorType", "Type de conseil"),
          Map.entry("organisationalRoleCode", "Fonction"),
          Map.entry("contactId", "Interlocuteur"),
          Map.entry("limitedTo", "Limité à"),
          Map.entry("accessLevel", "Accès"),
          Map.entry("offerCode", "Offre"),
          Map.entry("customMessage", "Message"));
}
