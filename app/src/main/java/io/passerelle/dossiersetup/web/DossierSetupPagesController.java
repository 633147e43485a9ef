package io.passerelle.dossiersetup.web;

import io.passerelle.delegation.AdvisorRegistration;
import io.passerelle.delegation.DelegatedInvitationService;
import io.passerelle.domain.CommonErrors;
import io.passerelle.domain.DomainException;
import io.passerelle.dossiersetup.DossierSetupProperties.PartnerApplication;
import io.passerelle.dossiersetup.DossierSetupService;
import io.passerelle.dossiersetup.PartnerApplicationChoice;
import io.passerelle.dossiersetup.PartnerApplicationView;
import io.passerelle.staff.StaffPrincipal;
import io.passerelle.web.pages.Flash;
import io.passerelle.web.pages.FormErrors;
import io.passerelle.web.pages.FormOnce;
import io.passerelle.web.pages.StaffPage;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The dossier page's actions for its set-up and its advisors: "Ajouter un conseiller" (seed 003:
 * the dossier's manager or the administrator registers an advisor with their type, and may invite
 * them), the document tree, and the partner applications ("Autoriser l'accès", with the extra
 * fields of automation applications; seed 004). The rules are the services': {@link
 * DelegatedInvitationService} and {@link DossierSetupService}.
 */
@StaffPage
public class DossierSetupPagesController {

  private final DelegatedInvitationService delegation;
  private final DossierSetupService setup;

  private final FormOnce formOnce;

  DossierSetupPagesController(
      DelegatedInvitationService delegation, DossierSetupService setup, FormOnce formOnce) {
    this.formOnce = formOnce;
    this.delegation = delegation;
    this.setup = setup;
  }

  /** A partner application's form as it was sent, to show it again with its errors. */
  record ApplicationEdit(
      String code, boolean accessAllowed, boolean onClientPortal, Map<String, String> settings)
      implements Serializable {
    private static final long serialVersionUID = 1L;

    ApplicationEdit {
      settings = settings == null ? Map.of() : Map.copyOf(settings);
    }
  }

  /** A partner application on the dossier, with the catalogue's definition (its extra fields). */
  record ApplicationLine(PartnerApplicationView view, PartnerApplication definition) {

    /** The value of a setting: what was just sent (refused), else what the dossier has. */
    public String setting(ApplicationEdit edit, String key) {
      if (edit != null && edit.code().equals(view.code())) {
        return edit.settings().get(key);
      }
      return view.settings().get(key);
    }
  }

  public static List<ApplicationLine> lines(
      List<PartnerApplicationView> views, List<PartnerApplication> catalogue) {
    return views.stream()
        .map(
            v ->
                new ApplicationLine(
                    v,
                    catalogue.stream()
                        .filter(a -> a.code().equals(v.code()))
                        .findFirst()
                        .orElse(null)))
        .toList();
  }

  @PostMapping("/dossiers/{id}/conseillers")
  String registerAdvisor(
      @PathVariable long id,
      @ModelAttribute AdvisorForm form,
      @AuthenticationPrincipal StaffPrincipal me,
      RedirectAttributes flash) {
    boolean invite = Boolean.TRUE.equals(form.invite());
    AdvisorRegistration[] made = new AdvisorRegistration[1];
    try {
      formOnce.run(
          "advisor",
          form.requestId(),
          () -> {
            made[0] =
                delegation.registerAdvisor(
                    id,
                    form.advisor(),
                    form.accessLevel(),
                    invite,
                    null,
                    form.customMessage(),
                    !Boolean.FALSE.equals(form.sendNow()),
                    me.actor());
            return made[0].contact().id();
          });
    } catch (DomainException e) {
      if (e.kind() == DomainException.Kind.FORBIDDEN
          || e.kind() == DomainException.Kind.NOT_FOUND
              && CommonErrors.DOSSIER_UNKNOWN.is(e.code())) {
        throw e;
      }
      flash.addFlashAttribute("advisor", form);
      flash.addFlashAttribute(
          "advisorErrors",
          FormErrors.from(
              e, AdvisorForm::field, new FormErrors.Field("advisor-email", "Conseiller")));
      return "redirect:/dossiers/" + id + "#ajouter-conseiller";
    }
    if (made[0] != null) {
      flash.addFlashAttribute(
          "success",
          made[0].onboardingId() == null
              ? "Le conseiller est enregistré : il a accès au dossier. Invitez-le quand vous le"
                  + " souhaitez."
              : "Le conseiller est enregistré et invité.");
    }
    return "redirect:/dossiers/" + id + "#linked-contacts";
  }

  @PostMapping("/dossiers/{id}/arborescence")
  String chooseDocumentTree(
      @PathVariable long id,
      @RequestParam(required = false) String code,
      @AuthenticationPrincipal StaffPrincipal me,
      RedirectAttributes flash) {
    return Flash.run(
        "/dossiers/" + id + "#parametrage",
        flash,
        "L'arborescence du dossier est choisie.",
        () -> setup.chooseDocumentTree(id, code, me.actor()));
  }

  /** Seed 004: "Autoriser l'accès", the portal, the extra fields (named {@code setting.<key>}). */
  @PostMapping("/dossiers/{id}/applications/{code}")
  String setPartnerApplication(
      @PathVariable long id,
      @PathVariable String code,
      @RequestParam(defaultValue = "false") boolean accessAllowed,
      @RequestParam(defaultValue = "false") boolean onClientPortal,
      @RequestParam Map<String, String> params,
      @AuthenticationPrincipal StaffPrincipal me,
      RedirectAttributes flash) {
    Map<String, String> settings = new LinkedHashMap<>();
    params.forEach(
        (name, value) -> {
          if (name.startsWith("setting.") && value != null && !value.isBlank()) {
            settings.put(name.substring("setting.".length()), value);
          }
        });
    PartnerApplication application =
        setup.partnerApplications().stream()
            .filter(a -> a.code().equalsIgnoreCase(code))
            .findFirst()
            .orElse(null);
    try {
      setup.setPartnerApplication(
          id,
          new PartnerApplicationChoice(code, accessAllowed, onClientPortal, settings),
          me.actor());
    } catch (DomainException e) {
      if (e.kind() == DomainException.Kind.FORBIDDEN
          || e.kind() == DomainException.Kind.NOT_FOUND) {
        throw e;
      }
      flash.addFlashAttribute(
          "applicationEdit",
          new ApplicationEdit(
              application == null ? code : application.code(),
              accessAllowed,
              onClientPortal,
              settings));
      flash.addFlashAttribute("setupErrors", applicationErrors(e, code, application));
      return "redirect:/dossiers/"
          + id
          + "#application-"
          + (application == null ? code : application.code());
    }
    flash.addFlashAttribute(
        "success",
        (application == null ? code : application.name())
            + (accessAllowed ? " : accès autorisé." : " : accès retiré."));
    return "redirect:/dossiers/" + id + "#parametrage";
  }

  /** The refusal's fields as the dossier page names them (access, portal, each setting). */
  private static FormErrors applicationErrors(
      DomainException e, String code, PartnerApplication application) {
    String prefix = "setup-" + (application == null ? code : application.code()) + "-";
    String name = application == null ? code : application.name();
    return FormErrors.from(
        e,
        field -> {
          int settingAt = field.indexOf(".settings.");
          if (settingAt >= 0) {
            String key = field.substring(settingAt + ".settings.".length());
            String label =
                application == null
                    ? key
                    : application.fields().stream()
                        .filter(f -> f.key().equals(key))
                        .map(f -> f.label())
                        .findFirst()
                        .orElse(key);
            return new FormErrors.Field(prefix + "setting-" + key, name + " — " + label);
          }
          if (field.endsWith(".onClientPortal")) {
            return new FormErrors.Field(prefix + "portal", name + " — portail du dirigeant");
          }
          return new FormErrors.Field(prefix + "access", name);
        },
        new FormErrors.Field(prefix + "access", name));
  }
}
