package io.passerelle.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientStatusException;
import io.camunda.zeebe.protocol.impl.record.RecordMetadata;
import io.camunda.zeebe.protocol.record.RecordType;
import io.camunda.zeebe.protocol.record.ValueType;
import io.grpc.Status;
import io.passerelle.config.Ports;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Readiness after a crash during a burst: the engine's state already holds the bundled models, so
 * the start-up deploys nothing and is over at once, while the engine still works through the
 * backlog the crash left (it used to wait for a deployment queued behind it: 56 s measured). A
 * changed model is deployed, after waiting while the engine pushes back.
 */
class EngineReadinessTest {

  private static final long LIMIT = 1_000;
  private static final int BURST = 40_000;
  private static final String ONBOARDING = "Process_ClientOnboarding";

  @TempDir Path directory;
  @TempDir Path models;

  private EngineDataDirectory data;
  private EmbeddedZeebeEngine engine;
  private EngineRecordProjection projection;
  private CamundaClient client;
  private DeployedModels deployed;
  private ProcessDeployer deployer;

  /** The bundled models, copied where the test can change one. */
  @BeforeEach
  void copyTheBundledModels() throws IOException {
    var resolver = new PathMatchingResourcePatternResolver();
    for (String pattern :
        List.of(
            "classpath*:processes/**/*.bpmn",
            "classpath*:processes/**/*.dmn",
            "classpath*:processes/**/*.form")) {
      for (var resource : resolver.getResources(pattern)) {
        try (var in = resource.getInputStream()) {
          Files.write(models.resolve(resource.getFilename()), in.readAllBytes());
        }
      }
    }
    assertThat(models.resolve("client-onboarding.bpmn")).exists();
  }

  private void start() {
    data = EngineDataDirectory.open(directory);
    engine = new EmbeddedZeebeEngine(Ports.anyFree(), data, true, LIMIT);
    projection = new EngineRecordProjection(engine.logStream().newLogStreamReader(), (d, e) -> e);
    engine.recoveredProjection().ifPresent(projection::restore);
    client =
        CamundaClient.newClientBuilder()
            .grpcAddress(URI.create("http://localhost:" + engine.port()))
            .restAddress(URI.create("http://localhost:" + Ports.anyFree()))
            .preferRestOverGrpc(false)
            .build();
    deployed = new DeployedModels();
    Duration timeout = Duration.ofSeconds(30);
    var processEngine =
        new ProcessEngine(
            client,
            new EmbeddedModeOperations(engine, projection, new ObjectMapper(), timeout, deployed),
            EngineMode.EMBEDDED,
            deployed,
            timeout);
    var properties =
        new EngineProperties(
            EngineMode.EMBEDDED,
            0,
            List.of(
                "file:" + models + "/*.bpmn",
                "file:" + models + "/*.dmn",
                "file:" + models + "/*.form"),
            timeout,
            true,
            "",
            "");
    deployer =
        new ProcessDeployer(
            processEngine,
            new PathMatchingResourcePatternResolver(),
            properties,
            null,
            Clock.systemUTC());
  }

  /** The start-up as the application runs it; returns how long the runner waited. */
  private Duration startUp() {
    deployer.afterPropertiesSet();
    long started = System.nanoTime();
    deployer.run(new DefaultApplicationArguments());
    assertThat(deployed.isStartupDeploymentDone()).isTrue();
    return Duration.ofNanos(System.nanoTime() - started);
  }

  /** What a kill -9 leaves, as far as the engine is concerned: no final snapshot. */
  private void crash() {
    deployer.destroy();
    client.close();
    engine.destroy();
    data.close();
    client = null;
  }

  @AfterEach
  void tearDown() {
    if (client != null) {
      crash();
    }
  }

  /** A first run deploys; a snapshot; then a burst the engine has no time to process: crash. */
  private long firstRunThenCrashDuringABurst() {
    start();
    startUp();
    long onboardingKey = latest(ONBOARDING).processDefinitionKey();
    assertThat(engine.takeSnapshot(projection)).isPresent();
    EngineBacklog.fill(engine, BURST);
    crash();
    return onboardingKey;
  }

  private DeployedModels.DeployedProcess latest(String processId) {
    return deployed.processes().stream()
        .filter(p -> p.bpmnProcessId().equals(processId))
        .findFirst()
        .orElseThrow();
  }

  /** The deployment commands written on the log after {@code position}. */
  private long deploymentsAfter(long position) {
    var reader = engine.logStream().newLogStreamReader();
    reader.seek(position + 1);
    var metadata = new RecordMetadata();
    long count = 0;
    while (reader.hasNext()) {
      var event = reader.next();
      metadata.reset();
      event.readMetadata(metadata);
      if (metadata.getRecordType() == RecordType.COMMAND
          && metadata.getValueType() == ValueType.DEPLOYMENT) {
        count++;
      }
    }
    return count;
  }

  @Test
  @DisplayName(
      "unchanged models after a crash during a burst: nothing deployed, ready at once while the"
          + " backlog drains")
  void readyAtOnceWhenTheEngineHoldsTheModels() {
    long onboardingKey = firstRunThenCrashDuringABurst();

    start();
    long restartedAt = engine.logStorage().committedPosition();
    assertThat(engine.backlog()).as("the burst is still to process").isGreaterThan(LIMIT);
    Duration waited = startUp();
    long backlogWhenReady = engine.backlog();
    Throwable refused =
        catchThrowable(
            () ->
                client
                    .newCreateInstanceCommand()
                    .bpmnProcessId(ONBOARDING)
                    .latestVersion()
                    .send()
                    .join());
    System.out.printf(
        "Readiness: start-up over in %d ms with %d positions still to process%n",
        waited.toMillis(), backlogWhenReady);

    assertThat(backlogWhenReady).as("ready before the backlog is drained").isGreaterThan(LIMIT);
    assertThat(refused)
        .as("a deployment now would have been refused as well: the engine is busy")
        .isInstanceOfSatisfying(
            ClientStatusException.class,
            e -> assertThat(e.getStatusCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED));
    assertThat(deploymentsAfter(restartedAt)).isZero();
    assertThat(latest(ONBOARDING).processDefinitionKey()).isEqualTo(onboardingKey);
    assertThat(deployed.latestBpmnXml(ONBOARDING)).isPresent();
    assertThat(deployed.elementName(onboardingKey, "StartEvent_ServiceProposed"))
        .as("the element names are known, as after a deployment")
        .isNotNull();
    assertThat(deployed.decisions()).isNotEmpty();
    assertThat(deployed.forms())
        .isNotEmpty()
        .allSatisfy(f -> assertThat(deployed.formSchema(f.key())).isPresent());
  }

  @Test
  @DisplayName(
      "a model changed since the crash: deployed as a new version, once the engine takes it")
  void changedModelIsDeployedOnceTheEngineTakesIt() throws IOException {
    long onboardingKey = firstRunThenCrashDuringABurst();
    Path changed = models.resolve("client-onboarding.bpmn");
    Files.writeString(
        changed,
        Files.readString(changed, StandardCharsets.UTF_8) + "\n<!-- changed -->\n",
        StandardCharsets.UTF_8);

    start();
    long restartedAt = engine.logStorage().committedPosition();
    Duration waited = startUp();

    var onboarding = latest(ONBOARDING);
    assertThat(onboarding.processDefinitionKey()).isNotEqualTo(onboardingKey);
    assertThat(onboarding.version()).isEqualTo(2);
    assertThat(deploymentsAfter(restartedAt)).isEqualTo(1);
    System.out.printf("Readiness with a changed model: %d ms%n", waited.toMillis());
  }
}
