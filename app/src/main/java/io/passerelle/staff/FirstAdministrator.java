package io.passerelle.staff;

import io.passerelle.development.DevelopmentTools;
import io.passerelle.domain.Actor;
import io.passerelle.domain.DomainException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Creates the first administrator from configuration at start-up, once: an existing staff member
 * with that username is left as they are (the password in the configuration never overwrites one
 * changed since).
 */
@Component
class FirstAdministrator {

  /** Development defaults, with the development setting on (README: "Development users"). */
  static final String DEV_USERNAME = "admin";

  static final String DEV_PASSWORD = "passerelle-admin";
  static final String DEV_EMAIL = "admin@cabinet.example";

  private static final Logger LOG = LoggerFactory.getLogger(FirstAdministrator.class);

  private final StaffService staff;
  private final AdminProperties properties;
  private final Environment environment;

  FirstAdministrator(StaffService staff, AdminProperties properties, Environment environment) {
    this.staff = staff;
    this.properties = properties;
    this.environment = environment;
  }

  @EventListener(ApplicationStartedEvent.class)
  @Order(10)
  public void create() {
    boolean development = DevelopmentTools.enabled(environment);
    String username = value(properties.username(), development ? DEV_USERNAME : null);
    String password = value(properties.password(), development ? DEV_PASSWORD : null);
    String email = value(properties.email(), development ? DEV_EMAIL : null);
    if (username == null || password == null || email == null) {
      if (staff.anyAdministrator()) {
        return;
      }
      LOG.warn(
          "No administrator created: set PASSERELLE_ADMIN_USERNAME, PASSERELLE_ADMIN_PASSWORD (12"
              + " characters or more) and PASSERELLE_ADMIN_EMAIL, then restart; nobody can sign in"
              + " until then");
      return;
    }
    if (staff.findByUsername(username).isPresent()) {
      return;
    }
    try {
      staff.create(
          new NewStaffMember(
              username, email, "Administrateur", "du cabinet", StaffRole.ADMIN, password),
          Actor.system("first administrator"));
      LOG.info(
          "First administrator '{}' created{}",
          username,
          development && properties.password() == null
              ? " with the development password (PASSERELLE_DEVELOPMENT_ENABLED; see README)"
              : "");
    } catch (DomainException e) {
      LOG.error(
          "No administrator created from PASSERELLE_ADMIN_*: {} ({})", e.getMessage(), e.code());
    }
  }

  private static String value(String configured, String fallback) {
    return configured == null || configured.isBlank() ? fallback : configured.strip();
  }
}
