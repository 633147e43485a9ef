package io.passerelle.staff.web;

import io.passerelle.microsoft.MicrosoftSignInProperties;
import io.passerelle.staff.StaffPrincipal;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The staff's sign-in page (with "Se connecter avec Microsoft" when the firm turned staff single
 * sign-on on, issue 23), the page of a refused Microsoft sign-in, and their home page.
 */
@Controller
class StaffPagesController {

  private static final Set<String> REASONS = Set.of("inconnu", "invite", "jeton", "echec");

  private final MicrosoftSignInProperties signIn;

  StaffPagesController(MicrosoftSignInProperties signIn) {
    this.signIn = signIn;
  }

  @GetMapping("/connexion")
  String signIn(Model model) {
    model.addAttribute("microsoftSignIn", signIn.staffSso());
    return "connexion";
  }

  /** A Microsoft sign-in that found no staff member, or did not complete: why, in French (403). */
  @GetMapping(MicrosoftStaffSignIn.REFUSED)
  String microsoftRefused(
      @RequestParam(name = "motif", required = false) String reason,
      HttpServletResponse response,
      Model model) {
    response.setStatus(HttpStatus.FORBIDDEN.value());
    model.addAttribute("reason", reason != null && REASONS.contains(reason) ? reason : "echec");
    model.addAttribute("microsoftSignIn", signIn.staffSso());
    return "connexion-microsoft-refusee";
  }

  @GetMapping("/")
  String home(@AuthenticationPrincipal StaffPrincipal me, Model model) {
    model.addAttribute("me", me.staff());
    return "accueil";
  }
}
