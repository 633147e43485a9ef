package io.passerelle.staff.web;

import io.passerelle.domain.EmailAddresses;
import io.passerelle.microsoft.MicrosoftClaims;
import io.passerelle.microsoft.MicrosoftProperties;
import io.passerelle.staff.StaffPrincipal;
import io.passerelle.staff.StaffService;
import io.passerelle.staff.StaffView;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.session.ChangeSessionIdAuthenticationStrategy;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.stereotype.Component;

/**
 * A staff member back from Microsoft (issue 23, item 4, with PASSERELLE_MICROSOFT_STAFF_SSO=true).
 * Spring Security checked the ID token (signature, the firm's tenant as issuer, audience, expiry,
 * nonce; state and PKCE before); this checks the tenant again, refuses a guest of the tenant (staff
 * are its members), and looks for the active staff member with the token's address. Found: signed
 * in as with the password form — a {@link StaffPrincipal} with Passerelle's role, never one from
 * Microsoft, new session id — and sent home. Not found: nobody is created; the page {@value
 * #REFUSED} says so (403). The OpenID Connect authentication itself is never kept in the session.
 */
@Component
class MicrosoftStaffSignIn implements AuthenticationSuccessHandler, AuthenticationFailureHandler {

  static final String REFUSED = "/connexion/microsoft-refusee";

  private static final Logger LOG = LoggerFactory.getLogger(MicrosoftStaffSignIn.class);

  private final StaffService staff;
  private final MicrosoftProperties tenant;
  private final HttpSessionSecurityContextRepository contexts =
      new HttpSessionSecurityContextRepository();

  MicrosoftStaffSignIn(StaffService staff, MicrosoftProperties tenant) {
    this.staff = staff;
    this.tenant = tenant;
  }

  @Override
  public void onAuthenticationSuccess(
      HttpServletRequest request, HttpServletResponse response, Authentication authentication)
      throws IOException {
    var empty = SecurityContextHolder.createEmptyContext();
    SecurityContextHolder.setContext(empty);
    contexts.saveContext(empty, request, response);
    Optional<MicrosoftClaims> claims =
        authentication.getPrincipal() instanceof OidcUser user
            ? MicrosoftClaims.of(user.getClaims(), tenant.issuer().toString())
            : Optional.empty();
    if (claims.isEmpty() || !claims.get().from(tenant)) {
      LOG.warn("Microsoft sign-in of staff refused: a token without this tenant's claims");
      refuse(request, response, "jeton");
      return;
    }
    if (claims.get().guest()) {
      LOG.info("Microsoft sign-in of staff refused: a guest of the tenant ({})", claims.get());
      refuse(request, response, "invite");
      return;
    }
    String email = claims.get().email();
    Optional<StaffView> member =
        EmailAddresses.isValid(email) ? staff.activeByEmail(email) : Optional.empty();
    if (member.isEmpty()) {
      LOG.info(
          "Microsoft sign-in of staff refused: no active staff member has the address {}",
          EmailAddresses.mask(email));
      refuse(request, response, "inconnu");
      return;
    }
    var principal = new StaffPrincipal(member.get(), null);
    var signedIn =
        UsernamePasswordAuthenticationToken.authenticated(
            principal, null, principal.getAuthorities());
    new ChangeSessionIdAuthenticationStrategy().onAuthentication(signedIn, request, response);
    var context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(signedIn);
    SecurityContextHolder.setContext(context);
    contexts.saveContext(context, request, response);
    response.sendRedirect(request.getContextPath() + "/");
  }

  @Override
  public void onAuthenticationFailure(
      HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
      throws IOException {
    String code =
        exception instanceof OAuth2AuthenticationException oauth
            ? oauth.getError().getErrorCode()
            : exception.getClass().getSimpleName();
    LOG.info("Microsoft sign-in of staff failed: {}", code);
    refuse(request, response, "echec");
  }

  private static void refuse(HttpServletRequest request, HttpServletResponse response, String why)
      throws IOException {
    response.sendRedirect(request.getContextPath() + REFUSED + "?motif=" + why);
  }
}
