package io.passerelle.portal;

import io.passerelle.account.AccountService;
import io.passerelle.account.AccountView;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.web.authentication.session.ChangeSessionIdAuthenticationStrategy;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfAuthenticationStrategy;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.stereotype.Component;

/**
 * The clients' sessions, kept apart from the staff's: the client's security context and saved
 * request live under their own session attributes, so a person signed in as staff and as a client
 * in one browser keeps both, and signing out of one leaves the other.
 *
 * <p>The clients' CSRF token is not in the session but in a cookie of its own ({@value
 * #CSRF_COOKIE}: HttpOnly, SameSite=Lax, Secure over HTTPS), compared with the form's hidden field:
 * so the pages anyone may open (an activation link, the sign-in, "ask for a new link") create no
 * session, though each carries a form. A session is created only when a client signs in or a
 * signed-in page must be remembered for after the sign-in.
 */
@Component
public class ClientSessions {

  static final String CONTEXT_ATTRIBUTE = "PASSERELLE_CLIENT_SECURITY_CONTEXT";
  static final String CSRF_COOKIE = "PASSERELLE_CLIENT_CSRF";
  static final String SAVED_REQUEST_ATTRIBUTE = "PASSERELLE_CLIENT_SAVED_REQUEST";

  private final HttpSessionSecurityContextRepository contexts =
      new HttpSessionSecurityContextRepository();
  private final CookieCsrfTokenRepository csrfTokens = new CookieCsrfTokenRepository();
  private final HttpSessionRequestCache requestCache = new HttpSessionRequestCache();
  private final AccountService accounts;
  private final JdbcClient jdbc;

  ClientSessions(AccountService accounts, JdbcClient jdbc) {
    this.accounts = accounts;
    this.jdbc = jdbc;
    contexts.setSpringSecurityContextKey(CONTEXT_ATTRIBUTE);
    csrfTokens.setCookieName(CSRF_COOKIE);
    csrfTokens.setCookiePath("/");
    csrfTokens.setCookieCustomizer(cookie -> cookie.sameSite("Lax"));
    requestCache.setSessionAttrName(SAVED_REQUEST_ATTRIBUTE);
  }

  HttpSessionSecurityContextRepository contexts() {
    return contexts;
  }

  CsrfTokenRepository csrfTokens() {
    return csrfTokens;
  }

  HttpSessionRequestCache requestCache() {
    return requestCache;
  }

  /** What the sign-in form checks: only ACTIVE accounts sign in. */
  UserDetails loadActive(String email) {
    return accounts
        .activeCredentials(email)
        .map(
            c ->
                new ClientPrincipal(
                    c.account(), c.passwordHash(), generation(c.account().id()).orElse(-1)))
        .orElseThrow(() -> new UsernameNotFoundException("no active client account"));
  }

  /** The client signed in on this request, if any. */
  public static Optional<ClientPrincipal> current() {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    return authentication != null && authentication.getPrincipal() instanceof ClientPrincipal p
        ? Optional.of(p)
        : Optional.empty();
  }

  /**
   * Signs the client in right after they activated their space (their first sign-in): a new session
   * id and a new CSRF token (no fixation), the context saved under the clients' attribute, the
   * sign-in recorded.
   */
  public void signIn(
      AccountView account, HttpServletRequest request, HttpServletResponse response) {
    var principal = new ClientPrincipal(account, null, generation(account.id()).orElse(-1));
    Authentication authentication =
        UsernamePasswordAuthenticationToken.authenticated(
            principal, null, principal.getAuthorities());
    new ChangeSessionIdAuthenticationStrategy().onAuthentication(authentication, request, response);
    new CsrfAuthenticationStrategy(csrfTokens).onAuthentication(authentication, request, response);
    SecurityContext context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(authentication);
    SecurityContextHolder.setContext(context);
    contexts.saveContext(context, request, response);
    accounts.recordLogin(account.id());
  }

  /**
   * Whether a session signed in as {@code principal} may still act: its account is ACTIVE and its
   * sign-in has not changed since ({@link #endAll}). Checked on every request of the clients' chain
   * ({@link StaleSessionFilter}).
   */
  boolean isCurrent(ClientPrincipal principal) {
    return generation(principal.accountId())
        .map(g -> g == principal.sessionGeneration())
        .orElse(false);
  }

  /**
   * Ends every session of the account (its login changed): each one opened before is refused at its
   * next request. In the caller's transaction; returns the new generation.
   */
  int endAll(long accountId) {
    return jdbc.sql(
            "update client_account set session_generation = session_generation + 1"
                + " where id = ? returning session_generation")
        .param(accountId)
        .query(Integer.class)
        .optional()
        .orElse(0);
  }

  /** The generation of an ACTIVE account; empty for any other. */
  private java.util.Optional<Integer> generation(long accountId) {
    return jdbc.sql(
            "select session_generation from client_account where id = ? and status = 'ACTIVE'")
        .param(accountId)
        .query(Integer.class)
        .optional();
  }

  /** Ends the client's session alone (the account was disabled meanwhile). */
  public void signOut(HttpServletRequest request, HttpServletResponse response) {
    SecurityContextHolder.clearContext();
    contexts.saveContext(SecurityContextHolder.createEmptyContext(), request, response);
  }
}
