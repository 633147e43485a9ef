package io.passerelle.engine.web;

import io.passerelle.development.DevelopmentTools;
import io.passerelle.engine.EmbeddedZeebeEngine;
import io.passerelle.engine.ProcessEngine;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * {@code /dev}: the development tools of the embedded mode — engine clock and mailbox; only with
 * {@code PASSERELLE_DEVELOPMENT_ENABLED=true}, for signed-in administrators on this machine.
 */
@Controller
@ConditionalOnExpression(DevelopmentTools.ENABLED)
class DevPageController {

  private final EmbeddedZeebeEngine engine;
  private final ProcessEngine processEngine;

  DevPageController(EmbeddedZeebeEngine engine, ProcessEngine processEngine) {
    this.engine = engine;
    this.processEngine = processEngine;
  }

  @GetMapping("/dev")
  String page(Model model) {
    model.addAttribute("engineTime", engine.now());
    model.addAttribute("offset", engine.offset());
    model.addAttribute("port", engine.port());
    model.addAttribute("processes", processEngine.deployedModels().processes());
    model.addAttribute("openTasks", processEngine.openUserTasks().size());
    return "dev/index";
  }
}
