package io.passerelle.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PortsTest {

  @Test
  @DisplayName("a port someone listens on is not free")
  void listening() throws IOException {
    try (var server = new ServerSocket(0)) {
      assertThat(Ports.isFree(server.getLocalPort())).isFalse();
    }
  }

  @Test
  @DisplayName(
      "a port whose last connection sits in TIME_WAIT (a server killed with its clients) is free")
  void timeWait() throws IOException {
    int port;
    try (var server = new ServerSocket()) {
      server.setReuseAddress(true);
      server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      port = server.getLocalPort();
      try (var client = new Socket(InetAddress.getLoopbackAddress(), port);
          var accepted = server.accept()) {
        // the server side closes first: its end of the connection goes to TIME_WAIT
        accepted.close();
        client.getInputStream().read();
      }
    }
    // without SO_REUSEADDR this bind fails for about a minute
    try (var plain = new ServerSocket()) {
      plain.setReuseAddress(false);
      boolean refusedWithout;
      try {
        plain.bind(new InetSocketAddress(port));
        refusedWithout = false;
      } catch (IOException e) {
        refusedWithout = true;
      }
      assertThat(refusedWithout).as("the TIME_WAIT the test made").isTrue();
    }
    assertThat(Ports.isFree(port)).isTrue();
    assertThat(Ports.resolve(port, "Test", "TEST_PORT")).isEqualTo(port);
  }
}
