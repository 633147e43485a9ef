package io.passerelle.mail;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** The development mailbox exists in {@code embedded} mode only. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "passerelle.engine.mode", havingValue = "embedded")
class DevMailConfiguration {

  @Bean
  DevMailServer devMailServer(Environment environment) {
    return new DevMailServer(
        environment.getRequiredProperty(
            DevMailEnvironmentPostProcessor.RESOLVED_PORT, Integer.class));
  }
}
