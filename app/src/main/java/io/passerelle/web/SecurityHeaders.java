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
 *   <li>Swagger UI the same, but for the style elements its bundle adds ({@code style-src 'self'
 *       'unsafe-inline'}): a page of documentation, with no data of the firm and still no inline
 *       script;
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
public final class SecurityHeaders {

  /** Staff pages, the development tools and Swagger UI. */
  static final String PAGES_POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " font-src 'self'; connect-src 'self'; frame-src 'self'; form-action 'self';"
          + " frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

  /** Swagger UI ({@code /swagger-ui/**}), whose bundle adds style elements. */
  static final String SWAGGER_UI_POLICY =
      PAGES_POLICY.replace("style-src 'self';", "style-src 'self' 'unsafe-inline';");

  /** JSON answers of {@code /api/**}. */
  static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'";

  private static final String FRAME_OPTIONS = "X-Frame-Options";
  private static final String CONTENT_SECURITY_POLICY = "Content-Security-Policy";

  private SecurityHeaders() {}

  public static void pages(HeadersConfigurer<HttpSecurity> headers) {
    common(
        headers.addHeaderWriter(
            (request, response) -> {
              if (!response.containsHeader(CONTENT_SECURITY_POLICY)) {
                String path = request.getRequestURI().substring(request.getContextPath().length());
                response.setHeader(
                    CONTENT_SECURITY_POLICY,
                    path.startsWith("/swagger-ui/") ? SWAGGER_UI_POLICY : PAGES_POLICY);
              }
            }));
  }

  public static void api(HeadersConfigurer<HttpSecurity> headers) {
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
