package io.passerelle.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Status;

/** The engine's health component waits for the start-up deployment before it says UP. */
class EngineHealthTest {

  @Test
  @DisplayName("OUT_OF_SERVICE while the models are being deployed, UP once they are")
  void outOfServiceUntilDeployed() {
    var models = new DeployedModels();
    ProcessEngine engine = mock(ProcessEngine.class);
    when(engine.deployedModels()).thenReturn(models);
    when(engine.mode()).thenReturn(EngineMode.EMBEDDED);
    when(engine.topology(any())).thenReturn(new ProcessEngine.Topology("8.8.21", 1, 1));
    var indicator = new EngineHealthIndicator(engine);

    var deploying = indicator.health();
    assertThat(deploying.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
    assertThat(deploying.getDetails()).containsEntry("models", "being deployed");

    models.startupDeploymentDone();
    var ready = indicator.health();
    assertThat(ready.getStatus()).isEqualTo(Status.UP);
    assertThat(ready.getDetails()).containsEntry("mode", "embedded").doesNotContainKey("models");
  }

  @Test
  @DisplayName("DOWN when the engine does not answer, deployed or not")
  void downWhenNoAnswer() {
    var models = new DeployedModels();
    models.startupDeploymentDone();
    ProcessEngine engine = mock(ProcessEngine.class);
    when(engine.deployedModels()).thenReturn(models);
    when(engine.topology(any())).thenThrow(new IllegalStateException("no gateway"));

    assertThat(new EngineHealthIndicator(engine).health().getStatus()).isEqualTo(Status.DOWN);
  }
}
