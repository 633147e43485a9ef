package io.passerelle.staff.web;

import io.passerelle.staff.StaffPrincipal;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The staff's sign-in page and their home page (the staff pages come with a later issue). */
@Controller
class StaffPagesController {

  @GetMapping("/connexion")
  String signIn() {
    return "connexion";
  }

  @GetMapping("/")
  String home(@AuthenticationPrincipal StaffPrincipal me, Model model) {
    model.addAttribute("me", me.staff());
    return "accueil";
  }
}
