package io.passerelle.staff;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What staff see ({@link Scope}).
 *
 * @param staffVisibility {@code ASSIGNED} (default) or {@code ALL}
 *     (PASSERELLE_SECURITY_STAFF_VISIBILITY)
 */
@Validated
@ConfigurationProperties("passerelle.security")
public record VisibilityProperties(
    @DefaultValue("ASSIGNED") @NotNull StaffVisibility staffVisibility) {}
