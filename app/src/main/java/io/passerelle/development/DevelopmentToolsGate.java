package io.passerelle.development;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The first filter of the development tools' chain: {@code /dev/**} is 404 — to everyone, before
 * any sign-in — when the development setting is off, and to any request that does not come from
 * this machine: a remote address outside 127.0.0.0/8 and ::1, or a request that went through a
 * proxy (it carries {@code Forwarded}, {@code X-Forwarded-For} or {@code X-Real-IP}: a reverse
 * proxy on the same machine would otherwise make every request look local).
 */
public final class DevelopmentToolsGate extends OncePerRequestFilter {

  private static final List<String> PROXY_HEADERS =
      List.of("Forwarded", "X-Forwarded-For", "X-Real-IP");

  private final boolean enabled;

  public DevelopmentToolsGate(boolean enabled) {
    this.enabled = enabled;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (!enabled || !fromThisMachine(request)) {
      response.sendError(HttpStatus.NOT_FOUND.value());
      return;
    }
    chain.doFilter(request, response);
  }

  static boolean fromThisMachine(HttpServletRequest request) {
    for (String header : PROXY_HEADERS) {
      if (request.getHeader(header) != null) {
        return false;
      }
    }
    return isLoopback(request.getRemoteAddr());
  }

  /** 127.0.0.0/8 or ::1 (also as an IPv4-mapped address); never a name lookup. */
  static boolean isLoopback(String address) {
    if (address == null
        || !(address.matches("\\d{1,3}(\\.\\d{1,3}){3}")
            || (address.contains(":") && address.matches("[0-9A-Fa-f:.]+")))) {
      return false;
    }
    try {
      return InetAddress.getByName(address).isLoopbackAddress();
    } catch (UnknownHostException notAnAddress) {
      return false;
    }
  }
}
