package io.passerelle.retention;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Period;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The retention policy (issue 19, README "Configuration"): what personal data Passerelle keeps, and
 * for how long, once it no longer serves.
 *
 * @param neverActivated a contact whose client space was never activated is erased this long after
 *     its last invitation expired or was cancelled (PASSERELLE_RETENTION_NEVER_ACTIVATED, default
 *     90 days, ISO-8601 period such as {@code P90D})
 * @param mailLog entries of the send log older than this are deleted
 *     (PASSERELLE_RETENTION_MAIL_LOG, default 13 months, {@code P13M})
 * @param cron when the daily run starts, in the server's time zone (PASSERELLE_RETENTION_CRON,
 *     default 03:30 every day; {@code -} turns the schedule off)
 * @param batchSize contacts erased per transaction; a run goes on until none is left
 */
@Validated
@ConfigurationProperties("passerelle.retention")
public record RetentionProperties(
    @DefaultValue("P90D") @NotNull Period neverActivated,
    @DefaultValue("P13M") @NotNull Period mailLog,
    @DefaultValue("0 30 3 * * *") @NotBlank String cron,
    @DefaultValue("200") @Min(1) @Max(10_000) int batchSize) {

  public RetentionProperties {
    if (neverActivated.isNegative() || neverActivated.isZero()) {
      throw new IllegalArgumentException("passerelle.retention.never-activated must be positive");
    }
    if (mailLog.isNegative() || mailLog.isZero()) {
      throw new IllegalArgumentException("passerelle.retention.mail-log must be positive");
    }
  }
}
