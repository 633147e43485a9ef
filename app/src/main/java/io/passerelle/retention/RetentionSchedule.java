package io.passerelle.retention;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Starts the retention policy every day ({@code passerelle.retention.cron}, 03:30 by default;
 * {@code -} turns it off). Two instances both fire: the advisory lock lets one run, and the other
 * finds today's run done ({@link RetentionService#run}).
 */
@Component
class RetentionSchedule {

  private final RetentionService retention;

  RetentionSchedule(RetentionService retention) {
    this.retention = retention;
  }

  @Scheduled(cron = "${passerelle.retention.cron:0 30 3 * * *}")
  void daily() {
    retention.run(RetentionService.Trigger.SCHEDULE);
  }
}
