package io.passerelle.portal.web;

import io.passerelle.domain.PasswordPolicy;
import io.passerelle.firm.FirmProperties;
import io.passerelle.portal.ActivationService;
import io.passerelle.portal.ClientSessions;
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
 * The invitation link: {@code GET /activation/{token}} shows who invites, to which dossier, with
 * which offer, and the form to choose a password — it consumes nothing; {@code POST} (CSRF, rate
 * limited) activates the space, signs the client in and takes them to it. Every link that does not
 * work — unknown, malformed, empty, used, expired, cancelled, replaced — gets the same page (404),
 * which offers to ask for a new link.
 */
@Controller
class ActivationController {

  private final ActivationService activation;
  private final ClientSessions sessions;
  private final PortalTexts texts;
  private final FirmProperties firm;

  ActivationController(
      ActivationService activation,
      ClientSessions sessions,
      PortalTexts texts,
      FirmProperties firm) {
    this.activation = activation;
    this.sessions = sessions;
    this.texts = texts;
    this.firm = firm;
  }

  @GetMapping({PortalLinks.ACTIVATION, PortalLinks.ACTIVATION + "/"})
  String noToken(HttpServletRequest request, HttpServletResponse response, Model model) {
    return dead(request, response, model);
  }

  @PostMapping({PortalLinks.ACTIVATION, PortalLinks.ACTIVATION + "/"})
  String noTokenPosted(HttpServletRequest request, HttpServletResponse response, Model model) {
    return dead(request, response, model);
  }

  @GetMapping(PortalLinks.ACTIVATION + "/{token}")
  String open(
      @PathVariable String token,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model) {
    return activation
        .open(token)
        .map(invitation -> form(invitation, null, model))
        .orElseGet(() -> dead(request, response, model));
  }

  @PostMapping(PortalLinks.ACTIVATION + "/{token}")
  String activate(
      @PathVariable String token,
      @RequestParam(name = "password", required = false) String password,
      @RequestParam(name = "confirmation", required = false) String confirmation,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model) {
    return switch (activation.activate(token, password, confirmation)) {
      case ActivationService.Outcome.Activated activated -> {
        sessions.signIn(activated.account(), request, response);
        yield "redirect:" + PortalLinks.SPACE + "?bienvenue";
      }
      case ActivationService.Outcome.AlreadyActivated already -> {
        model.addAttribute("t", texts.of(already.language()));
        model.addAttribute("firmName", firm.name());
        response.setStatus(HttpStatus.CONFLICT.value());
        yield "portal/already-activated";
      }
      case ActivationService.Outcome.SignInWithMicrosoft microsoft -> {
        response.setStatus(HttpStatus.CONFLICT.value());
        yield form(microsoft.invitation(), null, model);
      }
      case ActivationService.Outcome.Refused refused -> {
        response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
        yield form(refused.invitation(), refused.violation(), model);
      }
      case ActivationService.Outcome.Dead ignored -> dead(request, response, model);
    };
  }

  private String form(
      ActivationService.Invitation invitation, PasswordPolicy.Violation violation, Model model) {
    model.addAttribute("t", texts.of(invitation.language()));
    model.addAttribute("firmName", firm.name());
    model.addAttribute("invitation", invitation);
    model.addAttribute("violation", violation == null ? null : violation.name());
    model.addAttribute("minLength", PasswordPolicy.MIN_LENGTH);
    model.addAttribute("microsoftSignIn", PortalLinks.MICROSOFT_SIGN_IN);
    return "portal/activation";
  }

  private String dead(HttpServletRequest request, HttpServletResponse response, Model model) {
    response.setStatus(HttpStatus.NOT_FOUND.value());
    model.addAttribute("t", texts.forRequest(request));
    model.addAttribute("firmName", firm.name());
    model.addAttribute("kind", "activation");
    return "portal/link-dead";
  }
}
