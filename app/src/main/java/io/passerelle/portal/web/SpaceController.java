package io.passerelle.portal.web;

import io.passerelle.contact.AccessLevel;
import io.passerelle.contact.Language;
import io.passerelle.contact.SubscriberType;
import io.passerelle.domain.DomainException;
import io.passerelle.domain.EmailAddresses;
import io.passerelle.firm.FirmProperties;
import io.passerelle.portal.ClientInvitations;
import io.passerelle.portal.ClientPrincipal;
import io.passerelle.portal.ClientSessions;
import io.passerelle.portal.PortalLinks;
import io.passerelle.portal.PortalRateLimits;
import io.passerelle.portal.PortalTexts;
import io.passerelle.portal.SpaceService;
import io.passerelle.web.pages.FormOnce;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The client's space: {@code /espace} (their first dossier), {@code /espace/dossiers/{id}} (switch
 * to another one), and the holder's invitation form. A dossier the client has no live access to is
 * not found; a client whose account was disabled meanwhile is signed out.
 */
@Controller
class SpaceController {

  /** The kind of {@link FormOnce} claim a client invitation form makes. */
  private static final String INVITE_FORM = "client-invitation";

  private final SpaceService spaces;
  private final ClientInvitations invitations;
  private final PortalRateLimits limits;
  private final ClientSessions sessions;
  private final PortalTexts texts;
  private final FirmProperties firm;
  private final FormOnce formOnce;

  SpaceController(
      SpaceService spaces,
      ClientInvitations invitations,
      PortalRateLimits limits,
      ClientSessions sessions,
      PortalTexts texts,
      FirmProperties firm,
      FormOnce formOnce) {
    this.formOnce = formOnce;
    this.spaces = spaces;
    this.invitations = invitations;
    this.limits = limits;
    this.sessions = sessions;
    this.texts = texts;
    this.firm = firm;
  }

  @GetMapping({PortalLinks.SPACE, PortalLinks.SPACE + "/"})
  String home(
      @AuthenticationPrincipal ClientPrincipal me,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model) {
    return show(me, null, request, response, model, null, null);
  }

  @GetMapping(PortalLinks.SPACE + "/dossiers/{dossierId}")
  String dossier(
      @AuthenticationPrincipal ClientPrincipal me,
      @PathVariable long dossierId,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model) {
    return show(me, dossierId, request, response, model, null, null);
  }

  @PostMapping(PortalLinks.SPACE + "/dossiers/{dossierId}/invitations")
  String invite(
      @AuthenticationPrincipal ClientPrincipal me,
      @PathVariable long dossierId,
      @RequestParam Map<String, String> form,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model) {
    if (!spaces.sees(me.accountId(), dossierId)) {
      return show(me, dossierId, request, response, model, null, null);
    }
    String error = check(form);
    if (error == null) {
      String requestId = form.getOrDefault("requestId", "");
      if (!formOnce.claim(INVITE_FORM, requestId)) {
        // the same form sent twice (a double click): the first one does the work
        return "redirect:" + PortalLinks.SPACE + "/dossiers/" + dossierId + "?invitation-envoyee";
      }
      var decision = limits.clientInvitation(me.accountId());
      if (!decision.allowed()) {
        formOnce.release(INVITE_FORM, requestId);
        response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(decision.retryAfterSeconds()));
        response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
        return show(me, dossierId, request, response, model, form, "invite.error.TOO_MANY");
      }
      try {
        invitations.invite(
            new ClientInvitations.Invite(
                dossierId,
                form.get("firstName").strip(),
                form.get("lastName").strip(),
                EmailAddresses.clean(form.get("email")),
                SubscriberType.valueOf(form.get("subscriberType")),
                form.get("role"),
                AccessLevel.valueOf(form.get("accessLevel")),
                form.get("offerCode"),
                "en".equals(form.get("language")) ? Language.en : Language.fr,
                form.get("message")),
            me.actor());
        return "redirect:" + PortalLinks.SPACE + "/dossiers/" + dossierId + "?invitation-envoyee";
      } catch (DomainException e) {
        formOnce.release(INVITE_FORM, requestId);
        error = "invite.error." + e.code();
      }
    }
    response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
    return show(me, dossierId, request, response, model, form, error);
  }

  private String show(
      ClientPrincipal me,
      Long dossierId,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      Map<String, String> typed,
      String error) {
    SpaceService.Space space;
    switch (spaces.load(me.accountId(), dossierId)) {
      case SpaceService.Loaded.Found found -> space = found.space();
      case SpaceService.Loaded.DossierNotFound notFound -> {
        response.setStatus(HttpStatus.NOT_FOUND.value());
        model.addAttribute("t", texts.of(notFound.language()));
        model.addAttribute("firmName", firm.name());
        return "portal/dossier-not-found";
      }
      case SpaceService.Loaded.AccountInactive inactive -> {
        sessions.signOut(request, response);
        return "redirect:" + PortalLinks.SIGN_IN;
      }
    }
    var t = texts.of(space.language());
    model.addAttribute("t", t);
    model.addAttribute("firmName", firm.name());
    model.addAttribute("space", space);
    model.addAttribute("welcome", request.getParameterMap().containsKey("bienvenue"));
    model.addAttribute("invited", request.getParameterMap().containsKey("invitation-envoyee"));
    model.addAttribute("inviteError", error == null ? null : t.get(errorKey(t, error)));
    model.addAttribute("typed", typed == null ? new LinkedHashMap<String, String>() : typed);
    model.addAttribute("requestId", UUID.randomUUID().toString());
    return "portal/space";
  }

  /** The text key of an error, or the general one for a code the texts do not know. */
  private static String errorKey(PortalTexts.Texts t, String key) {
    return t.f(key).startsWith("??") ? "invite.error.other" : key;
  }

  /** The form's own checks, before the rules of the services: a text key, or null. */
  private static String check(Map<String, String> form) {
    if (blank(form.get("firstName")) || blank(form.get("lastName"))) {
      return "invite.error.NAME_REQUIRED";
    }
    if (form.get("firstName").length() > 100 || form.get("lastName").length() > 100) {
      return "invite.error.NAME_TOO_LONG";
    }
    if (!EmailAddresses.isValid(EmailAddresses.clean(form.get("email")))) {
      return "invite.error.INVALID_EMAIL";
    }
    if (!"FAMILY_MEMBER".equals(form.get("subscriberType"))
        && !"EMPLOYEE".equals(form.get("subscriberType"))) {
      return "invite.error.CLIENT_MAY_INVITE_FAMILY_OR_EMPLOYEES";
    }
    if (blank(form.get("role"))) {
      return "invite.error.ROLE_MISSING";
    }
    if (!"READ_ONLY".equals(form.get("accessLevel"))
        && !"READ_WRITE".equals(form.get("accessLevel"))) {
      return "invite.error.ACCESS_LEVEL";
    }
    if (blank(form.get("offerCode"))) {
      return "invite.error.OFFER_UNKNOWN";
    }
    if (form.get("message") != null && form.get("message").length() > 2000) {
      return "invite.error.MESSAGE_TOO_LONG";
    }
    return null;
  }

  private static boolean blank(String text) {
    return text == null || text.isBlank();
  }
}
