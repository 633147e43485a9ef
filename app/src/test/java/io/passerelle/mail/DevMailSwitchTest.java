package io.passerelle.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.mock.env.MockEnvironment;

/**
 * The development mailbox exists with the development tools only ({@code
 * PASSERELLE_DEVELOPMENT_ENABLED=true}, embedded mode); {@code PASSERELLE_DEV_MAIL_ENABLED=false}
 * turns it off there, its mail going to {@code spring.mail.*} as in remote mode (the benchmark's
 * own SMTP server), and can never turn it on without them.
 */
class DevMailSwitchTest {

  private final DevMailEnvironmentPostProcessor postProcessor =
      new DevMailEnvironmentPostProcessor();

  @Test
  @DisplayName("the development tools point Spring Mail at the development mailbox")
  void mailboxWithTheDevelopmentTools() throws IOException {
    int port = freePort();
    var environment =
        new MockEnvironment()
            .withProperty("passerelle.engine.mode", "embedded")
            .withProperty("passerelle.development.enabled", "true")
            .withProperty("passerelle.dev-mail.port", String.valueOf(port))
            .withProperty("spring.mail.host", "smtp.example")
            .withProperty("spring.mail.port", "25");

    postProcessor.postProcessEnvironment(environment, new SpringApplication());

    assertThat(environment.getProperty("spring.mail.host")).isEqualTo("127.0.0.1");
    assertThat(environment.getProperty("spring.mail.port")).isEqualTo(String.valueOf(port));
  }

  @Test
  @DisplayName("switched off, the development tools send to spring.mail.* as given")
  void switchedOff() {
    var environment =
        new MockEnvironment()
            .withProperty("passerelle.engine.mode", "embedded")
            .withProperty("passerelle.development.enabled", "true")
            .withProperty("passerelle.dev-mail.enabled", "false")
            .withProperty("spring.mail.host", "smtp.example")
            .withProperty("spring.mail.port", "2626");

    postProcessor.postProcessEnvironment(environment, new SpringApplication());

    assertThat(environment.getProperty("spring.mail.host")).isEqualTo("smtp.example");
    assertThat(environment.getProperty("spring.mail.port")).isEqualTo("2626");
    assertThat(environment.containsProperty(DevMailEnvironmentPostProcessor.RESOLVED_PORT))
        .isFalse();
  }

  @Test
  @DisplayName("without the development tools, embedded mode sends to spring.mail.* even if asked")
  void offWithoutTheDevelopmentTools() {
    var environment =
        new MockEnvironment()
            .withProperty("passerelle.engine.mode", "embedded")
            .withProperty("passerelle.dev-mail.enabled", "true")
            .withProperty("spring.mail.host", "smtp.example")
            .withProperty("spring.mail.port", "2626");

    postProcessor.postProcessEnvironment(environment, new SpringApplication());

    assertThat(environment.getProperty("spring.mail.host")).isEqualTo("smtp.example");
    assertThat(environment.containsProperty(DevMailEnvironmentPostProcessor.RESOLVED_PORT))
        .isFalse();
  }

  @Test
  @DisplayName(
      "the mailbox's SMTP server and page exist only with the development tools, embedded, and"
          + " not switched off")
  void beans() throws IOException {
    var runner =
        new ApplicationContextRunner()
            .withUserConfiguration(DevMailConfiguration.class)
            .withPropertyValues(
                "passerelle.engine.mode=embedded",
                "passerelle.development.enabled=true",
                DevMailEnvironmentPostProcessor.RESOLVED_PORT + "=" + freePort());

    runner.run(context -> assertThat(context).hasSingleBean(DevMailServer.class));
    runner
        .withPropertyValues("passerelle.dev-mail.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean(DevMailServer.class));
    runner
        .withPropertyValues("passerelle.development.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean(DevMailServer.class));
    // the engine mode is no condition here: the engine refuses the development setting in remote
    // mode before anything starts (StartupFailureTest)
  }

  private static int freePort() throws IOException {
    try (var socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
