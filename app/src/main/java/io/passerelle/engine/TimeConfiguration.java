package io.passerelle.engine;

import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The clock every timestamp of the domain comes from (UTC, microseconds, as PostgreSQL keeps them:
 * a timestamp reads back as it was written). In {@code embedded} mode it follows the engine clock
 * ({@link EngineClock}), so that advancing the development clock moves the domain's time too.
 */
@Configuration(proxyBeanMethods = false)
class TimeConfiguration {

  @Bean
  Clock clock(ObjectProvider<EmbeddedZeebeEngine> embedded) {
    EmbeddedZeebeEngine engine = embedded.getIfAvailable();
    return engine == null
        ? Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000))
        : new EngineClock(engine);
  }
}
