package io.passerelle.dossierimport;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Limits of the CSV import of dossiers, so that a hostile or mistaken file cannot take the server's
 * memory or time. (Spring's own multipart limit, {@code spring.servlet.multipart}, is set above
 * these, so that the person gets this feature's clear answer.)
 *
 * @param maxFileSize PASSERELLE_DOSSIER_IMPORT_MAX_FILE_SIZE
 * @param maxRows data rows per file (the header aside)
 */
@Validated
@ConfigurationProperties("passerelle.dossier-import")
public record DossierImportProperties(
    @DefaultValue("2MB") DataSize maxFileSize,
    @DefaultValue("1000") @Min(1) @Max(10000) int maxRows) {}
