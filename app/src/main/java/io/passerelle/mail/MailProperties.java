package io.passerelle.mail;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How Passerelle's mail looks and identifies itself. The firm's name and sender address come from
 * {@code passerelle.firm}.
 *
 * @param messageIdDomain the right-hand side of every Message-ID
 *     (PASSERELLE_MAIL_MESSAGE_ID_DOMAIN); defaults to the sender's domain
 * @param brandColor the firm's colour in HTML mail (PASSERELLE_MAIL_BRAND_COLOR)
 * @param replyTo where clients' replies go, empty for the sender (PASSERELLE_MAIL_REPLY_TO)
 */
@Validated
@ConfigurationProperties("passerelle.mail")
public record MailProperties(
    String messageIdDomain,
    @DefaultValue("#1f5fbf") @NotBlank @Pattern(regexp = "#[0-9a-fA-F]{6}") String brandColor,
    String replyTo) {}
