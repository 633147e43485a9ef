package io.passerelle.engine;

import io.grpc.ServerInterceptor;
import io.passerelle.config.StartupConfigurationException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Where the embedded engine's gRPC gateway listens, and the secret it then asks of every caller.
 *
 * <p>The gateway can publish messages, complete jobs and cancel instances, and has no users of its
 * own: it listens on 127.0.0.1 unless {@code PASSERELLE_ENGINE_ADDRESS} says otherwise, and an
 * address other than loopback is refused without {@code PASSERELLE_ENGINE_GATEWAY_SECRET}. With a
 * secret, every call must carry {@code authorization: Bearer <secret>} ({@link
 * GatewaySecretInterceptor}); the application's own client sends it ({@link
 * GatewaySecretCredentials}). The gateway speaks plain gRPC: the secret crosses the network in
 * clear, so a non-loopback address belongs on a private network.
 *
 * @param address the address to listen on
 * @param secret the shared secret, or null for none
 */
public record GatewayBinding(InetAddress address, String secret) {

  /** The shortest secret accepted. */
  static final int MIN_SECRET_LENGTH = 32;

  /** Loopback, no secret: the default. */
  public static GatewayBinding loopback() {
    return new GatewayBinding(InetAddress.getLoopbackAddress(), null);
  }

  /**
   * Reads the settings as given: a blank address is loopback; an address that is not an IP address
   * or a name of this machine, a non-loopback address without a secret, or a secret shorter than
   * {@value #MIN_SECRET_LENGTH} characters stop the start with one line.
   */
  public static GatewayBinding of(String configuredAddress, String configuredSecret) {
    String secret =
        configuredSecret == null || configuredSecret.isBlank() ? null : configuredSecret.trim();
    if (secret != null && secret.length() < MIN_SECRET_LENGTH) {
      throw new StartupConfigurationException(
          "The embedded engine's gateway secret is shorter than "
              + MIN_SECRET_LENGTH
              + " characters",
          "set PASSERELLE_ENGINE_GATEWAY_SECRET to a random value of at least "
              + MIN_SECRET_LENGTH
              + " characters (e.g. openssl rand -base64 32)");
    }
    InetAddress address;
    if (configuredAddress == null || configuredAddress.isBlank()) {
      address = InetAddress.getLoopbackAddress();
    } else {
      try {
        address = InetAddress.getByName(configuredAddress.trim());
      } catch (UnknownHostException e) {
        throw new StartupConfigurationException(
            "The embedded engine's gateway address '" + configuredAddress + "' is unknown",
            "set PASSERELLE_ENGINE_ADDRESS to an address of this machine, or leave it unset for"
                + " 127.0.0.1");
      }
    }
    if (!address.isLoopbackAddress() && secret == null) {
      throw new StartupConfigurationException(
          "The embedded engine's gateway would listen on "
              + configuredAddress.trim()
              + ", beyond this machine, without a secret",
          "set PASSERELLE_ENGINE_GATEWAY_SECRET (at least "
              + MIN_SECRET_LENGTH
              + " characters; clients send it as 'authorization: Bearer <secret>'), or leave"
              + " PASSERELLE_ENGINE_ADDRESS unset for 127.0.0.1");
    }
    return new GatewayBinding(address, secret);
  }

  public InetSocketAddress socketAddress(int port) {
    return new InetSocketAddress(address, port);
  }

  public List<ServerInterceptor> interceptors() {
    return secret == null ? List.of() : List.of(new GatewaySecretInterceptor(secret));
  }

  /** The address the application's own client dials: loopback when listening everywhere. */
  String clientHost() {
    InetAddress target = address.isAnyLocalAddress() ? InetAddress.getLoopbackAddress() : address;
    return target instanceof Inet6Address
        ? "[" + target.getHostAddress() + "]"
        : target.getHostAddress();
  }

  @Override
  public String toString() {
    // never the secret
    return "GatewayBinding[" + address.getHostAddress() + (secret == null ? "" : ", secret") + "]";
  }
}
