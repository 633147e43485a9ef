package io.passerelle.engine;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.DeployResourceCommandStep1.DeployResourceCommandStep2;
import io.camunda.client.api.response.DeploymentEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.springframework.core.io.Resource;

/**
 * Deploys the models for {@link ProcessEngine} and tells {@link DeployedModels} what the engine
 * holds: from the deployment's answer, or (embedded, after a restart) from what the engine already
 * holds unchanged, without deploying.
 */
final class ModelDeployment {

  private static final Duration DEPLOY_TIMEOUT = Duration.ofMinutes(1);

  private final CamundaClient client;
  private final ModeOperations operations;
  private final DeployedModels deployed;
  private final Duration timeout;

  ModelDeployment(
      CamundaClient client, ModeOperations operations, DeployedModels deployed, Duration timeout) {
    this.client = client;
    this.operations = operations;
    this.deployed = deployed;
    this.timeout = timeout;
  }

  /** See {@link ProcessEngine#deploy}. */
  DeploymentEvent deploy(List<Resource> resources) {
    if (resources.isEmpty()) {
      throw new IllegalArgumentException("Nothing to deploy");
    }
    var command = client.newDeployResourceCommand();
    DeployResourceCommandStep2 step = null;
    for (Resource resource : resources) {
      byte[] content = read(resource);
      String name = resource.getFilename();
      deployed.rememberSource(name, content);
      step =
          step == null
              ? command.addResourceBytes(content, name)
              : step.addResourceBytes(content, name);
    }
    // a deployment parses and checks every model: it may take longer than a command
    Duration deployTimeout = timeout.compareTo(DEPLOY_TIMEOUT) > 0 ? timeout : DEPLOY_TIMEOUT;
    var request = step.requestTimeout(deployTimeout);
    DeploymentEvent event =
        EngineErrors.call(
            "deploy the models",
            () -> request.send().join(deployTimeout.toMillis(), TimeUnit.MILLISECONDS));
    remember(event);
    return event;
  }

  private void remember(DeploymentEvent event) {
    event
        .getProcesses()
        .forEach(
            p ->
                deployed.addProcess(
                    new DeployedModels.DeployedProcess(
                        p.getBpmnProcessId(),
                        p.getVersion(),
                        p.getProcessDefinitionKey(),
                        p.getResourceName())));
    event
        .getDecisions()
        .forEach(
            d ->
                deployed.addDecision(
                    new DeployedModels.DeployedResource(
                        d.getDmnDecisionId(),
                        d.getVersion(),
                        d.getDecisionKey(),
                        d.getDmnDecisionName())));
    event
        .getForm()
        .forEach(
            f ->
                deployed.addForm(
                    new DeployedModels.DeployedResource(
                        f.getFormId(), f.getVersion(), f.getFormKey(), f.getResourceName())));
  }

  /** See {@link ProcessEngine#adoptUnchanged}. */
  boolean adoptUnchanged(Map<String, byte[]> resources) {
    var held = operations.heldUnchanged(resources);
    if (held.isEmpty()) {
      return false;
    }
    resources.forEach(deployed::rememberSource);
    for (EngineDeployments.Definition d : held.get()) {
      switch (d.kind()) {
        case PROCESS ->
            deployed.addProcess(
                new DeployedModels.DeployedProcess(d.id(), d.version(), d.key(), d.resourceName()));
        case DECISION ->
            deployed.addDecision(
                new DeployedModels.DeployedResource(d.id(), d.version(), d.key(), d.name()));
        case FORM ->
            deployed.addForm(
                new DeployedModels.DeployedResource(
                    d.id(), d.version(), d.key(), d.resourceName()));
        case DECISION_REQUIREMENTS -> {}
      }
    }
    return true;
  }

  private static byte[] read(Resource resource) {
    try (var in = resource.getInputStream()) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + resource.getDescription(), e);
    }
  }
}
