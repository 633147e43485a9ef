package io.passerelle.support;

import io.passerelle.registry.CompanyRegistryProperties;
import java.io.IOException;
import java.time.Duration;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The company registry of the Spring tests: a {@link FakeCompanyRegistry} on a local port, in the
 * real API's shape, and the registry client pointed at it with short timeouts and pauses (two
 * attempts, 1 s to answer), so a registry that is down or slow fails a lookup in about a second.
 */
@TestConfiguration(proxyBeanMethods = false)
public class FakeRegistryConfiguration {

  /** How long the test registry client waits for an answer, per attempt. */
  public static final Duration READ_TIMEOUT = Duration.ofSeconds(1);

  @Bean(destroyMethod = "close")
  FakeCompanyRegistry fakeCompanyRegistry() throws IOException {
    return new FakeCompanyRegistry();
  }

  @Bean
  @Primary
  CompanyRegistryProperties fakeRegistryProperties(FakeCompanyRegistry registry) {
    return new CompanyRegistryProperties(
        registry.baseUrl(),
        Duration.ofMillis(500),
        READ_TIMEOUT,
        2,
        Duration.ofMillis(50),
        Duration.ofMillis(200));
  }
}
