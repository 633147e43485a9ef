package io.passerelle.firm;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The firm's identity as its clients see it in mail and pages.
 *
 * @param name the firm's name (PASSERELLE_FIRM_NAME)
 * @param senderEmail the From address of every mail (PASSERELLE_FIRM_SENDER_EMAIL)
 */
@Validated
@ConfigurationProperties("passerelle.firm")
public record FirmProperties(
    @DefaultValue("Cabinet Exemple") @NotBlank @Size(max = 200) String name,
    @DefaultValue("passerelle@cabinet.example") @NotBlank @Email String senderEmail) {}
