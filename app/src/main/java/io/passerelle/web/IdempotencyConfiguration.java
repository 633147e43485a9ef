package io.passerelle.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.passerelle.domain.SchedulerLock;
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
  IdempotencyKeyPurge idempotencyKeyPurge(JdbcTemplate jdbc, SchedulerLock scheduler) {
    return new IdempotencyKeyPurge(jdbc, scheduler);
  }

  /**
   * Every hour, one instance at a time: forgets the API's idempotency keys and the pages' form
   * request ids ({@link io.passerelle.web.pages.FormOnce}) older than a day, and the rate limits'
   * expired counters ({@link RateLimiter}).
   */
  static class IdempotencyKeyPurge {
    static final String JOB = "idempotency-purge";

    private final JdbcTemplate jdbc;
    private final SchedulerLock scheduler;

    IdempotencyKeyPurge(JdbcTemplate jdbc, SchedulerLock scheduler) {
      this.jdbc = jdbc;
      this.scheduler = scheduler;
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    void purge() {
      scheduler.runAlone(JOB, this::purgeNow);
    }

    private void purgeNow() {
      int keys =
          jdbc.update("delete from idempotency_key where created_at < now() - interval '24 hours'");
      int forms =
          jdbc.update("delete from form_request where created_at < now() - interval '24 hours'");
      int counters = RateLimiter.purge(jdbc);
      if (keys + forms + counters > 0) {
        LOG.debug(
            "Forgot {} idempotency keys, {} form request ids, {} expired rate-limit counters",
            keys,
            forms,
            counters);
      }
    }
  }
}
