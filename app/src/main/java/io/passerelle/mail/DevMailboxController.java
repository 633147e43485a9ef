package io.passerelle.mail;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.server.ResponseStatusException;

/**
 * The development mailbox: every mail the embedded mode sent, newest first, and each one whole, so
 * a person running Passerelle locally can open an invitation and click its link.
 */
@Controller
@RequestMapping("/dev/mailbox")
@ConditionalOnExpression(DevMailEnvironmentPostProcessor.ENABLED)
class DevMailboxController {

  private final DevMailServer server;

  DevMailboxController(DevMailServer server) {
    this.server = server;
  }

  @GetMapping
  String list(Model model) {
    var messages = server.messages();
    List<MailView> views = new ArrayList<>(messages.size());
    for (int i = 0; i < messages.size(); i++) {
      views.add(MailView.of(i, messages.get(i)));
    }
    Collections.reverse(views);
    model.addAttribute("mails", views);
    return "dev/mailbox";
  }

  @GetMapping("/{index}")
  String show(@PathVariable int index, Model model) {
    model.addAttribute("mail", find(index));
    return "dev/mail";
  }

  /**
   * The HTML body alone, for the sandboxed frame of the message page: no script runs, and the mail
   * cannot reach the page around it.
   */
  @GetMapping(path = "/{index}/html", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> html(@PathVariable int index) {
    var mail = find(index);
    if (mail.html() == null) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "This mail has no HTML part");
    }
    return ResponseEntity.ok()
        .header(
            "Content-Security-Policy",
            "sandbox allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation; default-src 'none'; style-src 'unsafe-inline'; img-src data:")
        .header(HttpHeaders.CACHE_CONTROL, "no-store")
        .body(mail.html());
  }

  @PostMapping("/purge")
  String purge() {
    server.purge();
    return "redirect:/dev/mailbox";
  }

  private MailView find(int index) {
    var messages = server.messages();
    if (index < 0 || index >= messages.size()) {
      throw new ResponseStatusException(
          HttpStatus.NOT_FOUND, "No mail number " + index + " in the development mailbox");
    }
    return MailView.of(index, messages.get(index));
  }
}
