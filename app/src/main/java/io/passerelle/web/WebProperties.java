package io.passerelle.web;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * @param maxBodySize the largest request body accepted (PASSERELLE_WEB_MAX_BODY_SIZE, 1MB by
 *     default): past it the answer is 413, without reading the rest. Multipart uploads (the CSV
 *     import) keep their own limit, {@code spring.servlet.multipart.max-request-size}.
 */
@Validated
@ConfigurationProperties("passerelle.web")
public record WebProperties(@DefaultValue("1MB") @NotNull DataSize maxBodySize) {}
