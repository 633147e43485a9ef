package io.passerelle.config;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Local TCP ports for the in-process servers of the embedded mode (engine gateway, SMTP). */
public final class Ports {

  private Ports() {}

  /** A port the operating system has just handed out as free. */
  public static int anyFree() {
    try (var socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("No free local TCP port", e);
    }
  }

  /**
   * Whether nothing listens on {@code port} on any local address. With SO_REUSEADDR, as the servers
   * that bind it afterwards (Netty, GreenMail, Tomcat): a port whose last connections sit in
   * TIME_WAIT after a kill -9 is free for them, and so for this check; a port someone listens on is
   * not.
   */
  public static boolean isFree(int port) {
    try (var socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Resolves a configured port: 0 means any free port; any other port must be free, or Passerelle
   * refuses to start with a line saying which property to change.
   */
  public static int resolve(int configured, String what, String variable) {
    if (configured == 0) {
      return anyFree();
    }
    if (configured < 0 || configured > 65535) {
      throw new StartupConfigurationException(
          what + " port " + configured + " is not a TCP port",
          "set " + variable + " to a port between 1 and 65535, or 0 for any free port");
    }
    if (!isFree(configured)) {
      throw new StartupConfigurationException(
          what + " port " + configured + " is already in use",
          "stop the program listening there (another Passerelle?), or set "
              + variable
              + " to a free port, or 0 for any free port");
    }
    return configured;
  }
}
