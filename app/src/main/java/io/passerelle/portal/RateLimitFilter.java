package io.passerelle.portal;

import io.passerelle.web.RateLimiter.Decision;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import org.thymeleaf.context.WebContext;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.web.servlet.JakartaServletWebApplication;

/**
 * Counts the public POSTs of the clients' chain — activation, sign-in, new link, password reset —
 * and answers 429 with Retry-After (and a page saying when to try again) past the limits. It runs
 * in the clients' filter chain only, before the CSRF check, so refused requests cost nothing more.
 * Not a bean: Spring Boot would otherwise register it for every request of the application.
 */
final class RateLimitFilter extends OncePerRequestFilter {

  private final PortalRateLimits limits;
  private final PortalTexts texts;
  private final SpringTemplateEngine templates;

  RateLimitFilter(PortalRateLimits limits, PortalTexts texts, SpringTemplateEngine templates) {
    this.limits = limits;
    this.texts = texts;
    this.templates = templates;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (!"POST".equals(request.getMethod())) {
      chain.doFilter(request, response);
      return;
    }
    String path = request.getRequestURI().substring(request.getContextPath().length());
    String ip = request.getRemoteAddr();
    Decision decision = null;
    if (path.equals(PortalLinks.SIGN_IN)) {
      decision = limits.signIn(ip, request.getParameter("email"));
    } else if (path.equals(PortalLinks.ACTIVATION)
        || path.startsWith(PortalLinks.ACTIVATION + "/")) {
      decision = limits.activation(ip, path.substring(PortalLinks.ACTIVATION.length()));
    } else if (path.equals(PortalLinks.NEW_LINK)) {
      decision = limits.newLink(ip, request.getParameter("email"));
    } else if (path.equals(PortalLinks.FORGOTTEN_PASSWORD)) {
      decision = limits.passwordResetRequest(ip, request.getParameter("email"));
    } else if (path.startsWith(PortalLinks.NEW_PASSWORD + "/")) {
      decision = limits.newPassword(ip, path.substring(PortalLinks.NEW_PASSWORD.length()));
    }
    if (decision == null || decision.allowed()) {
      chain.doFilter(request, response);
      return;
    }
    tooMany(request, response, decision);
  }

  private void tooMany(HttpServletRequest request, HttpServletResponse response, Decision decision)
      throws IOException {
    long seconds = decision.retryAfterSeconds();
    response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
    response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
    response.setContentType("text/html");
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    var t = texts.forRequest(request);
    var exchange =
        JakartaServletWebApplication.buildApplication(request.getServletContext())
            .buildExchange(request, response);
    var context = new WebContext(exchange, t.locale());
    context.setVariable("t", t);
    context.setVariable("minutes", Math.max(1, (seconds + 59) / 60));
    templates.process("portal/too-many-requests", context, response.getWriter());
  }
}
