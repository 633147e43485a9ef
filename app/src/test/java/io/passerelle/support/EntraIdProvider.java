package io.passerelle.support;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.servlet.context.AnnotationConfigServletWebServerApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configurers.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;

/**
 * A real OpenID Connect provider for the tests, laid out as Microsoft Entra ID (issue 23): Spring
 * Authorization Server in a small Spring context of its own, on {@code localhost} and a free port
 * (the application runs on {@code 127.0.0.1}: the two keep their cookies apart), one tenant {@link
 * #TENANT} with Entra's endpoints ({@code /{tenant}/oauth2/v2.0/authorize}, {@code …/token}, {@code
 * /{tenant}/discovery/v2.0/keys}, issuer {@code /{tenant}/v2.0}), one application ({@link
 * #CLIENT_ID}, client secret in the request body, PKCE checked, no consent screen), and ID tokens
 * carrying Entra's claims: {@code oid}, {@code tid}, {@code preferred_username}, {@code email},
 * {@code name}, {@code ver} 2.0, and {@code idp} for a guest. Users sign in on Spring Security's
 * own login form (fields {@code username}, {@code password}); the tests add them ({@link #user}).
 */
public final class EntraIdProvider implements AutoCloseable {

  public static final String TENANT = "6f2a9c1e-4b7d-4e8a-9c3f-2d1b0a9e8f7c";
  public static final String CLIENT_ID = "3c9e5a71-0d2f-4b8e-a6c4-7f1e2d3b4a59";
  public static final String CLIENT_SECRET = "test-only-client-secret-of-the-fake-tenant";

  /** The issuer of a guest's home identity provider (a personal Microsoft account). */
  public static final String GUEST_IDP =
      "https://sts.windows.net/9188040d-6c67-4c5b-b112-36a304b66dad/";

  private static EntraIdProvider shared;

  /** Someone who can sign in at the provider, and the claims of their ID tokens. */
  public record Person(
      String login, String password, String oid, String email, String name, String idp) {

    /** A member of the tenant whose login is their address. */
    public static Person member(String email) {
      return new Person(
          email,
          "mot-de-passe-microsoft",
          UUID.randomUUID().toString(),
          email,
          "Personne Test",
          null);
    }

    /** A guest of the tenant (a Microsoft account of their own, invited by the firm). */
    public static Person guest(String email) {
      return new Person(
          email,
          "mot-de-passe-microsoft",
          UUID.randomUUID().toString(),
          email,
          "Invité Test",
          GUEST_IDP);
    }

    /** Another Microsoft identity showing the same address (another object id). */
    public Person impersonatedBy(String otherLogin) {
      return new Person(otherLogin, password, UUID.randomUUID().toString(), email, name, idp);
    }
  }

  private final int port;
  private final Map<String, Person> people = new ConcurrentHashMap<>();
  private final Set<String> redirectUris = ConcurrentHashMap.newKeySet();
  private final AnnotationConfigServletWebServerApplicationContext context;

  private EntraIdProvider() {
    this.port = freePort();
    this.context = new AnnotationConfigServletWebServerApplicationContext();
    context.getBeanFactory().registerSingleton("entraIdProvider", this);
    context.register(ProviderConfiguration.class);
    context.refresh();
  }

  /** The one provider of the test JVM, started at the first call. */
  public static synchronized EntraIdProvider shared() {
    if (shared == null) {
      shared = new EntraIdProvider();
      Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
    }
    return shared;
  }

  /**
   * What PASSERELLE_MICROSOFT_AUTHORITY is in the tests (Microsoft's is login.microsoftonline.com).
   */
  public String authority() {
    return "http://localhost:" + port;
  }

  public String issuer() {
    return authority() + "/" + TENANT + "/v2.0";
  }

  /** Lets the application's redirect URI in (Entra: "Authentication", "Redirect URIs"). */
  public void allowRedirect(String uri) {
    redirectUris.add(uri);
  }

  public Person user(Person person) {
    people.put(person.login(), person);
    return person;
  }

  @Override
  public void close() {
    context.close();
  }

  private static int freePort() {
    try (var socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Deliberately not a {@code @Configuration}: the application's component scan would take it into
   * the application's own context. Registered by hand into the provider's context only.
   */
  @EnableWebSecurity
  static class ProviderConfiguration {

    @Bean
    TomcatServletWebServerFactory webServer(EntraIdProvider provider) {
      var factory = new TomcatServletWebServerFactory(provider.port);
      factory.setRegisterDefaultServlet(true);
      factory.getSession().getCookie().setName("ENTRA_SESSION");
      return factory;
    }

    @Bean
    @Order(1)
    SecurityFilterChain authorizationServer(HttpSecurity http) throws Exception {
      var server = OAuth2AuthorizationServerConfigurer.authorizationServer();
      return http.securityMatcher(server.getEndpointsMatcher())
          .with(server, as -> as.oidc(Customizer.withDefaults()))
          .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
          .csrf(csrf -> csrf.ignoringRequestMatchers(server.getEndpointsMatcher()))
          .exceptionHandling(
              exceptions ->
                  exceptions.authenticationEntryPoint(
                      new LoginUrlAuthenticationEntryPoint("/login")))
          .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain signIn(HttpSecurity http) throws Exception {
      return http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
          .formLogin(Customizer.withDefaults())
          .csrf(csrf -> csrf.disable())
          .build();
    }

    @Bean
    UserDetailsService people(EntraIdProvider provider) {
      return login -> {
        Person person = provider.people.get(login);
        if (person == null) {
          throw new UsernameNotFoundException("unknown");
        }
        return User.withUsername(person.login())
            .password("{noop}" + person.password())
            .roles("USER")
            .build();
      };
    }

    @Bean
    RegisteredClientRepository applications(EntraIdProvider provider) {
      return new RegisteredClientRepository() {
        @Override
        public void save(RegisteredClient registeredClient) {
          // the client secret's encoding "upgraded" after a sign-in: the application stays as is
        }

        @Override
        public RegisteredClient findById(String id) {
          return CLIENT_ID.equals(id) ? passerelle() : null;
        }

        @Override
        public RegisteredClient findByClientId(String clientId) {
          return CLIENT_ID.equals(clientId) ? passerelle() : null;
        }

        private RegisteredClient passerelle() {
          return RegisteredClient.withId(CLIENT_ID)
              .clientId(CLIENT_ID)
              .clientSecret("{noop}" + CLIENT_SECRET)
              .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
              .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
              .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
              // the Graph client's application token (client credentials, Graph's scope)
              .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
              .scope(io.passerelle.microsoft.MicrosoftProperties.GRAPH_SCOPE)
              .redirectUris(uris -> uris.addAll(provider.redirectUris))
              .scope(OidcScopes.OPENID)
              .scope(OidcScopes.PROFILE)
              .scope(OidcScopes.EMAIL)
              .clientSettings(ClientSettings.builder().requireAuthorizationConsent(false).build())
              .tokenSettings(
                  TokenSettings.builder().accessTokenTimeToLive(Duration.ofMinutes(5)).build())
              .build();
        }
      };
    }

    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> entraClaims(EntraIdProvider provider) {
      return context -> {
        if (!OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
          return;
        }
        Person person = provider.people.get(context.getPrincipal().getName());
        if (person == null) {
          return;
        }
        context
            .getClaims()
            .claim("oid", person.oid())
            .claim("tid", TENANT)
            .claim("preferred_username", person.login())
            .claim("name", person.name())
            .claim("ver", "2.0");
        if (person.email() != null) {
          context.getClaims().claim("email", person.email());
        }
        if (person.idp() != null) {
          context.getClaims().claim("idp", person.idp());
        }
      };
    }

    @Bean
    JWKSource<SecurityContext> keys() {
      try {
        var generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        var pair = generator.generateKeyPair();
        var key =
            new RSAKey.Builder((RSAPublicKey) pair.getPublic())
                .privateKey((RSAPrivateKey) pair.getPrivate())
                .keyID(UUID.randomUUID().toString())
                .build();
        return new ImmutableJWKSet<>(new JWKSet(key));
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }

    /**
     * The provider's own user-info endpoint reads its access tokens (Passerelle never calls it).
     */
    @Bean
    JwtDecoder accessTokens(JWKSource<SecurityContext> keys) {
      return OAuth2AuthorizationServerConfiguration.jwtDecoder(keys);
    }

    @Bean
    AuthorizationServerSettings settings(EntraIdProvider provider) {
      String tenant = "/" + TENANT;
      return AuthorizationServerSettings.builder()
          .issuer(provider.issuer())
          .authorizationEndpoint(tenant + "/oauth2/v2.0/authorize")
          .tokenEndpoint(tenant + "/oauth2/v2.0/token")
          .jwkSetEndpoint(tenant + "/discovery/v2.0/keys")
          .build();
    }
  }
}
