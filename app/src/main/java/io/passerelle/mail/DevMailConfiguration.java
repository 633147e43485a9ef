package io.passerelle.mail;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The development mailbox exists only with the development tools on ({@code
 * PASSERELLE_DEVELOPMENT_ENABLED=true}, embedded mode), unless switched off ({@code
 * PASSERELLE_DEV_MAIL_ENABLED=false}: mail then goes to {@code spring.mail.*}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression(DevMailEnvironmentPostProcessor.ENABLED)
class DevMailConfiguration {

  @Bean
  DevMailServer devMailServer(Environment environment) {
    return new DevMailServer(
        environment.getRequiredProperty(
            DevMailEnvironmentPostProcessor.RESOLVED_PORT, Integer.class));
  }
}
