package io.passerelle.config;

/**
 * Passerelle cannot start as configured. The message is one line a person can act on: what is
 * wrong, then how to fix it. {@link StartupFailureAnalyzer} prints it instead of a stack trace.
 */
public class StartupConfigurationException extends RuntimeException {

  private final String action;

  public StartupConfigurationException(String problem, String action) {
    this(problem, action, null);
  }

  public StartupConfigurationException(String problem, String action, Throwable cause) {
    super(problem + " — " + action, cause);
    this.action = action;
  }

  public String action() {
    return action;
  }
}
