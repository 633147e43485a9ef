package io.passerelle.portal.web;

import io.passerelle.domain.EmailAddresses;
import io.passerelle.domain.PasswordPolicy;
import io.passerelle.firm.FirmProperties;
import io.passerelle.portal.ClientSessions;
import io.passerelle.portal.NewLinkRequests;
import io.passerelle.portal.PasswordResets;
import io.passerelle.portal.PortalLinks;
import io.passerelle.portal.PortalTexts;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The pages that bring a client back in without being signed in: "send me a new link" (the
 * invitation no longer works) and "I forgot my password". Both answer the same page, at once,
 * whether or not the address belongs to anyone; the lookup and the mail happen afterwards.
 */
@Controller
class AccessController {

  private final NewLinkRequests newLinks;
  private final PasswordResets resets;
  private final ClientSessions sessions;
  private final PortalTexts texts;
  private final FirmProperties firm;

  AccessController(
      NewLinkRequests newLinks,
      PasswordResets resets,
      ClientSessions sessions,
      PortalTexts texts,
      FirmProperties firm) {
    this.newLinks = newLinks;
    this.resets = resets;
    this.sessions = sessions;
    this.texts = texts;
    this.firm = firm;
  }

  // ---- a new invitation link ----

  @GetMapping(PortalLinks.NEW_LINK)
  String newLinkForm(HttpServletRequest request, Model model) {
    return emailForm("portal/new-link", request, model, null, false);
  }

  @PostMapping(PortalLinks.NEW_LINK)
  String askNewLink(
      @RequestParam(name = "email", required = false) String email,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model) {
    if (!EmailAddresses.isValid(EmailAddresses.clean(email))) {
      response.setStatus(HttpStatus.BAD_REQUEST.value());
      return emailForm("portal/new-link", request, model, email, true);
    }
    newLinks.request(email);
    return sent("new-link", request, model);
  }

  // ---- password reset ----

  @GetMapping(PortalLinks.FORGOTTEN_PASSWORD)
  String forgottenForm(HttpServletRequest request, Model model) {
    return emailForm("portal/forgotten-password", request, model, null, false);
  }

  @PostMapping(PortalLinks.FORGOTTEN_PASSWORD)
  String askReset(
      @RequestParam(name = "email", required = false) String email,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model) {
    if (!EmailAddresses.isValid(EmailAddresses.clean(email))) {
      response.setStatus(HttpStatus.BAD_REQUEST.value());
      return emailForm("portal/forgotten-password", request, model, email, true);
    }
    resets.request(email);
    return sent("password-reset", request, model);
  }

  @GetMapping(PortalLinks.NEW_PASSWORD + "/{token}")
  String newPasswordForm(
      @PathVariable String token,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model) {
    return resets
        .findLive(token)
        .map(reset -> passwordForm(reset, token, null, model))
        .orElseGet(() -> deadReset(request, response, model));
  }

  @PostMapping(PortalLinks.NEW_PASSWORD + "/{token}")
  String setNewPassword(
      @PathVariable String token,
      @RequestParam(name = "password", required = false) String password,
      @RequestParam(name = "confirmation", required = false) String confirmation,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model) {
    return switch (resets.complete(token, password, confirmation)) {
      case PasswordResets.Outcome.Changed changed -> {
        // whoever was signed in as a client in this browser signs in again, with the new password
        sessions.signOut(request, response);
        yield "redirect:" + PortalLinks.SIGN_IN + "?nouveau-mot-de-passe";
      }
      case PasswordResets.Outcome.Refused refused -> {
        response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
        yield passwordForm(refused.reset(), token, refused.violation(), model);
      }
      case PasswordResets.Outcome.Dead ignored -> deadReset(request, response, model);
    };
  }

  @GetMapping({PortalLinks.NEW_PASSWORD, PortalLinks.NEW_PASSWORD + "/"})
  String noResetToken(HttpServletRequest request, HttpServletResponse response, Model model) {
    return deadReset(request, response, model);
  }

  private String emailForm(
      String view, HttpServletRequest request, Model model, String typed, boolean invalid) {
    model.addAttribute("t", texts.forRequest(request));
    model.addAttribute("firmName", firm.name());
    model.addAttribute("typed", typed == null ? "" : abbreviate(typed));
    model.addAttribute("invalid", invalid);
    return view;
  }

  private String sent(String kind, HttpServletRequest request, Model model) {
    model.addAttribute("t", texts.forRequest(request));
    model.addAttribute("firmName", firm.name());
    model.addAttribute("kind", kind);
    return "portal/request-received";
  }

  private String passwordForm(
      PasswordResets.LiveReset reset,
      String token,
      PasswordPolicy.Violation violation,
      Model model) {
    model.addAttribute("t", texts.of(reset.language()));
    model.addAttribute("firmName", firm.name());
    model.addAttribute("token", token);
    model.addAttribute("email", reset.email());
    model.addAttribute("violation", violation == null ? null : violation.name());
    model.addAttribute("minLength", PasswordPolicy.MIN_LENGTH);
    return "portal/new-password";
  }

  private String deadReset(HttpServletRequest request, HttpServletResponse response, Model model) {
    response.setStatus(HttpStatus.NOT_FOUND.value());
    model.addAttribute("t", texts.forRequest(request));
    model.addAttribute("firmName", firm.name());
    model.addAttribute("kind", "password-reset");
    return "portal/link-dead";
  }

  private static String abbreviate(String typed) {
    String clean = typed.strip();
    return clean.length() > 254 ? clean.substring(0, 254) : clean;
  }
}
