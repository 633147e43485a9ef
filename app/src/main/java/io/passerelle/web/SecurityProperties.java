package io.passerelle.web;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param bcryptStrength the cost of password hashing (PASSERELLE_SECURITY_BCRYPT_STRENGTH): 10 by
 *     default; the test suite lowers it so that hundreds of Basic-auth calls stay fast
 */
@Validated
@ConfigurationProperties("passerelle.security")
public record SecurityProperties(@DefaultValue("10") @Min(4) @Max(16) int bcryptStrength) {}
