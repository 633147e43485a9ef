package io.passerelle.web;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * The response headers of the staff's chains (the clients' chain sets its own, as strict: {@code
 * portal.ClientSecurityConfiguration}).
 *
 * <ul>
 *   <li>pages: a Content-Security-Policy without any inline script or style (every script and style
 *       sheet is a file of the application: htmx, bpmn-js, form-js, Swagger UI), no framing ({@code
 *       frame-ancestors 'none'} and {@code X-Frame-Options: DENY}); the one exception, the
 *       development mailbox's HTML view, sets its own;
 *   <li>API: nothing may load from a JSON answer, nor frame it;
 *   <li>both: {@code Referrer-Policy: same-origin}. Staff URLs carry search terms (names, e-mail
 *       addresses) and dossier ids; nothing outside the firm needs to learn them, not even the
 *       origin, when a person follows a link out of Passerelle. Inside the application the referrer
 *       is kept.
 * </ul>
 *
 * Spring Security's defaults stay: {@code X-Content-Type-Options: nosniff}, {@code Cache-Control:
 * no-cache, no-store}, and {@code Strict-Transport-Security} on HTTPS requests.
 */
final class SecurityHeaders {

  /** Staff pages, the development tools and Swagger UI. */
  static final String PAGES_POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " font-src 'self'; connect-src 'self'; frame-src 'self'; form-action 'self';"
          + " frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

  /** JSON answers of {@code /api/**}. */
  static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'";

  private static final String FRAME_OPTIONS = "X-Frame-Options";

  private SecurityHeaders() {}

  static void pages(HeadersConfigurer<HttpSecurity> headers) {
    common(headers.contentSecurityPolicy(csp -> csp.policyDirectives(PAGES_POLICY)));
  }

  static void api(HeadersConfigurer<HttpSecurity> headers) {
    common(headers.contentSecurityPolicy(csp -> csp.policyDirectives(API_POLICY)));
  }

  private static void common(HeadersConfigurer<HttpSecurity> headers) {
    headers
        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
        // DENY unless the response set its own (Spring's writer would overwrite it; the
        // Content-Security-Policy writer already keeps a response's own policy)
        .frameOptions(frames -> frames.disable())
        .addHeaderWriter(
            (request, response) -> {
              if (!response.containsHeader(FRAME_OPTIONS)) {
                response.setHeader(FRAME_OPTIONS, "DENY");
              }
            });
  }
}
