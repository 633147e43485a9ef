package io.passerelle.web.pages;

import io.passerelle.retention.RetentionProperties;
import io.passerelle.retention.RetentionService;
import io.passerelle.web.StaffPrincipal;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * "Conservation des données" (issue 19): the retention policy in force and its latest runs — when,
 * how many contacts erased (their ids), how many send-log entries deleted. The office administrator
 * only: anyone else gets the 403 page ({@code ADMINISTRATOR_ONLY}).
 */
@Controller
class RetentionPageController {

  private final RetentionService retention;
  private final RetentionProperties policy;

  RetentionPageController(RetentionService retention, RetentionProperties policy) {
    this.retention = retention;
    this.policy = policy;
  }

  @GetMapping("/conservation")
  String runs(@AuthenticationPrincipal StaffPrincipal me, Model model) {
    model.addAttribute("runs", retention.runs(me.actor(), 30));
    model.addAttribute("policy", policy);
    return "pages/conservation";
  }
}
