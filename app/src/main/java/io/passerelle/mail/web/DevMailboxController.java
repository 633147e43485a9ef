package io.passerelle.mail.web;

import io.passerelle.development.DevelopmentTools;
import io.passerelle.mail.DevMailEnvironmentPostProcessor;
import io.passerelle.mail.DevMailServer;
import io.passerelle.mail.MailView;
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
 * a person running Passerelle locally can open an invitation and click its link. Only with the
 * development tools on ({@link DevelopmentTools}), for a signed-in administrator on this machine.
 * Each mail keeps its number ({@code /dev/mailbox/{id}}) while others arrive.
 */
@Controller
@RequestMapping("/dev/mailbox")
@ConditionalOnExpression(DevMailEnvironmentPostProcessor.ENABLED)
class DevMailboxController {

  /**
   * The HTML view of a mail: shown only in the sandboxed frame of its own message page (same
   * origin), where no script runs and the mail cannot reach the page around it.
   */
  static final String HTML_VIEW_POLICY =
      "sandbox allow-popups allow-popups-to-escape-sandbox"
          + " allow-top-navigation-by-user-activation; default-src 'none';"
          + " style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'";

  private final DevMailServer server;

  DevMailboxController(DevMailServer server) {
    this.server = server;
  }

  @GetMapping
  String list(Model model) {
    List<MailView> views =
        server.received().reversed().stream().map(r -> MailView.of(r.id(), r.message())).toList();
    model.addAttribute("mails", views);
    return "dev/mailbox";
  }

  @GetMapping("/{id}")
  String show(@PathVariable long id, Model model) {
    model.addAttribute("mail", find(id));
    return "dev/mail";
  }

  /**
   * The HTML body alone, for the sandboxed frame of the message page: no script runs, and the mail
   * cannot reach the page around it. The one response that may be framed, by this origin only
   * (every other page says {@code frame-ancestors 'none'}).
   */
  @GetMapping(path = "/{id}/html", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> html(@PathVariable long id) {
    var mail = find(id);
    if (mail.html() == null) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "This mail has no HTML part");
    }
    return ResponseEntity.ok()
        .header("Content-Security-Policy", HTML_VIEW_POLICY)
        .header("X-Frame-Options", "SAMEORIGIN")
        .header(HttpHeaders.CACHE_CONTROL, "no-store")
        .body(mail.html());
  }

  @PostMapping("/purge")
  String purge() {
    server.purge();
    return "redirect:/dev/mailbox";
  }

  private MailView find(long id) {
    return server
        .find(id)
        .map(r -> MailView.of(r.id(), r.message()))
        .orElseThrow(
            () ->
                new ResponseStatusException(
                    HttpStatus.NOT_FOUND, "No mail number " + id + " in the development mailbox"));
  }
}
