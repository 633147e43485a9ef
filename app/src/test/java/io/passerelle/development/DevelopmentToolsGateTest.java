package io.passerelle.development;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What counts as "from this machine" for the development tools. */
class DevelopmentToolsGateTest {

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({
    "127.0.0.1, true",
    "127.8.9.10, true",
    "::1, true",
    "0:0:0:0:0:0:0:1, true",
    "::ffff:127.0.0.1, true",
    "10.0.0.1, false",
    "192.168.1.20, false",
    "203.0.113.7, false",
    "2001:db8::1, false",
    "fe80::1, false",
    "0.0.0.0, false",
    "localhost, false",
    "example.org, false",
    "cafe.bad, false",
    "'', false"
  })
  void loopbackOnly(String address, boolean loopback) {
    assertThat(DevelopmentToolsGate.isLoopback(address)).isEqualTo(loopback);
  }
}
