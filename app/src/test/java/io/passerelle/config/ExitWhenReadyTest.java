package io.passerelle.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The start-up cache's training start ends itself once the application is ready. */
class ExitWhenReadyTest {

  private final ApplicationContextRunner contexts =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(PropertyPlaceholderAutoConfiguration.class))
          .withUserConfiguration(ExitWhenReady.class);

  @Test
  @DisplayName("absent unless passerelle.exit-when-ready=true")
  void offByDefault() {
    contexts.run(context -> assertThat(context).doesNotHaveBean(ExitWhenReady.class));
    contexts
        .withPropertyValues("passerelle.exit-when-ready=false")
        .run(context -> assertThat(context).doesNotHaveBean(ExitWhenReady.class));
    contexts
        .withPropertyValues("passerelle.exit-when-ready=true")
        .run(context -> assertThat(context).hasSingleBean(ExitWhenReady.class));
  }

  @Test
  @DisplayName("once ready, closes the context and exits with its exit code")
  void closesThenExits() {
    contexts.run(
        context -> {
          List<Integer> codes = new ArrayList<>();
          List<Boolean> activeAtExit = new ArrayList<>();
          var exitWhenReady =
              new ExitWhenReady(
                  code -> {
                    codes.add(code);
                    activeAtExit.add(context.isActive());
                  });

          exitWhenReady.exit(
              new ApplicationReadyEvent(
                  new org.springframework.boot.SpringApplication(),
                  new String[0],
                  context.getSourceApplicationContext(),
                  java.time.Duration.ZERO));

          assertThat(codes).containsExactly(0);
          assertThat(activeAtExit).containsExactly(false);
        });
  }
}
