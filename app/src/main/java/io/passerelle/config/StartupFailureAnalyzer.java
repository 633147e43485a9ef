package io.passerelle.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a {@link StartupConfigurationException} into Spring Boot's "APPLICATION FAILED TO START".
 */
class StartupFailureAnalyzer extends AbstractFailureAnalyzer<StartupConfigurationException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, StartupConfigurationException cause) {
    return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
  }
}
