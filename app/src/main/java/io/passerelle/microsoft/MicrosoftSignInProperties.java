package io.passerelle.microsoft;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Sign-in with Microsoft beside {@link MicrosoftProperties} (the same prefix, issue 23, item 4).
 *
 * @param staffSso the firm's staff may sign in with Microsoft too (PASSERELLE_MICROSOFT_STAFF_SSO,
 *     off by default): matched to an existing staff member by e-mail, roles kept as Passerelle's;
 *     the password form stays. Needs the tenant configured.
 */
@ConfigurationProperties("passerelle.microsoft")
public record MicrosoftSignInProperties(@DefaultValue("false") boolean staffSso) {}
