package io.passerelle.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.camunda.client.api.response.DeploymentEvent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The start-up deployment runs beside the rest of the start-up, and the start is not over before it
 * is: the runner waits for it and passes on a refusal.
 */
class ProcessDeployerTest {

  private final DeployedModels models = new DeployedModels();
  private final ProcessEngine engine = mock(ProcessEngine.class);
  private final EngineProperties properties =
      new EngineProperties(
          EngineMode.EMBEDDED,
          0,
          List.of("classpath*:processes/**/*.bpmn"),
          Duration.ofSeconds(10),
          true,
          "",
          "");

  private ProcessDeployer deployer() {
    when(engine.deployedModels()).thenReturn(models);
    return new ProcessDeployer(
        engine,
        new PathMatchingResourcePatternResolver(),
        properties,
        null,
        java.time.Clock.systemUTC());
  }

  @Test
  @DisplayName("starts deploying on its own thread before the runners, which wait for it")
  void deploysBesideTheStartUp() throws Exception {
    var started = new CountDownLatch(1);
    var release = new CountDownLatch(1);
    var thread = new AtomicReference<String>();
    DeploymentEvent event = mock(DeploymentEvent.class);
    when(engine.deploy(anyList()))
        .thenAnswer(
            invocation -> {
              thread.set(Thread.currentThread().getName());
              started.countDown();
              assertThat(release.await(10, TimeUnit.SECONDS)).isTrue();
              return event;
            });
    var deployer = deployer();

    deployer.afterPropertiesSet();

    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(thread.get()).isEqualTo("model-deployment");
    var runner = Thread.ofPlatform().start(() -> deployer.run(new DefaultApplicationArguments()));
    runner.join(300);
    assertThat(runner.isAlive()).as("the runner waits for the deployment").isTrue();
    assertThat(models.isStartupDeploymentDone()).isFalse();

    release.countDown();
    runner.join(10_000);
    assertThat(runner.isAlive()).isFalse();
    assertThat(models.isStartupDeploymentDone()).isTrue();
  }

  @Test
  @DisplayName("a deployment the engine refuses stops the start with the engine's reason")
  void refusalStopsTheStart() {
    var refusal = new EngineException("Process_ClientOnboarding: the model is not valid");
    when(engine.deploy(anyList())).thenThrow(refusal);
    var deployer = deployer();

    deployer.afterPropertiesSet();

    assertThatThrownBy(() -> deployer.run(new DefaultApplicationArguments())).isSameAs(refusal);
    assertThat(models.isStartupDeploymentDone()).isFalse();
  }
}
