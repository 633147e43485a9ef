package io.passerelle.microsoft;

import io.passerelle.domain.EmailAddresses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.client.OAuth2LoginConfigurer;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.endpoint.RestClientAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.oidc.authentication.OidcAuthorizationCodeAuthenticationProvider;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;

/**
 * Spring Security's OAuth2 login (OpenID Connect, authorization code) against the firm's tenant, as
 * both chains use it (issue 23): the chain's own registration only (the clients' chain never knows
 * the staff's, nor the reverse), {@code state}, {@code nonce} and PKCE (S256) on every request,
 * {@code login_hint} passed on when the link carries a valid address, the chain's own sign-in page,
 * and no authorized client kept (Passerelle calls nothing on the user's behalf: the access token is
 * dropped once the ID token is checked).
 */
public final class MicrosoftLogin {

  /** The address Microsoft's sign-in page is to propose ({@code ?login_hint=}). */
  public static final String LOGIN_HINT = "login_hint";

  private MicrosoftLogin() {}

  public static void configure(
      OAuth2LoginConfigurer<HttpSecurity> login,
      ClientRegistration registration,
      String signInPage,
      AuthenticationSuccessHandler success,
      AuthenticationFailureHandler failure) {
    var registrations = new InMemoryClientRegistrationRepository(registration);
    login
        .loginPage(signInPage)
        .clientRegistrationRepository(registrations)
        .authorizedClientRepository(new NothingKept())
        .authorizationEndpoint(
            endpoint -> endpoint.authorizationRequestResolver(resolver(registrations)))
        .successHandler(success)
        .failureHandler(failure);
  }

  private static OAuth2AuthorizationRequestResolver resolver(
      InMemoryClientRegistrationRepository registrations) {
    var resolver =
        new DefaultOAuth2AuthorizationRequestResolver(
            registrations,
            org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter
                .DEFAULT_AUTHORIZATION_REQUEST_BASE_URI);
    // the hint of the request being resolved (resolving is synchronous, on the request's thread)
    ThreadLocal<String> hint = new ThreadLocal<>();
    resolver.setAuthorizationRequestCustomizer(
        OAuth2AuthorizationRequestCustomizers.withPkce()
            .andThen(
                builder -> {
                  if (hint.get() != null) {
                    builder.additionalParameters(p -> p.put(LOGIN_HINT, hint.get()));
                  }
                }));
    return new OAuth2AuthorizationRequestResolver() {
      @Override
      public OAuth2AuthorizationRequest resolve(HttpServletRequest request) {
        hint.set(hintOf(request));
        try {
          return resolver.resolve(request);
        } finally {
          hint.remove();
        }
      }

      @Override
      public OAuth2AuthorizationRequest resolve(
          HttpServletRequest request, String clientRegistrationId) {
        hint.set(hintOf(request));
        try {
          return resolver.resolve(request, clientRegistrationId);
        } finally {
          hint.remove();
        }
      }
    };
  }

  /** A valid address given as {@code ?login_hint=}, else null. */
  private static String hintOf(HttpServletRequest request) {
    String hint = request.getParameter(LOGIN_HINT);
    return hint != null && EmailAddresses.isValid(hint.strip()) ? hint.strip() : null;
  }

  /**
   * What checks the tenant's answer (code for tokens, then the ID token: signature with the
   * tenant's keys, issuer, audience, expiry, nonce), for a chain whose authentication manager is
   * its own.
   */
  public static AuthenticationProvider provider() {
    return new OidcAuthorizationCodeAuthenticationProvider(
        new RestClientAuthorizationCodeTokenResponseClient(), new OidcUserService());
  }

  /** Keeps no authorized client: nothing is called on the user's behalf after the sign-in. */
  private static final class NothingKept implements OAuth2AuthorizedClientRepository {

    @Override
    public <T extends OAuth2AuthorizedClient> T loadAuthorizedClient(
        String clientRegistrationId, Authentication principal, HttpServletRequest request) {
      return null;
    }

    @Override
    public void saveAuthorizedClient(
        OAuth2AuthorizedClient authorizedClient,
        Authentication principal,
        HttpServletRequest request,
        HttpServletResponse response) {
      // dropped on purpose
    }

    @Override
    public void removeAuthorizedClient(
        String clientRegistrationId,
        Authentication principal,
        HttpServletRequest request,
        HttpServletResponse response) {
      // nothing kept
    }
  }
}
