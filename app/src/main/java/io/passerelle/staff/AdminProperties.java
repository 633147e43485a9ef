package io.passerelle.staff;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The firm's first administrator, created at start-up when no staff member has this username
 * (PASSERELLE_ADMIN_USERNAME, PASSERELLE_ADMIN_PASSWORD, PASSERELLE_ADMIN_EMAIL). In {@code
 * embedded} mode each missing value has a development default ({@link FirstAdministrator}); in
 * {@code remote} mode all three are required, or no administrator is created (a log line says so).
 */
@ConfigurationProperties("passerelle.admin")
public record AdminProperties(String username, String password, String email) {}
