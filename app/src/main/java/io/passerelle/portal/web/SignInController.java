package io.passerelle.portal.web;

import io.passerelle.account.MicrosoftSignIn;
import io.passerelle.firm.FirmProperties;
import io.passerelle.microsoft.MicrosoftProperties;
import io.passerelle.portal.ClientSessions;
import io.passerelle.portal.PortalLinks;
import io.passerelle.portal.PortalTexts;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The clients' sign-in page; the form posts to the clients' chain (Spring Security checks it
 * against {@code client_account}, active accounts only, and records the sign-in). With the firm's
 * Microsoft tenant configured, the page also offers "Se connecter avec Microsoft" (issue 23), and a
 * refused Microsoft sign-in lands on a page that says why and what to do.
 */
@Controller
class SignInController {

  /** The reasons the refusal page knows; anything else in the URL reads as a plain failure. */
  private static final Set<String> REASONS =
      Stream.concat(
              Arrays.stream(MicrosoftSignIn.Outcome.values()).map(Enum::name),
              Stream.of("TOKEN", "FAILED"))
          .collect(Collectors.toUnmodifiableSet());

  private final PortalTexts texts;
  private final FirmProperties firm;
  private final MicrosoftProperties microsoft;

  SignInController(PortalTexts texts, FirmProperties firm, MicrosoftProperties microsoft) {
    this.texts = texts;
    this.firm = firm;
    this.microsoft = microsoft;
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
    model.addAttribute("microsoft", microsoft.configured());
    model.addAttribute("microsoftSignIn", PortalLinks.MICROSOFT_SIGN_IN);
    return "portal/sign-in";
  }

  /** A sign-in with Microsoft that did not open the space: why, and what to do (403). */
  @GetMapping(PortalLinks.MICROSOFT_REFUSED)
  String microsoftRefused(
      @RequestParam(name = "motif", required = false) String reason,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model) {
    response.setStatus(HttpStatus.FORBIDDEN.value());
    model.addAttribute("t", texts.forRequest(request));
    model.addAttribute("firmName", firm.name());
    model.addAttribute("reason", reason != null && REASONS.contains(reason) ? reason : "FAILED");
    model.addAttribute("microsoft", microsoft.configured());
    model.addAttribute("microsoftSignIn", PortalLinks.MICROSOFT_SIGN_IN);
    return "portal/microsoft-refused";
  }
}
