package io.passerelle.staff.web;

import io.passerelle.web.Problems;
import io.passerelle.web.RateLimiter.Decision;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.support.RequestContext;
import org.thymeleaf.context.WebContext;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.spring6.context.webmvc.SpringWebMvcThymeleafRequestContext;
import org.thymeleaf.spring6.naming.SpringContextVariableNames;
import org.thymeleaf.web.servlet.JakartaServletWebApplication;

/**
 * Refuses a staff sign-in try while its username or its IP address is at the failure limit ({@link
 * StaffSignInLimits}), before the password is checked: 429 with Retry-After and a neutral answer
 * (it says neither whether the username exists nor which limit was hit) — problem+json {@code
 * TOO_MANY_SIGN_IN_ATTEMPTS} on the API, the French sign-in page for the form. Not a bean (Spring
 * Boot would register it for every request): each staff chain adds its own, before its
 * authentication filter.
 */
final class StaffSignInThrottle extends OncePerRequestFilter {

  static final String CODE = "TOO_MANY_SIGN_IN_ATTEMPTS";

  /** Which sign-in this filter guards. */
  enum Kind {
    FORM,
    BASIC
  }

  private final Kind kind;
  private final StaffSignInLimits limits;
  private final SpringTemplateEngine templates;

  StaffSignInThrottle(Kind kind, StaffSignInLimits limits, SpringTemplateEngine templates) {
    this.kind = kind;
    this.limits = limits;
    this.templates = templates;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String username = kind == Kind.FORM ? formUsername(request) : basicUsername(request);
    if (username == null) {
      chain.doFilter(request, response);
      return;
    }
    Decision decision = limits.check(request.getRemoteAddr(), username);
    if (decision.allowed()) {
      chain.doFilter(request, response);
      return;
    }
    long seconds = decision.retryAfterSeconds();
    response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
    Problems.retryAfter(response, Duration.ofSeconds(seconds));
    if (kind == Kind.BASIC) {
      Problems.write(
          response,
          Problems.of(
              request,
              HttpStatus.TOO_MANY_REQUESTS,
              CODE,
              "Too many failed sign-ins: try again in " + seconds + " seconds (Retry-After)."));
      return;
    }
    response.setContentType(MediaType.TEXT_HTML_VALUE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    var exchange =
        JakartaServletWebApplication.buildApplication(request.getServletContext())
            .buildExchange(request, response);
    var context = new WebContext(exchange, java.util.Locale.FRENCH);
    // as a Spring MVC view would: th:action then adds the form's CSRF field
    var requestContext =
        new RequestContext(request, response, request.getServletContext(), Map.of());
    context.setVariable(SpringContextVariableNames.SPRING_REQUEST_CONTEXT, requestContext);
    context.setVariable(
        SpringContextVariableNames.THYMELEAF_REQUEST_CONTEXT,
        new SpringWebMvcThymeleafRequestContext(requestContext, request));
    context.setVariable("throttledMinutes", Math.max(1, (seconds + 59) / 60));
    templates.process("connexion", context, response.getWriter());
  }

  private static String formUsername(HttpServletRequest request) {
    if (!"POST".equals(request.getMethod())) {
      return null;
    }
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (!"/connexion".equals(path)) {
      return null;
    }
    String username = request.getParameter("username");
    return username == null ? "" : username;
  }

  /** The username of an HTTP Basic header, as Spring Security decodes it (UTF-8). */
  private static String basicUsername(HttpServletRequest request) {
    String header = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    try {
      String decoded =
          new String(
              Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      return colon < 0 ? null : decoded.substring(0, colon);
    } catch (IllegalArgumentException notBase64) {
      return null;
    }
  }
}
