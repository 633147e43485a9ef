package io.passerelle.portal;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import io.passerelle.account.AccountService;
import io.passerelle.account.AccountView;
import io.passerelle.account.InvitationService;
import io.passerelle.account.IssueInvitation;
import io.passerelle.collaboration.CollaborationService;
import io.passerelle.collaboration.ProposeService;
import io.passerelle.contact.AccessLevel;
import io.passerelle.contact.ContactService;
import io.passerelle.contact.ContactView;
import io.passerelle.contact.DossierLinkService;
import io.passerelle.contact.Language;
import io.passerelle.contact.NewContact;
import io.passerelle.contact.SubscriberType;
import io.passerelle.dossier.DossierService;
import io.passerelle.dossier.DossierView;
import io.passerelle.staff.StaffService;
import io.passerelle.support.Api;
import io.passerelle.support.Fixtures;
import io.passerelle.support.StaffSignIn;
import io.passerelle.support.TestData;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Clients for the portal's tests, made through the application services as the journey would: a
 * dossier with the Start offer, a contact linked to it, an account, a collaborative service and an
 * invitation issued directly with {@link InvitationService} (no process needed to test a link).
 */
public final class ClientFixtures {

  public static final String PASSWORD = "Une phrase de passe solide 42";

  /** Each test gets IP addresses of its own, so the per-IP limits of one never touch another. */
  private static final AtomicInteger IPS = new AtomicInteger(1);

  /** A client with an invitation out. */
  public record Invited(
      DossierView dossier,
      ContactView contact,
      AccountView account,
      long invitationId,
      String token) {}

  public final Fixtures fixtures;
  final InvitationService invitations;
  final AccountService accounts;
  final ContactService contacts;
  final DossierLinkService links;
  final CollaborationService collaboration;

  public ClientFixtures(
      StaffService staff,
      DossierService dossiers,
      ContactService contacts,
      DossierLinkService links,
      InvitationService invitations,
      AccountService accounts,
      CollaborationService collaboration) {
    this.fixtures = new Fixtures(staff, dossiers, contacts, links);
    this.invitations = invitations;
    this.accounts = accounts;
    this.contacts = contacts;
    this.links = links;
    this.collaboration = collaboration;
  }

  /** A fresh IP address for a test (10.x.y.z). */
  public static RequestPostProcessor freshIp() {
    int n = IPS.incrementAndGet();
    String ip = "10." + ((n >> 16) & 255) + "." + ((n >> 8) & 255) + "." + (n & 255);
    return request -> {
      request.setRemoteAddr(ip);
      return request;
    };
  }

  public static RequestPostProcessor ip(String address) {
    return request -> {
      request.setRemoteAddr(address);
      return request;
    };
  }

  /** A new holder of a new dossier (managed by claire.martin), invited to it. */
  public Invited invitedHolder(Language language, String customMessage) {
    DossierView dossier = fixtures.dossier(Api.MANAGER);
    return invited(
        dossier, SubscriberType.CLIENT, true, AccessLevel.READ_WRITE, language, customMessage);
  }

  public Invited invited(
      DossierView dossier,
      SubscriberType type,
      boolean holder,
      AccessLevel level,
      Language language,
      String customMessage) {
    ContactView contact =
        contacts.create(
            new NewContact(
                "Jeanne",
                TestData.unique("Martin"),
                null,
                null,
                type,
                type == SubscriberType.ADVISOR ? io.passerelle.contact.AdvisorType.NOTARY : null,
                TestData.email("jeanne"),
                null,
                "DIRIGEANT",
                false,
                language),
            Fixtures.SYSTEM);
    fixtures.link(dossier.id(), contact.id(), holder, level);
    return invite(dossier, contact, customMessage);
  }

  /** Invites an existing contact to a dossier it is linked to (a new link supersedes the old). */
  public Invited invite(DossierView dossier, ContactView contact, String customMessage) {
    long manager = fixtures.staffId(Api.MANAGER);
    var proposal =
        collaboration.propose(
            new ProposeService(null, dossier.id(), contact.id(), "START", manager),
            Fixtures.SYSTEM);
    var issued =
        invitations.issue(
            new IssueInvitation(
                proposal.accountId(),
                dossier.id(),
                proposal.service().id(),
                null,
                manager,
                customMessage,
                Duration.ofDays(45)),
            Fixtures.SYSTEM);
    long id = issued.invitation().id();
    return new Invited(
        dossier, contact, accounts.get(proposal.accountId()), id, invitations.token(id));
  }

  /** A client whose space is active, with password {@link #PASSWORD}. */
  public Invited activeHolder() {
    Invited invited = invitedHolder(Language.fr, null);
    invitations.accept(invited.token(), PASSWORD);
    return new Invited(
        invited.dossier(),
        invited.contact(),
        accounts.get(invited.account().id()),
        invited.invitationId(),
        invited.token());
  }

  /** Signs in through the real form; returns the session the client is signed in with. */
  public static MockHttpSession signIn(MockMvc mvc, String email, String password)
      throws Exception {
    return signedIn(
        mvc,
        MockMvcRequestBuilders.post(PortalLinks.SIGN_IN)
            .session(new MockHttpSession())
            .with(freshIp())
            .with(csrf())
            .param("email", email)
            .param("password", password));
  }

  /** Posts the sign-in form and returns the client's session, or fails the test. */
  private static MockHttpSession signedIn(MockMvc mvc, MockHttpServletRequestBuilder form)
      throws Exception {
    var result = mvc.perform(form).andReturn();
    if (!"/espace".equals(result.getResponse().getRedirectedUrl())) {
      throw new AssertionError(
          "sign-in failed: "
              + result.getResponse().getStatus()
              + " "
              + result.getResponse().getRedirectedUrl());
    }
    return (MockHttpSession) result.getRequest().getSession(false);
  }

  /**
   * Signs a client in as a browser does (the client pages' CSRF cookie and the sign-in page's
   * token, not {@code csrf()}: see {@link #activateAsBrowser}); for tests in the isolated context.
   */
  public static MockHttpSession signInAsBrowser(MockMvc mvc, String email, String password)
      throws Exception {
    var page = mvc.perform(MockMvcRequestBuilders.get(PortalLinks.SIGN_IN)).andReturn();
    String csrf = StaffSignIn.csrfOf(page.getResponse().getContentAsString());
    return signedIn(
        mvc,
        MockMvcRequestBuilders.post(PortalLinks.SIGN_IN)
            .session(new MockHttpSession())
            .cookie(page.getResponse().getCookies())
            .with(freshIp())
            .param("_csrf", csrf)
            .param("email", email)
            .param("password", password));
  }

  /**
   * The activation form as a browser posts it: with the client pages' CSRF cookie and the token of
   * a page that has a form (the sign-in page), not Spring Security Test's {@code csrf()}, which
   * would put a session-backed token repository in the client pages' filter chain for every later
   * request of the context (the isolated context's {@code ClientPagesOverHttpTest} checks that
   * anonymous client pages open no session).
   */
  public static MockHttpServletRequestBuilder activateAsBrowser(
      MockMvc mvc, String token, String password, String confirm) throws Exception {
    var page = mvc.perform(MockMvcRequestBuilders.get(PortalLinks.SIGN_IN)).andReturn();
    String csrf = StaffSignIn.csrfOf(page.getResponse().getContentAsString());
    return MockMvcRequestBuilders.post("/activation/" + token)
        .cookie(page.getResponse().getCookies())
        .param("_csrf", csrf)
        .param("password", password)
        .param("confirmation", confirm);
  }

  public static MockHttpServletRequestBuilder activate(
      String token, String password, String confirm) {
    return MockMvcRequestBuilders.post("/activation/" + token)
        .with(csrf())
        .param("password", password)
        .param("confirmation", confirm);
  }
}
