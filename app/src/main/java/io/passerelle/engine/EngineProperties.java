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
 * @param address where the embedded engine's gRPC gateway listens; blank = 127.0.0.1 (any other
 *     address needs {@code gatewaySecret}, see {@link GatewayBinding})
 * @param gatewaySecret the secret every gateway call must carry as {@code authorization: Bearer
 *     <secret>}; blank = none (allowed on loopback only)
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
    @DefaultValue("true") boolean deployOnStartup,
    @DefaultValue("") String address,
    @DefaultValue("") String gatewaySecret) {

  @Override
  public String toString() {
    // never the secret (the record's own toString would print it)
    return "EngineProperties[mode="
        + mode
        + ", port="
        + port
        + ", address="
        + address
        + ", gatewaySecret="
        + (gatewaySecret == null || gatewaySecret.isBlank() ? "none" : "set")
        + "]";
  }
}
