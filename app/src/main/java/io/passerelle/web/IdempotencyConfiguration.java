package io.passerelle.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Registers the {@link IdempotencyFilter} on {@code /api/*}, after Spring Security. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class IdempotencyConfiguration {

  private static final Logger LOG = LoggerFactory.getLogger(IdempotencyConfiguration.class);

  @Bean
  FilterRegistrationBean<IdempotencyFilter> idempotencyFilter(
      JdbcTemplate jdbc, PlatformTransactionManager transactionManager, ObjectMapper json) {
    var registration =
        new FilterRegistrationBean<>(
            new IdempotencyFilter(jdbc, new TransactionTemplate(transactionManager), json));
    registration.addUrlPatterns("/api/*");
    registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 10);
    return registration;
  }

  @Bean
  IdempotencyKeyPurge idempotencyKeyPurge(JdbcTemplate jdbc) {
    return new IdempotencyKeyPurge(jdbc);
  }

  /** Forgets keys older than a day, every hour. */
  static class IdempotencyKeyPurge {
    private final JdbcTemplate jdbc;

    IdempotencyKeyPurge(JdbcTemplate jdbc) {
      this.jdbc = jdbc;
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    void purge() {
      int purged =
          jdbc.update("delete from idempotency_key where created_at < now() - interval '24 hours'");
      if (purged > 0) {
        LOG.debug("Forgot {} idempotency keys older than 24 hours", purged);
      }
    }
  }
}
