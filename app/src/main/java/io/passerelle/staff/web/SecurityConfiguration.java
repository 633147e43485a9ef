package io.passerelle.staff.web;

import io.passerelle.development.DevelopmentTools;
import io.passerelle.development.DevelopmentToolsGate;
import io.passerelle.microsoft.MicrosoftLogin;
import io.passerelle.microsoft.MicrosoftProperties;
import io.passerelle.microsoft.MicrosoftRegistrations;
import io.passerelle.microsoft.MicrosoftSignInProperties;
import io.passerelle.staff.StaffService;
import io.passerelle.web.ClientPaths;
import io.passerelle.web.ErrorPages;
import io.passerelle.web.Links;
import io.passerelle.web.ProblemSecurityHandlers;
import io.passerelle.web.RememberingPasswordEncoder;
import io.passerelle.web.SecurityHeaders;
import io.passerelle.web.SecurityProperties;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.firewall.HttpStatusRequestRejectedHandler;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.session.DisableEncodeUrlFilter;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.thymeleaf.spring6.SpringTemplateEngine;

/**
 * Staff security, two filter chains over the same {@code staff_member} identities:
 *
 * <ol>
 *   <li>{@code /api/**}: HTTP Basic, stateless, no CSRF (no cookie is ever trusted there), 401/403
 *       as problem+json;
 *   <li>{@code /dev/**}, the development tools: 404 unless the development setting is on and the
 *       request comes from this machine ({@link DevelopmentToolsGate}), then administrators only,
 *       signed in through the staff's form (the same session), CSRF on every POST;
 *   <li>everything else but the clients' paths ({@link ClientPaths}): form login at {@code
 *       /connexion}, a session, CSRF on every form; open: the sign-in page, static resources,
 *       {@code /actuator/health}, {@code /actuator/info}, the OpenAPI document and Swagger UI; with
 *       PASSERELLE_MICROSOFT_STAFF_SSO=true, also "Se connecter avec Microsoft" (the registration
 *       {@code microsoft-staff} alone, {@link MicrosoftStaffSignIn}).
 * </ol>
 *
 * Every chain sends a Content-Security-Policy, a Referrer-Policy and no framing ({@link
 * SecurityHeaders}). The clients' chain (their own sign-in against {@code client_account}) is added
 * beside these. Both staff chains refuse a sign-in while its username or address is at the failure
 * limit ({@link StaffSignInThrottle}); the pages' and the development tools' chains reload the
 * signed-in member at each request ({@link StaffSessionRefresh}), and the pages' answers a refused
 * CSRF token with a readable page ({@link ErrorPages#accessDenied}).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

  @Bean
  PasswordEncoder passwordEncoder(SecurityProperties properties) {
    var bcrypt = new BCryptPasswordEncoder(properties.bcryptStrength());
    return new RememberingPasswordEncoder(
        new DelegatingPasswordEncoder("bcrypt", Map.of("bcrypt", bcrypt)), Clock.systemUTC());
  }

  /**
   * A URL the firewall refuses ({@code //}, an encoded {@code /}, {@code ..}) is a 400 through the
   * error page ({@link ErrorPages}), not an exception.
   */
  @Bean
  RequestRejectedHandler requestRejectedHandler() {
    return new HttpStatusRequestRejectedHandler();
  }

  @Bean
  @Order(10)
  SecurityFilterChain apiChain(
      HttpSecurity http,
      ProblemSecurityHandlers problems,
      StaffSignInLimits signInLimits,
      SpringTemplateEngine templates)
      throws Exception {
    return http.securityMatcher("/api/**")
        .addFilterBefore(
            new StaffSignInThrottle(StaffSignInThrottle.Kind.BASIC, signInLimits, templates),
            BasicAuthenticationFilter.class)
        .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
        .httpBasic(basic -> basic.realmName("Passerelle").authenticationEntryPoint(problems))
        .exceptionHandling(
            exceptions ->
                exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems))
        .sessionManagement(
            sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .requestCache(cache -> cache.disable())
        .csrf(csrf -> csrf.disable())
        .headers(SecurityHeaders::api)
        .build();
  }

  /**
   * The development tools ({@code /dev}, {@code /dev/mailbox}, {@code /dev/clock}): closed by
   * default. The gate answers 404 before anything else when the setting is off or the request is
   * not from loopback; then an administrator's session (signed in at {@code /connexion}, which
   * brings them back here) and CSRF on the POSTs, the JSON ones included ({@code X-CSRF-TOKEN}).
   */
  @Bean
  @Order(15)
  SecurityFilterChain developmentToolsChain(
      HttpSecurity http, Environment environment, StaffService staff) throws Exception {
    var signIn = new LoginUrlAuthenticationEntryPoint("/connexion");
    var json = new MediaTypeRequestMatcher(MediaType.APPLICATION_JSON);
    json.setIgnoredMediaTypes(Set.of(MediaType.ALL));
    return http.securityMatcher(DevelopmentTools.PATHS)
        .addFilterBefore(
            new DevelopmentToolsGate(DevelopmentTools.enabled(environment)),
            DisableEncodeUrlFilter.class)
        // the same session as the pages': a role taken back or a deactivation counts here too
        .addFilterAfter(new StaffSessionRefresh(staff), CsrfFilter.class)
        .authorizeHttpRequests(requests -> requests.anyRequest().hasRole("ADMIN"))
        .exceptionHandling(
            exceptions ->
                exceptions
                    .defaultAuthenticationEntryPointFor(
                        new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED), json)
                    .defaultAuthenticationEntryPointFor(signIn, AnyRequestMatcher.INSTANCE))
        .headers(SecurityHeaders::pages)
        .build();
  }

  @Bean
  @Order(20)
  SecurityFilterChain staffPagesChain(
      HttpSecurity http,
      StaffSignInLimits signInLimits,
      StaffService staff,
      SpringTemplateEngine templates,
      MicrosoftSignInProperties signIn,
      MicrosoftProperties microsoft,
      MicrosoftStaffSignIn microsoftSignIn,
      Links links)
      throws Exception {
    microsoftSingleSignOn(http, signIn, microsoft, microsoftSignIn, links);
    RequestMatcher[] clientPaths = new RequestMatcher[ClientPaths.PATTERNS.length];
    for (int i = 0; i < clientPaths.length; i++) {
      clientPaths[i] = PathPatternRequestMatcher.withDefaults().matcher(ClientPaths.PATTERNS[i]);
    }
    return http.securityMatcher(new NegatedRequestMatcher(new OrRequestMatcher(clientPaths)))
        .addFilterBefore(
            new StaffSignInThrottle(StaffSignInThrottle.Kind.FORM, signInLimits, templates),
            UsernamePasswordAuthenticationFilter.class)
        .addFilterAfter(new StaffSessionRefresh(staff), CsrfFilter.class)
        .exceptionHandling(exceptions -> exceptions.accessDeniedHandler(ErrorPages::accessDenied))
        .authorizeHttpRequests(
            requests ->
                requests
                    .requestMatchers(
                        "/connexion",
                        MicrosoftStaffSignIn.REFUSED,
                        "/css/**",
                        "/js/**",
                        "/images/**",
                        "/favicon.ico",
                        "/error",
                        "/actuator/health",
                        "/actuator/health/**",
                        "/actuator/info",
                        "/v3/api-docs",
                        "/v3/api-docs/**",
                        "/swagger-ui.html",
                        "/swagger-ui/**")
                    .permitAll()
                    .anyRequest()
                    .authenticated())
        .formLogin(
            form ->
                form.loginPage("/connexion")
                    .loginProcessingUrl("/connexion")
                    .defaultSuccessUrl("/", false)
                    // a redirect that keeps nothing: Spring's default failure handler saves the
                    // exception, with the password typed, in the session (and so in the database
                    // with passerelle.sessions.store=jdbc); the page needs only "?erreur"
                    .failureHandler(
                        (request, response, failure) ->
                            response.sendRedirect(request.getContextPath() + "/connexion?erreur"))
                    .permitAll())
        .logout(logout -> logout.logoutUrl("/deconnexion").logoutSuccessUrl("/connexion?sortie"))
        .headers(SecurityHeaders::pages)
        .build();
  }

  /**
   * With PASSERELLE_MICROSOFT_STAFF_SSO=true, "Se connecter avec Microsoft" on the staff's sign-in
   * page (issue 23, item 4): the registration {@code microsoft-staff} alone; the start is refused
   * when the tenant is not configured.
   */
  private static void microsoftSingleSignOn(
      HttpSecurity http,
      MicrosoftSignInProperties signIn,
      MicrosoftProperties microsoft,
      MicrosoftStaffSignIn microsoftSignIn,
      Links links)
      throws Exception {
    if (!signIn.staffSso()) {
      return;
    }
    signIn.requireTenant(microsoft);
    var registration =
        MicrosoftRegistrations.of(MicrosoftRegistrations.STAFF, microsoft, links.baseUrl());
    http.oauth2Login(
        login ->
            MicrosoftLogin.configure(
                login, registration, "/connexion", microsoftSignIn, microsoftSignIn));
  }
}
