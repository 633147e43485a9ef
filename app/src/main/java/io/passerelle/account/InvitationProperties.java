package io.passerelle.account;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param defaultValidity how long a link lives when the caller does not say (the reminder policy's
 *     expiry normally does): 45 days, seed 003's second reminder plus a fortnight
 */
@Validated
@ConfigurationProperties("passerelle.invitation")
public record InvitationProperties(@DefaultValue("P45D") @NotNull Duration defaultValidity) {}
