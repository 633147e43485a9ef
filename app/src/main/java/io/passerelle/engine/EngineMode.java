package io.passerelle.engine;

import io.passerelle.config.StartupConfigurationException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Where the process engine runs: the one switch {@code passerelle.engine.mode}. */
public enum EngineMode {
  /** The real Zeebe engine, in memory, inside the application (the default). */
  EMBEDDED,
  /** A Camunda 8.8 orchestration cluster reached over gRPC and REST. */
  REMOTE;

  public static final String PROPERTY = "passerelle.engine.mode";

  public static EngineMode parse(String value) {
    if (value == null || value.isBlank()) {
      return EMBEDDED;
    }
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new StartupConfigurationException(
          "Unknown engine mode '" + value + "' (passerelle.engine.mode)",
          "set PASSERELLE_ENGINE_MODE to one of: "
              + Arrays.stream(values())
                  .map(m -> m.name().toLowerCase(Locale.ROOT))
                  .collect(Collectors.joining(", ")));
    }
  }
}
