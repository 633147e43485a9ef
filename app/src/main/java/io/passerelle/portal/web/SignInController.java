package io.passerelle.portal.web;

import io.passerelle.firm.FirmProperties;
import io.passerelle.portal.ClientSessions;
import io.passerelle.portal.PortalLinks;
import io.passerelle.portal.PortalTexts;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The clients' sign-in page; the form posts to the clients' chain (Spring Security checks it
 * against {@code client_account}, active accounts only, and records the sign-in).
 */
@Controller
class SignInController {

  private final PortalTexts texts;
  private final FirmProperties firm;

  SignInController(PortalTexts texts, FirmProperties firm) {
    this.texts = texts;
    this.firm = firm;
  }

  @GetMapping(PortalLinks.SIGN_IN)
  String signIn(HttpServletRequest request, Model model) {
    if (ClientSessions.current().isPresent()) {
      return "redirect:" + PortalLinks.SPACE;
    }
    model.addAttribute("t", texts.forRequest(request));
    model.addAttribute("firmName", firm.name());
    model.addAttribute("failed", request.getParameterMap().containsKey("erreur"));
    model.addAttribute("signedOut", request.getParameterMap().containsKey("sortie"));
    model.addAttribute(
        "passwordChanged", request.getParameterMap().containsKey("nouveau-mot-de-passe"));
    return "portal/sign-in";
  }
}
