package io.passerelle.support;

import static org.mockito.ArgumentMatchers.contains;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.passerelle.account.AccountStatus;
import io.passerelle.account.AccountView;
import io.passerelle.microsoft.Identity;
import io.passerelle.portal.ClientPrincipal;
import java.lang.reflect.Constructor;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultMatcher;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * What the web slices of the client pages ({@code /espace}, {@code /activation}, {@code /acces})
 * share: an active client account, a client signed in, the redirection to the clients' sign-in.
 *
 * <p>The clients' chain checks at every request that a signed-in session is still current ({@code
 * StaleSessionFilter}: the account's session generation read with the {@code JdbcClient}, the
 * slice's deep-stub mock, which answers "no such active account" unless stubbed): {@link #signedIn}
 * stubs that read, so the session stays signed in.
 *
 * <p>Forms take spring-security-test's {@code csrf()}: it works on the clients' chain, but it
 * replaces the chain's CSRF cookie repository with a session one for the rest of the shared slice
 * (spring-security-test does so for any repository), so no slice test may rely on the cookie itself
 * ({@code security.ClientPagesOverHttpTest} checks it with the whole application).
 */
public final class ClientSlices {

  /** The session generation the signed-in clients of the slices carry. */
  private static final int GENERATION = 3;

  /** Where the clients' chain keeps the client's security context ({@code ClientSessions}). */
  private static final String CONTEXT_ATTRIBUTE = "PASSERELLE_CLIENT_SECURITY_CONTEXT";

  private ClientSlices() {}

  /** An active account signing in with a password. */
  public static AccountView account(long id, long contactId, String email) {
    Instant activated = Instant.parse("2026-10-01T09:00:00Z");
    return new AccountView(
        id,
        contactId,
        email,
        AccountStatus.ACTIVE,
        AccountStatus.ACTIVE.colour(),
        "Actif",
        activated,
        activated,
        activated,
        null,
        activated,
        Identity.PASSERELLE,
        false);
  }

  /**
   * {@code account} signed in on the client pages: the client's security context in the session,
   * under the clients' own attribute, as the sign-in leaves it; and the account's session
   * generation stubbed as current.
   */
  public static RequestPostProcessor signedIn(JdbcClient jdbc, AccountView account) {
    when(jdbc.sql(contains("session_generation from client_account"))
            .param(account.id())
            .query(Integer.class)
            .optional())
        .thenReturn(Optional.of(GENERATION));
    return session(account);
  }

  /**
   * {@code account}'s session without the generation stubbed: the chain finds no active account
   * with that generation (disabled, or its sign-in changed since) and signs the session out.
   */
  public static RequestPostProcessor staleSession(AccountView account) {
    return session(account);
  }

  /** The client's security context in the session, as the clients' sign-in leaves it. */
  private static RequestPostProcessor session(AccountView account) {
    ClientPrincipal principal = principal(account, GENERATION);
    SecurityContext context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(
        UsernamePasswordAuthenticationToken.authenticated(
            principal, null, principal.getAuthorities()));
    return request -> {
      request.getSession().setAttribute(CONTEXT_ATTRIBUTE, context);
      return request;
    };
  }

  /** The client signed in on the session of {@code result}'s request, if any. */
  public static Optional<ClientPrincipal> signedInAfter(MvcResult result) {
    var session = result.getRequest().getSession(false);
    return session != null
            && session.getAttribute(CONTEXT_ATTRIBUTE) instanceof SecurityContext context
            && context.getAuthentication() != null
            && context.getAuthentication().getPrincipal() instanceof ClientPrincipal principal
        ? Optional.of(principal)
        : Optional.empty();
  }

  /** The clients' chain's answer to a signed-in page signed out: their own sign-in page. */
  public static ResultMatcher clientSignInPage() {
    return ResultMatcher.matchAll(status().isFound(), redirectedUrlPattern("**/espace/connexion"));
  }

  /** The principal as the sign-in builds it (its constructor is the portal's own). */
  private static ClientPrincipal principal(AccountView account, int generation) {
    try {
      Constructor<ClientPrincipal> constructor =
          ClientPrincipal.class.getDeclaredConstructor(AccountView.class, String.class, int.class);
      constructor.setAccessible(true);
      return constructor.newInstance(account, null, generation);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("the client principal's constructor changed", e);
    }
  }
}
