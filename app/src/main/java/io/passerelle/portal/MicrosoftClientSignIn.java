package io.passerelle.portal;

import io.passerelle.account.InvitationService;
import io.passerelle.account.MicrosoftIdentity;
import io.passerelle.account.MicrosoftSignIn;
import io.passerelle.microsoft.MicrosoftClaims;
import io.passerelle.microsoft.MicrosoftProperties;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.stereotype.Component;

/**
 * A client back from Microsoft (issue 23, item 3). Spring Security checked the ID token (signature,
 * issuer = the firm's tenant, audience, expiry, nonce, and state and PKCE before); this reads its
 * claims, checks the tenant again, and lets the account decide ({@link
 * InvitationService#signInWithMicrosoft}): matched on the object id kept at the first sign-in, and
 * the address; the first sign-in is the activation. Then the client is signed in as after a
 * password (a {@link ClientPrincipal} under the clients' own session attribute, new session id, new
 * CSRF token, the sign-in recorded) — the OpenID Connect authentication itself is never kept — or
 * sent to a page that says why not ({@value PortalLinks#MICROSOFT_REFUSED}). Nothing of the tokens
 * reaches a log.
 */
@Component
class MicrosoftClientSignIn implements AuthenticationSuccessHandler, AuthenticationFailureHandler {

  private static final Logger LOG = LoggerFactory.getLogger(MicrosoftClientSignIn.class);

  private final InvitationService invitations;
  private final ClientSessions sessions;
  private final MicrosoftProperties tenant;

  MicrosoftClientSignIn(
      InvitationService invitations, ClientSessions sessions, MicrosoftProperties tenant) {
    this.invitations = invitations;
    this.sessions = sessions;
    this.tenant = tenant;
  }

  @Override
  public void onAuthenticationSuccess(
      HttpServletRequest request, HttpServletResponse response, Authentication authentication)
      throws IOException {
    // whatever comes next, the OpenID Connect authentication is not the client's session
    sessions.signOut(request, response);
    Optional<MicrosoftIdentity> identity = identity(authentication);
    if (identity.isEmpty()) {
      refuse(request, response, "TOKEN");
      return;
    }
    MicrosoftSignIn outcome = invitations.signInWithMicrosoft(identity.get());
    if (!outcome.signedIn()) {
      LOG.info("Microsoft sign-in of a client refused: {} ({})", outcome.outcome(), identity.get());
      refuse(request, response, outcome.outcome().name());
      return;
    }
    sessions.signIn(outcome.account(), request, response);
    String target =
        outcome.outcome() == MicrosoftSignIn.Outcome.ACTIVATED
            ? PortalLinks.SPACE + "?bienvenue"
            : PortalLinks.SPACE;
    response.sendRedirect(request.getContextPath() + target);
  }

  /** Microsoft said no, the person cancelled, or the answer did not check out (state, nonce…). */
  @Override
  public void onAuthenticationFailure(
      HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
      throws IOException {
    String code =
        exception instanceof OAuth2AuthenticationException oauth
            ? oauth.getError().getErrorCode()
            : exception.getClass().getSimpleName();
    LOG.info("Microsoft sign-in of a client failed: {}", code);
    LOG.debug("Microsoft sign-in of a client failed", exception);
    refuse(request, response, "FAILED");
  }

  private Optional<MicrosoftIdentity> identity(Authentication authentication) {
    if (!(authentication.getPrincipal() instanceof OidcUser user)) {
      return Optional.empty();
    }
    Optional<MicrosoftClaims> claims =
        MicrosoftClaims.of(user.getClaims(), tenant.issuer().toString());
    if (claims.isEmpty() || !claims.get().from(tenant)) {
      LOG.warn("Microsoft sign-in of a client refused: a token without this tenant's claims");
      return Optional.empty();
    }
    try {
      return Optional.of(new MicrosoftIdentity(claims.get().oid(), claims.get().email()));
    } catch (IllegalArgumentException e) {
      LOG.warn("Microsoft sign-in of a client refused: {} ({})", e.getMessage(), claims.get());
      return Optional.empty();
    }
  }

  private static void refuse(HttpServletRequest request, HttpServletResponse response, String why)
      throws IOException {
    response.sendRedirect(
        request.getContextPath() + PortalLinks.MICROSOFT_REFUSED + "?motif=" + why);
  }
}
