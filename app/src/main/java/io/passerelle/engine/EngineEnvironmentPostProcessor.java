package io.passerelle.engine;

import io.passerelle.config.Ports;
import io.passerelle.config.StartupConfigurationException;
import io.passerelle.development.DevelopmentTools;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Points the Camunda client at the engine of the chosen mode before any bean exists.
 *
 * <p>{@code embedded}: resolves the gateway port (0 = any free port, a busy port stops the start
 * with one line) and its address (127.0.0.1 unless {@code passerelle.engine.address}; any other
 * needs {@code passerelle.engine.gateway-secret}, see {@link GatewayBinding}), and writes the
 * client properties that make it talk to the in-memory engine over gRPC only. {@code remote}:
 * requires the cluster's REST address, or for Camunda SaaS its cluster id, region and client
 * credentials ({@link RemoteModeSettings}), and sets the one transport, REST ({@code
 * prefer-rest-over-grpc: true}, said explicitly rather than left to the client's default):
 * commands, searches, user tasks and the job workers' activation and completion all go through the
 * Orchestration Cluster REST API, the API Camunda 8.8 documents as the main one, which SaaS and a
 * self-managed cluster behind an ingress both serve on one HTTPS port, and the one the contract
 * tests play. Job streaming needs gRPC, so it stays off.
 */
public class EngineEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

  static final String SOURCE = "passerelleEngine";
  static final String RESOLVED_PORT = "passerelle.engine.resolved-port";
  static final String PREFER_REST = "camunda.client.prefer-rest-over-grpc";

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    var mode = EngineMode.parse(environment.getProperty(EngineMode.PROPERTY));
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put(EngineMode.PROPERTY, mode.name().toLowerCase());
    if (mode == EngineMode.EMBEDDED) {
      int configured = environment.getProperty("passerelle.engine.port", Integer.class, 26500);
      int port = Ports.resolve(configured, "The embedded engine's gRPC", "PASSERELLE_ENGINE_PORT");
      var gateway = gatewayBinding(environment);
      properties.put(RESOLVED_PORT, port);
      properties.put("camunda.client.enabled", true);
      properties.put("camunda.client.mode", "self-managed");
      properties.put("camunda.client.auth.method", "none");
      properties.put("camunda.client.grpc-address", "http://" + gateway.clientHost() + ":" + port);
      // The in-memory engine has no REST API: a port nothing listens on makes REST-only calls
      // fail fast and visibly instead of reaching something else.
      properties.put("camunda.client.rest-address", "http://localhost:" + unusedRestPort());
      properties.put(PREFER_REST, false);
    } else {
      String development = environment.getProperty(DevelopmentTools.PROPERTY);
      if (development != null && development.trim().equalsIgnoreCase("true")) {
        throw new StartupConfigurationException(
            "The development tools cannot run in remote mode (PASSERELLE_DEVELOPMENT_ENABLED=true"
                + " with PASSERELLE_ENGINE_MODE=remote)",
            "unset PASSERELLE_DEVELOPMENT_ENABLED: the development tools are for a local start in"
                + " embedded mode only");
      }
      RemoteModeSettings.requireCluster(environment);
      properties.put(PREFER_REST, true);
      properties.put("camunda.client.worker.defaults.stream-enabled", false);
    }
    environment.getPropertySources().addFirst(new MapPropertySource(SOURCE, properties));
  }

  /** The gateway's address and secret, as configured (checked here, before anything starts). */
  static GatewayBinding gatewayBinding(org.springframework.core.env.Environment environment) {
    return GatewayBinding.of(
        environment.getProperty("passerelle.engine.address"),
        environment.getProperty("passerelle.engine.gateway-secret"));
  }

  private static int unusedRestPort() {
    return Ports.anyFree();
  }

  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE - 10;
  }
}
