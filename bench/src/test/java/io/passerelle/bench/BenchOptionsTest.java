package io.passerelle.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

  @Test
  void jvmOptionsGivenTwiceAddUpWhileOtherOptionsAreReplaced() {
    var options =
        BenchOptions.parse(
            new String[] {
              "--app-java-options=-Xmx512m -Xss512k",
              "--bulk=10",
              "--app-java-options=-XX:NativeMemoryTracking=summary",
              "--bulk=20"
            });

    assertThat(options.appJavaOptions())
        .containsExactly("-Xmx512m", "-Xss512k", "-XX:NativeMemoryTracking=summary");
    assertThat(options.bulk()).isEqualTo(20);
  }

  @Test
  void durationsAreSecondsOrIso8601() {
    assertThat(BenchOptions.parse(new String[] {"--steady=30"}).steady())
        .isEqualTo(Duration.ofSeconds(30));
    assertThat(BenchOptions.parse(new String[] {"--steady=PT2M"}).steady())
        .isEqualTo(Duration.ofMinutes(2));
  }

  @Test
  void unknownOrMalformedArgumentsAreRefused() {
    assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--bulck=10"}))
        .hasMessageContaining("unknown options: [bulck]");
    assertThatThrownBy(() -> BenchOptions.parse(new String[] {"bulk"}))
        .hasMessageContaining("--name=value");
    assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--rate=0"}))
        .hasMessageContaining("at least 1");
  }
}
