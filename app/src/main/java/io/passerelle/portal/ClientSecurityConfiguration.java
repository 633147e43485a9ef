package io.passerelle.portal;

import io.passerelle.account.AccountService;
import io.passerelle.microsoft.MicrosoftLogin;
import io.passerelle.microsoft.MicrosoftProperties;
import io.passerelle.microsoft.MicrosoftRegistrations;
import io.passerelle.web.ClientPaths;
import io.passerelle.web.Links;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.FormLoginConfigurer;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.thymeleaf.spring6.SpringTemplateEngine;

/**
 * The clients' filter chain ({@link ClientPaths}: {@code /espace/**}, {@code /activation/**},
 * {@code /acces/**}), ordered before the staff's chains, which never match these paths:
 *
 * <ul>
 *   <li>sign-in at {@code /espace/connexion} with e-mail and password against {@code
 *       client_account}, ACTIVE accounts only, its own authentication manager (never the staff's);
 *   <li>a session of its own: the client's security context, CSRF token and saved request live
 *       under their own session attributes ({@link ClientSessions});
 *   <li>open: the sign-in page, activation links, "ask for a new link" and password reset; the rest
 *       of {@code /espace} needs a signed-in client;
 *   <li>CSRF on every form; rate limits on the public POSTs ({@link RateLimitFilter});
 *   <li>headers: a Content-Security-Policy without inline scripts or styles, no framing, no
 *       referrer (activation and reset links carry a token in their path), no caching;
 *   <li>with the firm's Microsoft tenant configured (issue 23), "Se connecter avec Microsoft":
 *       Spring Security's OAuth2 login with the registration {@code microsoft} alone, whose answer
 *       {@link MicrosoftClientSignIn} turns into the same client session as a password would.
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class ClientSecurityConfiguration {

  static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none';"
          + " base-uri 'none'; object-src 'none'";

  @Bean
  @Order(5)
  SecurityFilterChain clientChain(
      HttpSecurity http,
      ClientSessions sessions,
      PasswordEncoder passwords,
      AccountService accounts,
      PortalRateLimits limits,
      PortalTexts texts,
      SpringTemplateEngine templates,
      MicrosoftProperties microsoft,
      MicrosoftClientSignIn microsoftSignIn,
      Links links)
      throws Exception {
    RequestMatcher[] clientPaths = new RequestMatcher[ClientPaths.PATTERNS.length];
    for (int i = 0; i < clientPaths.length; i++) {
      clientPaths[i] = PathPatternRequestMatcher.withDefaults().matcher(ClientPaths.PATTERNS[i]);
    }
    microsoftSignIn(http, microsoft, microsoftSignIn, links);
    return http.securityMatcher(new OrRequestMatcher(clientPaths))
        .authenticationManager(clientAuthentication(sessions, passwords, microsoft.configured()))
        .authorizeHttpRequests(
            requests ->
                requests
                    .requestMatchers(
                        PortalLinks.SIGN_IN,
                        PortalLinks.MICROSOFT_REFUSED,
                        "/activation",
                        "/activation/**",
                        "/acces/**")
                    .permitAll()
                    .anyRequest()
                    .hasAuthority(ClientPrincipal.AUTHORITY))
        .securityContext(context -> context.securityContextRepository(sessions.contexts()))
        .csrf(csrf -> csrf.csrfTokenRepository(sessions.csrfTokens()))
        .requestCache(cache -> cache.requestCache(sessions.requestCache()))
        .formLogin(form -> signIn(form, sessions, accounts, limits))
        .logout(
            logout ->
                logout
                    .logoutRequestMatcher(
                        PathPatternRequestMatcher.withDefaults()
                            .matcher(
                                org.springframework.http.HttpMethod.POST, PortalLinks.SIGN_OUT))
                    .logoutSuccessUrl(PortalLinks.SIGN_IN + "?sortie")
                    // the staff's session attributes stay: only the client's context is cleared
                    .invalidateHttpSession(false)
                    .clearAuthentication(true))
        .headers(ClientSecurityConfiguration::headers)
        .exceptionHandling(exceptions -> exceptions.accessDeniedHandler(csrfFriendly()))
        .addFilterBefore(new RateLimitFilter(limits, texts, templates), CsrfFilter.class)
        .addFilterAfter(new StaleSessionFilter(sessions), SecurityContextHolderFilter.class)
        .build();
  }

  /**
   * With the firm's tenant configured, "Se connecter avec Microsoft" (issue 23): the registration
   * {@code microsoft} alone, its answer turned into a client session by {@link
   * MicrosoftClientSignIn}.
   */
  private static void microsoftSignIn(
      HttpSecurity http,
      MicrosoftProperties microsoft,
      MicrosoftClientSignIn microsoftSignIn,
      Links links)
      throws Exception {
    if (!microsoft.configured()) {
      return;
    }
    var registration =
        MicrosoftRegistrations.of(MicrosoftRegistrations.CLIENTS, microsoft, links.baseUrl());
    http.oauth2Login(
        login ->
            MicrosoftLogin.configure(
                login, registration, PortalLinks.SIGN_IN, microsoftSignIn, microsoftSignIn));
  }

  /** The sign-in form: a success records the login and goes back where the client was going. */
  private static void signIn(
      FormLoginConfigurer<HttpSecurity> form,
      ClientSessions sessions,
      AccountService accounts,
      PortalRateLimits limits) {
    var success = new SavedRequestAwareAuthenticationSuccessHandler();
    success.setDefaultTargetUrl(PortalLinks.SPACE);
    success.setRequestCache(sessions.requestCache());
    form.loginPage(PortalLinks.SIGN_IN)
        .loginProcessingUrl(PortalLinks.SIGN_IN)
        .usernameParameter("email")
        .passwordParameter("password")
        .successHandler(
            (request, response, authentication) -> {
              recordLogin(accounts, authentication);
              success.onAuthenticationSuccess(request, response, authentication);
            })
        .failureHandler(failure(limits))
        .permitAll();
  }

  /** The client pages' headers: a strict content security policy, no referrer, no framing. */
  private static void headers(HeadersConfigurer<HttpSecurity> headers) {
    headers
        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
        .referrerPolicy(
            referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER))
        .frameOptions(frames -> frames.deny());
  }

  /**
   * The clients' own authentication manager; deliberately not a bean (the staff's stays alone).
   * With Microsoft, it also checks the answers of the firm's tenant (the chain's manager is this
   * one, so the OAuth2 login's own providers must be in it).
   */
  private static AuthenticationManager clientAuthentication(
      ClientSessions sessions, PasswordEncoder passwords, boolean microsoft) {
    var provider = new DaoAuthenticationProvider(sessions::loadActive);
    provider.setPasswordEncoder(passwords);
    return microsoft
        ? new ProviderManager(provider, MicrosoftLogin.provider())
        : new ProviderManager(provider);
  }

  private static void recordLogin(AccountService accounts, Authentication authentication) {
    if (authentication.getPrincipal() instanceof ClientPrincipal client) {
      accounts.recordLogin(client.accountId());
    }
  }

  private static AuthenticationFailureHandler failure(PortalRateLimits limits) {
    return (HttpServletRequest request,
        HttpServletResponse response,
        AuthenticationException exception) -> {
      limits.signInFailed(request.getParameter("email"));
      redirect(request, response, PortalLinks.SIGN_IN + "?erreur");
    };
  }

  /**
   * A form sent after the session expired (the page stayed open for a while) has no valid CSRF
   * token: the person is sent back to the page, which says so, rather than to a bare 403. Nothing
   * was done; a forged cross-site POST gets the same harmless redirect.
   */
  private static AccessDeniedHandler csrfFriendly() {
    var standard = new AccessDeniedHandlerImpl();
    return (request, response, denied) -> {
      if (!(denied instanceof CsrfException) || !"POST".equals(request.getMethod())) {
        standard.handle(request, response, denied);
        return;
      }
      String path = request.getRequestURI().substring(request.getContextPath().length());
      String back;
      if (path.equals(PortalLinks.SIGN_OUT) || path.equals(PortalLinks.SIGN_IN)) {
        back = PortalLinks.SIGN_IN;
      } else if (path.endsWith("/invitations")) {
        back = path.substring(0, path.length() - "/invitations".length());
      } else {
        back = path;
      }
      redirect(request, response, back + "?" + PortalPages.SESSION_EXPIRED);
    };
  }

  private static void redirect(HttpServletRequest request, HttpServletResponse response, String to)
      throws IOException {
    response.sendRedirect(request.getContextPath() + to);
  }
}
