package io.passerelle.engine;

import io.passerelle.config.StartupConfigurationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 *
 * <p>The embedded engine keeps its state across restarts: when it already holds every bundled model
 * unchanged as its latest version ({@link EngineDeployments}, read from its own log and kept in its
 * snapshots), nothing is deployed and the application is ready at once, even with a backlog of
 * commands left by a crash still to process. A changed model is deployed, waiting while the engine
 * pushes back.
 *
 * <p>On a cluster (remote mode) the models a process owner deploys from Desktop Modeler are the
 * authoritative ones once deployed: the application deploys a bundled model only when its content
 * changed since the application last deployed it to that cluster (table {@code engine_deployment}),
 * or when the cluster does not know its process at all. Deploying an unchanged bundled model again
 * would make it a new latest version over the process owner's, silently reverting their change.
 * Then it checks each latest version it did not deploy itself against the names it relies on
 * ({@link ReliedOnNames}) and refuses to start, in one line, when one is gone.
 */
@Component
class ProcessDeployer implements ApplicationRunner, Ordered, InitializingBean, DisposableBean {

  private static final Logger LOG = LoggerFactory.getLogger(ProcessDeployer.class);

  /** How long the start-up deployment waits for an engine that pushes back. */
  static final java.time.Duration BUSY_PATIENCE = java.time.Duration.ofMinutes(10);

  private final ProcessEngine engine;
  private final ResourcePatternResolver resolver;
  private final EngineProperties properties;
  private final DeploymentRecord record;
  private final Clock clock;

  ProcessDeployer(
      ProcessEngine engine,
      ResourcePatternResolver resolver,
      EngineProperties properties,
      DeploymentRecord record,
      Clock clock) {
    this.engine = engine;
    this.resolver = resolver;
    this.properties = properties;
    this.record = record;
    this.clock = clock;
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
    if (engine.mode() == EngineMode.REMOTE) {
      deployChanged(resources);
      return;
    }
    Map<String, byte[]> contents = new LinkedHashMap<>();
    resources.forEach(r -> contents.put(r.getFilename(), read(r)));
    if (engine.adoptUnchanged(contents)) {
      // after a restart: deploying them again would change nothing, but would wait behind every
      // command the engine has not processed yet (a crash during a burst leaves tens of thousands)
      LOG.info(
          "The engine already holds the {} bundled models unchanged (its state from before the"
              + " restart): not deployed again",
          contents.size());
      return;
    }
    log(deployWhileBusy(resources));
  }

  /**
   * Deploys, and while the engine pushes back (its backlog above the limit, a cluster's
   * RESOURCE_EXHAUSTED) waits and tries again, up to {@link #BUSY_PATIENCE}.
   */
  private io.camunda.client.api.response.DeploymentEvent deployWhileBusy(List<Resource> resources) {
    long deadline = System.nanoTime() + BUSY_PATIENCE.toNanos();
    while (true) {
      try {
        return engine.deploy(resources);
      } catch (EngineUnavailableException e) {
        if (!e.busy() || System.nanoTime() > deadline) {
          throw e;
        }
        LOG.info("The engine is busy; the models are deployed in {} s", e.retryAfter().toSeconds());
        try {
          Thread.sleep(e.retryAfter());
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  /** Remote mode: deploy what changed since the last deployment, check what was kept. */
  void deployChanged(List<Resource> resources) {
    String target = engine.target();
    Map<String, String> recorded = record.deployed(target);
    Map<String, byte[]> contents = new LinkedHashMap<>();
    Map<String, String> checksums = new LinkedHashMap<>();
    for (Resource resource : resources) {
      byte[] content = read(resource);
      contents.put(resource.getFilename(), content);
      checksums.put(resource.getFilename(), sha256(content));
    }
    Map<String, ModeOperations.LatestDefinition> latest = new LinkedHashMap<>();
    boolean clusterKnowsAll = true;
    for (var entry : contents.entrySet()) {
      if (entry.getKey().endsWith(".bpmn")) {
        for (String processId : ReliedOnNames.processIds(utf8(entry.getValue()))) {
          var definition = engine.latestDefinition(processId);
          definition.ifPresent(d -> latest.put(processId, d));
          clusterKnowsAll &= definition.isPresent();
        }
      }
    }
    List<Resource> changed = new ArrayList<>();
    for (Resource resource : resources) {
      String name = resource.getFilename();
      if (!clusterKnowsAll || !checksums.get(name).equals(recorded.get(name))) {
        changed.add(resource);
      }
    }
    if (!changed.isEmpty()) {
      log(deployWhileBusy(changed));
      Map<String, String> deployedNow = new LinkedHashMap<>();
      changed.forEach(r -> deployedNow.put(r.getFilename(), checksums.get(r.getFilename())));
      record.remember(target, deployedNow, clock.instant());
    }
    List<String> problems = checkKept(contents, changed, latest);
    if (!problems.isEmpty()) {
      throw new StartupConfigurationException(
          "The latest deployed models lack what Passerelle relies on (ProcessNames): "
              + String.join("; ", problems),
          "deploy from Modeler a version that has them again, or run a Passerelle whose models"
              + " and workers no longer need them");
    }
  }

  /**
   * The bundled processes the application did not deploy again (unchanged since it last did): the
   * cluster's latest version of each is kept and learnt; returns what a kept one no longer has of
   * what Passerelle relies on (ProcessNames), one line per process.
   */
  private List<String> checkKept(
      Map<String, byte[]> contents,
      List<Resource> changed,
      Map<String, ModeOperations.LatestDefinition> latest) {
    List<String> problems = new ArrayList<>();
    for (var entry : contents.entrySet()) {
      String name = entry.getKey();
      if (!name.endsWith(".bpmn") || changed.stream().anyMatch(r -> name.equals(r.getFilename()))) {
        continue;
      }
      String bundled = utf8(entry.getValue());
      Set<ReliedOnNames.Name> relied = ReliedOnNames.usedBy(bundled);
      for (String processId : ReliedOnNames.processIds(bundled)) {
        var kept = latest.get(processId);
        var missing = ReliedOnNames.missingFrom(kept.xml(), relied);
        if (!missing.isEmpty()) {
          problems.add(
              processId
                  + " version "
                  + kept.version()
                  + " no longer has "
                  + String.join(", ", missing.stream().map(Object::toString).toList()));
        }
        engine.deployedModels().rememberLatest(kept);
        LOG.info(
            "Kept process {} version {} (the bundled {} is unchanged since the application"
                + " deployed it)",
            processId,
            kept.version(),
            name);
      }
    }
    return problems;
  }

  private void log(io.camunda.client.api.response.DeploymentEvent event) {
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

  private static byte[] read(Resource resource) {
    try (var in = resource.getInputStream()) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + resource.getDescription(), e);
    }
  }

  private static String utf8(byte[] content) {
    return new String(content, StandardCharsets.UTF_8);
  }

  static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
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
