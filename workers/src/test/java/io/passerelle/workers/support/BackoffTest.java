package io.passerelle.workers.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BackoffTest {

  @ParameterizedTest(name = "{0} retries left → wait {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # retries left | wait before the next attempt
            9            | PT10S
            4            | PT10S
            3            | PT30S
            2            | PT2M
            1            | PT10M
            0            | PT30M
           -1            | PT30M
          """)
  void backoffGrowsAsRetriesRunOut(int retriesLeft, Duration wait) {
    assertThat(Backoff.forRetriesLeft(retriesLeft)).isEqualTo(wait);
  }
}
