package io.passerelle.development;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The one development setting ({@code PASSERELLE_DEVELOPMENT_ENABLED}, default off): whether the
 * development tools exist at all — the development mailbox (its SMTP server and {@code
 * /dev/mailbox}), the engine clock ({@code /dev/clock}) and the {@code /dev} page. When it is on,
 * they still answer only signed-in administrators, from this machine (loopback), with CSRF on every
 * POST ({@link DevelopmentTools}). {@code scripts/run} turns it on for a local start; the Docker
 * image and remote mode never do (remote mode refuses to start with it).
 *
 * @param enabled the development tools exist (embedded mode only)
 */
@ConfigurationProperties("passerelle.development")
public record DevelopmentProperties(@DefaultValue("false") boolean enabled) {}
