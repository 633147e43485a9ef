package io.passerelle;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Passerelle: onboards an accounting firm's clients into its collaborative offers. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PasserelleApplication {

  public static void main(String[] args) {
    SpringApplication.run(PasserelleApplication.class, args);
  }
}
