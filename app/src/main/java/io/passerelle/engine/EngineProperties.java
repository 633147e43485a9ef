package io.passerelle.engine;

import jakarta.validation.constraints.NotEmpty;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The engine switch and its settings.
 *
 * @param mode {@code embedded} (default) or {@code remote}
 * @param port gRPC port of the embedded engine; 0 = any free port
 * @param deployLocations resources deployed at start-up, in both modes
 * @param requestTimeout how long a command or query to the engine may take
 * @param deployOnStartup deploy the models at start-up (turned off only by tests that have no
 *     engine to reach)
 */
@Validated
@ConfigurationProperties("passerelle.engine")
public record EngineProperties(
    @DefaultValue("embedded") EngineMode mode,
    @DefaultValue("26500") int port,
    @DefaultValue({
          "classpath*:processes/**/*.bpmn",
          "classpath*:processes/**/*.dmn",
          "classpath*:processes/**/*.form"
        })
        @NotEmpty
        List<String> deployLocations,
    @DefaultValue("10s") Duration requestTimeout,
    @DefaultValue("true") boolean deployOnStartup) {}
