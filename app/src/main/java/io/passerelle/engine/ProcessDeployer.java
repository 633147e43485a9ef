package io.passerelle.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Deploys every BPMN, DMN and form of {@code processes/} at start-up, in one deployment, in both
 * modes. Unchanged models keep their version; a model a process owner changed becomes a new version
 * that new instances use, while running ones keep theirs.
 *
 * <p>The deployment starts on a thread of its own as soon as the engine's client exists, while the
 * rest of the application starts (the web server, the first administrator, the development data):
 * on two cores that takes about a second off the start-up. The start is not over before it is: the
 * first application runner waits for it, and a deployment the engine refuses (a model a process
 * owner broke) still stops the start with the engine's reason. Until then the health component
 * {@code engine} says OUT_OF_SERVICE.
 */
@Component
class ProcessDeployer implements ApplicationRunner, Ordered, InitializingBean, DisposableBean {

  private static final Logger LOG = LoggerFactory.getLogger(ProcessDeployer.class);

  private final ProcessEngine engine;
  private final ResourcePatternResolver resolver;
  private final EngineProperties properties;

  ProcessDeployer(
      ProcessEngine engine, ResourcePatternResolver resolver, EngineProperties properties) {
    this.engine = engine;
    this.resolver = resolver;
    this.properties = properties;
  }

  private final CompletableFuture<Void> deployment = new CompletableFuture<>();
  private volatile Thread deploying;

  /** Starts the deployment beside the rest of the start-up. */
  @Override
  public void afterPropertiesSet() {
    deploying =
        Thread.ofPlatform()
            .name("model-deployment")
            .daemon()
            .start(
                () -> {
                  try {
                    deploy();
                    deployment.complete(null);
                  } catch (Throwable e) {
                    deployment.completeExceptionally(e);
                  }
                });
  }

  /** The start-up is over when the models are deployed; a refused deployment stops it. */
  @Override
  public void run(ApplicationArguments args) {
    try {
      deployment.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      throw e;
    }
    engine.deployedModels().startupDeploymentDone();
  }

  /** A start that fails elsewhere does not wait for the deployment. */
  @Override
  public void destroy() {
    Thread thread = deploying;
    if (thread != null && thread.isAlive()) {
      thread.interrupt();
    }
  }

  private void deploy() {
    if (!properties.deployOnStartup()) {
      LOG.warn("Deployment at start-up is turned off (passerelle.engine.deploy-on-startup)");
      return;
    }
    List<Resource> resources = findModels();
    if (resources.isEmpty()) {
      LOG.warn("No model found at {}: nothing deployed", properties.deployLocations());
      return;
    }
    var event = engine.deploy(resources);
    event
        .getProcesses()
        .forEach(
            p ->
                LOG.info(
                    "Deployed process {} version {} ({})",
                    p.getBpmnProcessId(),
                    p.getVersion(),
                    p.getResourceName()));
    event
        .getDecisions()
        .forEach(
            d -> LOG.info("Deployed decision {} version {}", d.getDmnDecisionId(), d.getVersion()));
    event
        .getForm()
        .forEach(f -> LOG.info("Deployed form {} version {}", f.getFormId(), f.getVersion()));
  }

  private List<Resource> findModels() {
    Map<String, Resource> byName = new LinkedHashMap<>();
    for (String location : properties.deployLocations()) {
      try {
        for (Resource resource : resolver.getResources(location)) {
          if (resource.isReadable() && resource.getFilename() != null) {
            byName.putIfAbsent(resource.getFilename(), resource);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot list models at " + location, e);
      }
    }
    var resources = new ArrayList<>(byName.values());
    resources.sort(Comparator.comparing(Resource::getFilename));
    return resources;
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE;
  }
}
