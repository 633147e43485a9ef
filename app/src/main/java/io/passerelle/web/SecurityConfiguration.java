package io.passerelle.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.passerelle.staff.StaffService;
import java.time.Clock;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.firewall.HttpStatusRequestRejectedHandler;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
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
 *   <li>everything else but the clients' paths ({@link ClientPaths}): form login at {@code
 *       /connexion}, a session, CSRF on every form; open: the sign-in page, static resources,
 *       {@code /actuator/health}, {@code /actuator/info}, the OpenAPI document and Swagger UI, and
 *       {@code /dev/**} (which exists in embedded mode only).
 * </ol>
 *
 * The clients' chain (their own sign-in against {@code client_account}) is added beside these. Both
 * staff chains refuse a sign-in while its username or address is at the failure limit ({@link
 * StaffSignInThrottle}); the pages' chain reloads the signed-in member at each request ({@link
 * StaffSessionRefresh}) and answers a refused CSRF token with a readable page ({@link
 * ErrorPages#accessDenied}).
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
      ObjectMapper json,
      SpringTemplateEngine templates)
      throws Exception {
    return http.securityMatcher("/api/**")
        .addFilterBefore(
            new StaffSignInThrottle(StaffSignInThrottle.Kind.BASIC, signInLimits, json, templates),
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
        .build();
  }

  @Bean
  @Order(20)
  SecurityFilterChain staffPagesChain(
      HttpSecurity http,
      StaffSignInLimits signInLimits,
      StaffService staff,
      ObjectMapper json,
      SpringTemplateEngine templates)
      throws Exception {
    RequestMatcher[] clientPaths = new RequestMatcher[ClientPaths.PATTERNS.length];
    for (int i = 0; i < clientPaths.length; i++) {
      clientPaths[i] = PathPatternRequestMatcher.withDefaults().matcher(ClientPaths.PATTERNS[i]);
    }
    return http.securityMatcher(new NegatedRequestMatcher(new OrRequestMatcher(clientPaths)))
        .addFilterBefore(
            new StaffSignInThrottle(StaffSignInThrottle.Kind.FORM, signInLimits, json, templates),
            UsernamePasswordAuthenticationFilter.class)
        .addFilterAfter(new StaffSessionRefresh(staff), CsrfFilter.class)
        .exceptionHandling(exceptions -> exceptions.accessDeniedHandler(ErrorPages::accessDenied))
        .authorizeHttpRequests(
            requests ->
                requests
                    .requestMatchers(
                        "/connexion",
                        "/css/**",
                        "/js/**",
                        "/images/**",
                        "/favicon.ico",
                        "/error",
                        "/dev",
                        "/dev/**",
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
                    .failureUrl("/connexion?erreur")
                    .permitAll())
        .logout(logout -> logout.logoutUrl("/deconnexion").logoutSuccessUrl("/connexion?sortie"))
        // development tools exist in embedded mode only, for the developer's own machine
        .csrf(csrf -> csrf.ignoringRequestMatchers("/dev/**"))
        .build();
  }
}
