package io.passerelle.engine;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.stereotype.Component;

/** {@code /actuator/info}: the engine mode and what was deployed, with versions. */
@Component
class EngineInfoContributor implements InfoContributor {

  private final ProcessEngine engine;

  EngineInfoContributor(ProcessEngine engine) {
    this.engine = engine;
  }

  @Override
  public void contribute(Info.Builder builder) {
    var models = engine.deployedModels();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("mode", engine.mode().name().toLowerCase());
    details.put(
        "processes",
        models.processes().stream()
            .map(
                p ->
                    Map.of(
                        "bpmnProcessId", p.bpmnProcessId(),
                        "version", p.version(),
                        "processDefinitionKey", p.processDefinitionKey(),
                        "resource", p.resourceName()))
            .toList());
    details.put(
        "decisions",
        models.decisions().stream()
            .map(d -> Map.of("decisionId", d.id(), "version", d.version()))
            .toList());
    details.put(
        "forms",
        models.forms().stream()
            .map(f -> Map.of("formId", f.id(), "version", f.version()))
            .toList());
    builder.withDetail("engine", details);
  }
}
