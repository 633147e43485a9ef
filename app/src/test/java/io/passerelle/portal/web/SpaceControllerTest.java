package io.passerelle.portal.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import io.passerelle.account.AccountView;
import io.passerelle.catalog.RoleView;
import io.passerelle.contact.AccessLevel;
import io.passerelle.contact.Language;
import io.passerelle.contact.SubscriberType;
import io.passerelle.domain.Actor;
import io.passerelle.domain.DomainException;
import io.passerelle.onboarding.OnboardingErrors;
import io.passerelle.portal.ClientInvitations;
import io.passerelle.portal.PortalRateLimits;
import io.passerelle.portal.SpaceService;
import io.passerelle.portal.SpaceService.Loaded;
import io.passerelle.support.ClientSlices;
import io.passerelle.support.WebSliceTest;
import io.passerelle.web.RateLimiter.Decision;
import io.passerelle.web.pages.FormOnce;
import java.lang.reflect.Constructor;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The client's space ({@code /espace}, {@code /espace/dossiers/{id}} and the holder's invitation
 * form) in the web slice, the space service and the invitations mocked: the clients' sign-in and
 * stale sessions, what the page shows, a dossier not open to the client (404), a disabled account
 * signed out, the form's own checks before the services (422, the form again), the double click,
 * the throttle (429), a refusal of the services in plain words. Which dossiers a client sees and
 * what an invitation starts are tested with the whole application ({@code portal.ClientSpaceTest},
 * {@code contact.ClientInvitationRulesTest}).
 */
@WebSliceTest
class SpaceControllerTest {

  static final AccountView LEA = ClientSlices.account(21, 210, "lea.petit@client.test");
  static final long DOSSIER = 7;

  @Autowired MockMvc mvc;
  @Autowired JdbcClient jdbc;
  @Autowired SpaceService spaces;
  @Autowired ClientInvitations invitations;
  @Autowired FormOnce formOnce;
  @Autowired PortalRateLimits limits;

  @Test
  @DisplayName("signed out, or with a session no longer current: the clients' sign-in page")
  void signInFirst() throws Exception {
    mvc.perform(get("/espace")).andExpect(ClientSlices.clientSignInPage());
    mvc.perform(get("/espace/dossiers/" + DOSSIER).with(ClientSlices.staleSession(LEA)))
        .andExpect(ClientSlices.clientSignInPage());
    verifyNoInteractions(spaces);
  }

  @Test
  @DisplayName(
      "the space: the client's first dossier, its offer, the invitation form; welcome once")
  void space() throws Exception {
    when(spaces.load(LEA.id(), null)).thenReturn(new Loaded.Found(space(true)));

    String page =
        mvc.perform(get("/espace").param("bienvenue", "").with(signedIn()))
            .andExpect(status().isOk())
            .andExpect(view().name("portal/space"))
            .andReturn()
            .getResponse()
            .getContentAsString();

    assertThat(page)
        .contains("Bonjour Léa Petit", "Votre espace est activé. Bienvenue !")
        .contains("Boulangerie Petit", "id=\"offer-START\"", "Offre Start")
        .contains("action=\"/espace/dossiers/7/invitations\"", "<option value=\"SPOUSE\"")
        .contains("action=\"/espace/deconnexion\"");
  }

  @Test
  @DisplayName("a dossier not open to the client: 404; a path that is no id: the readable 404")
  void dossierNotFound() throws Exception {
    when(spaces.load(LEA.id(), 99L)).thenReturn(new Loaded.DossierNotFound(Language.en));

    assertThat(page(get("/espace/dossiers/99").with(signedIn()), 404))
        .contains("<html lang=\"en\"");
    verify(spaces).load(LEA.id(), 99L);
    mvc.perform(get("/espace/dossiers/sept").with(signedIn()))
        .andExpect(status().isNotFound())
        .andExpect(view().name("portal/error"));
  }

  @Test
  @DisplayName("an account disabled since the sign-in: signed out, to the sign-in page")
  void accountInactive() throws Exception {
    when(spaces.load(LEA.id(), DOSSIER)).thenReturn(new Loaded.AccountInactive());

    var result =
        mvc.perform(get("/espace/dossiers/" + DOSSIER).with(signedIn()))
            .andExpect(redirectedUrl("/espace/connexion"))
            .andReturn();
    assertThat(ClientSlices.signedInAfter(result)).isEmpty();
  }

  @Test
  @DisplayName("the invitation without its CSRF token: back to the dossier, which says so")
  void inviteWithoutCsrf() throws Exception {
    mvc.perform(post("/espace/dossiers/7/invitations").with(signedIn()).param("firstName", "Paul"))
        .andExpect(redirectedUrl("/espace/dossiers/7?session-expiree"));
    verifyNoInteractions(spaces, invitations);
  }

  @Test
  @DisplayName("an invitation the form's own checks refuse: 422, the form again as typed")
  void inviteChecked() throws Exception {
    when(spaces.sees(LEA.id(), DOSSIER)).thenReturn(true);
    when(spaces.load(LEA.id(), DOSSIER)).thenReturn(new Loaded.Found(space(true)));

    assertThat(page(invite("firstName", " ").with(signedIn()), 422))
        .contains("Indiquez le prénom et le nom de la personne invitée.");
    assertThat(page(invite("subscriberType", "ADVISOR").with(signedIn()), 422))
        .contains("Vous pouvez inviter un membre de votre famille ou un salarié")
        .contains("value=\" Paul.Petit@client.test \"");
    verifyNoInteractions(invitations, formOnce);
  }

  @Test
  @DisplayName("an invitation to a dossier the client does not see: its 404, nothing sent")
  void inviteElsewhere() throws Exception {
    when(spaces.load(LEA.id(), DOSSIER)).thenReturn(new Loaded.DossierNotFound(Language.fr));

    assertThat(page(invite().with(signedIn()), 404)).contains("Dossier introuvable");
    verifyNoInteractions(invitations, formOnce);
  }

  @Test
  @DisplayName("a valid invitation: sent stripped, by the client; the dossier says so")
  void inviteSent() throws Exception {
    when(spaces.sees(LEA.id(), DOSSIER)).thenReturn(true);

    mvc.perform(invite().with(signedIn()))
        .andExpect(redirectedUrl("/espace/dossiers/7?invitation-envoyee"));
    verify(formOnce).claim("client-invitation", "r-1");
    verify(invitations)
        .invite(
            new ClientInvitations.Invite(
                DOSSIER,
                "Paul",
                "Petit",
                "Paul.Petit@client.test",
                SubscriberType.FAMILY_MEMBER,
                "SPOUSE",
                AccessLevel.READ_ONLY,
                "START",
                Language.en,
                "Bonjour"),
            new Actor.Client(LEA.id()));
  }

  @Test
  @DisplayName("the same form sent twice: the second sends nothing and lands on the dossier")
  void doubleClick() throws Exception {
    when(spaces.sees(LEA.id(), DOSSIER)).thenReturn(true);
    doReturn(false).when(formOnce).claim("client-invitation", "r-1");

    mvc.perform(invite().with(signedIn()))
        .andExpect(redirectedUrl("/espace/dossiers/7?invitation-envoyee"));
    verifyNoInteractions(invitations);
  }

  @Test
  @DisplayName("a refusal of the services: 422, the form again with the reason, the form released")
  void inviteRefused() throws Exception {
    when(spaces.sees(LEA.id(), DOSSIER)).thenReturn(true);
    when(spaces.load(LEA.id(), DOSSIER)).thenReturn(new Loaded.Found(space(true)));
    doThrow(
            DomainException.conflict(
                OnboardingErrors.ONBOARDING_ALREADY_RUNNING, "already invited"))
        .when(invitations)
        .invite(any(), any());

    assertThat(page(invite().with(signedIn()), 422))
        .contains("Cette personne a déjà une invitation en cours pour ce dossier.");
    verify(formOnce).release("client-invitation", "r-1");
  }

  @Test
  @DisplayName("too many invitations: 429 with Retry-After, the form again, nothing sent")
  void tooMany() throws Exception {
    when(spaces.sees(LEA.id(), DOSSIER)).thenReturn(true);
    when(spaces.load(LEA.id(), DOSSIER)).thenReturn(new Loaded.Found(space(true)));
    when(limits.clientInvitation(anyLong())).thenReturn(new Decision(false, Duration.ofMinutes(2)));
    mvc.perform(invite().with(signedIn()))
        .andExpect(status().isTooManyRequests())
        .andExpect(header().string("Retry-After", "120"));
    verify(formOnce).release(eq("client-invitation"), eq("r-1"));
    verifyNoInteractions(invitations);
  }

  private org.springframework.test.web.servlet.request.RequestPostProcessor signedIn() {
    return ClientSlices.signedIn(jdbc, LEA);
  }

  /** The invitation form as typed, {@code changes} (name, value...) replacing fields. */
  private static MockHttpServletRequestBuilder invite(String... changes) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("requestId", "r-1");
    form.put("firstName", " Paul ");
    form.put("lastName", "Petit");
    form.put("email", " Paul.Petit@client.test ");
    form.put("subscriberType", "FAMILY_MEMBER");
    form.put("role", "SPOUSE");
    form.put("accessLevel", "READ_ONLY");
    form.put("offerCode", "START");
    form.put("language", "en");
    form.put("message", "Bonjour");
    for (int i = 0; i < changes.length; i += 2) {
      form.put(changes[i], changes[i + 1]);
    }
    var request = post("/espace/dossiers/7/invitations").with(csrf());
    form.forEach(request::param);
    return request;
  }

  private String page(MockHttpServletRequestBuilder request, int status) throws Exception {
    return mvc.perform(request)
        .andExpect(status().is(status))
        .andReturn()
        .getResponse()
        .getContentAsString();
  }

  /** Léa's space: one dossier she holds, with the offer Start (its records are the portal's). */
  static SpaceService.Space space(boolean mayInvite) {
    Object offer =
        record(
            "Offer",
            "START",
            "Offre Start",
            "Les pièces en ligne",
            List.of("offer.feature.consultGed"),
            false,
            true,
            true,
            "Récapitulatif de l’offre Start");
    Object dossier =
        record(
            "Dossier",
            DOSSIER,
            "Boulangerie Petit",
            AccessLevel.READ_WRITE,
            true,
            null,
            true,
            List.of(offer),
            mayInvite);
    @SuppressWarnings("unchecked")
    var dossiers = (List<Object>) (List<?>) List.of(dossier);
    return newSpace(dossiers, dossier);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static SpaceService.Space newSpace(List<Object> dossiers, Object selected) {
    return (SpaceService.Space)
        record(
            SpaceService.Space.class,
            LEA.id(),
            "Léa Petit",
            LEA.email(),
            Language.fr,
            (List) dossiers,
            selected,
            List.of(new RoleView(3, "SPOUSE", "Conjoint", true)));
  }

  private static Object record(String name, Object... values) {
    try {
      return record(Class.forName(SpaceService.class.getName() + "$" + name), values);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Object record(Class<?> type, Object... values) {
    try {
      Constructor<?> constructor = type.getDeclaredConstructors()[0];
      constructor.setAccessible(true);
      return constructor.newInstance(values);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(type + " changed", e);
    }
  }
}
