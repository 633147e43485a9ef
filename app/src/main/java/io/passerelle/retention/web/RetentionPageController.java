package io.passerelle.retention.web;

import io.passerelle.retention.RetentionProperties;
import io.passerelle.retention.RetentionService;
import io.passerelle.staff.StaffPrincipal;
import io.passerelle.web.pages.StaffPage;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * "Conservation des données" (issue 19): the retention policy in force and its latest runs — when,
 * how many contacts erased (their ids), how many send-log entries deleted. The office administrator
 * only: anyone else gets the 403 page ({@code ADMINISTRATOR_ONLY}).
 */
@StaffPage
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
