package io.passerelle.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.passerelle.config.StartupConfigurationException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Where the embedded engine's gateway may listen, and with which secret. */
class GatewayBindingTest {

  private static final String SECRET = "0123456789abcdef0123456789abcdef";

  @Test
  @DisplayName("unset: 127.0.0.1, no secret, nothing in the way of a call")
  void loopbackByDefault() {
    var binding = GatewayBinding.of(null, " ");
    assertThat(binding.address().isLoopbackAddress()).isTrue();
    assertThat(binding.secret()).isNull();
    assertThat(binding.interceptors()).isEmpty();
    assertThat(binding.clientHost()).isEqualTo("127.0.0.1");
  }

  @Test
  @DisplayName("a loopback address may have a secret, or none")
  void loopbackWithOrWithoutSecret() {
    assertThat(GatewayBinding.of("::1", null).clientHost()).isEqualTo("[0:0:0:0:0:0:0:1]");
    assertThat(GatewayBinding.of("127.0.0.1", SECRET).interceptors()).hasSize(1);
  }

  @Test
  @DisplayName("beyond loopback: refused without a secret, with one every call is checked")
  void beyondLoopback() {
    assertThatThrownBy(() -> GatewayBinding.of("0.0.0.0", null))
        .isInstanceOf(StartupConfigurationException.class)
        .hasMessageContaining("without a secret")
        .hasMessageContaining("PASSERELLE_ENGINE_GATEWAY_SECRET");
    var open = GatewayBinding.of("0.0.0.0", SECRET);
    assertThat(open.interceptors()).hasSize(1);
    // listening everywhere, the application's own client still dials loopback
    assertThat(open.clientHost()).isEqualTo("127.0.0.1");
    assertThat(open.toString()).doesNotContain(SECRET);
  }

  @Test
  @DisplayName("a short secret or an unknown address stops the start with one line")
  void badSettings() {
    assertThatThrownBy(() -> GatewayBinding.of(null, "short"))
        .isInstanceOf(StartupConfigurationException.class)
        .hasMessageContaining("32 characters");
    assertThatThrownBy(() -> GatewayBinding.of("no-such-host.invalid", SECRET))
        .isInstanceOf(StartupConfigurationException.class)
        .hasMessageContaining("PASSERELLE_ENGINE_ADDRESS");
  }
}
