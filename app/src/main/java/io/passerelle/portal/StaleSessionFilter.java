package io.passerelle.portal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A client's session whose account is no longer ACTIVE, or whose sign-in changed since it was
 * opened ({@link ClientSessions#endAll}), is signed out before the request is authorised: the
 * client lands on the sign-in page, as anyone who is not signed in. One indexed read per signed-in
 * request.
 */
final class StaleSessionFilter extends OncePerRequestFilter {

  private final ClientSessions sessions;

  StaleSessionFilter(ClientSessions sessions) {
    this.sessions = sessions;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    var principal = ClientSessions.current();
    if (principal.isPresent() && !sessions.isCurrent(principal.get())) {
      sessions.signOut(request, response);
    }
    chain.doFilter(request, response);
  }
}
