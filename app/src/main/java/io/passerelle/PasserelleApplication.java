package io.passerelle;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.session.SessionAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Passerelle: onboards an accounting firm's clients into its collaborative offers. Spring Boot's
 * session auto-configuration is left out: sessions go to the database only when {@code
 * passerelle.sessions.store=jdbc} says so ({@code web.SharedSessionsConfiguration}).
 */
@SpringBootApplication(exclude = SessionAutoConfiguration.class)
@ConfigurationPropertiesScan
public class PasserelleApplication {

  public static void main(String[] args) {
    SpringApplication.run(PasserelleApplication.class, args);
  }
}
