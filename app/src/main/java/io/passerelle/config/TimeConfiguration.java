package io.passerelle.config;

import java.time.Clock;
import java.time.Duration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The clock every timestamp of the domain comes from (UTC, microseconds), replaceable in tests. */
@Configuration(proxyBeanMethods = false)
class TimeConfiguration {

  @Bean
  @ConditionalOnMissingBean
  Clock clock() {
    // microseconds, as PostgreSQL keeps them: a timestamp reads back as it was written
    return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
  }
}
