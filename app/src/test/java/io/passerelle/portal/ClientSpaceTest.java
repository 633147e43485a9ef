package io.passerelle.portal;

import static io.passerelle.portal.ClientFixtures.PASSWORD;
import static io.passerelle.portal.ClientFixtures.freshIp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.passerelle.account.AccountService;
import io.passerelle.account.InvitationService;
import io.passerelle.collaboration.CollaborationService;
import io.passerelle.contact.AccessLevel;
import io.passerelle.contact.ContactService;
import io.passerelle.contact.DossierLinkService;
import io.passerelle.contact.Language;
import io.passerelle.contact.SubscriberType;
import io.passerelle.dossier.DossierService;
import io.passerelle.mail.DevMailServer;
import io.passerelle.onboarding.OnboardingFilter;
import io.passerelle.onboarding.OnboardingService;
import io.passerelle.onboarding.OnboardingView;
import io.passerelle.staff.StaffService;
import io.passerelle.support.Api;
import io.passerelle.support.Fixtures;
import io.passerelle.support.Mailbox;
import io.passerelle.support.PasserelleSpringTest;
import io.passerelle.support.TestData;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.PageRequest;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** The client's space: their dossiers, switching, the offer's widget, and inviting people. */
@PasserelleSpringTest
class ClientSpaceTest {

  @Autowired MockMvc mvc;
  @Autowired StaffService staff;
  @Autowired DossierService dossiers;
  @Autowired ContactService contacts;
  @Autowired DossierLinkService links;
  @Autowired InvitationService invitations;
  @Autowired AccountService accounts;
  @Autowired CollaborationService collaboration;
  @Autowired OnboardingService onboardings;
  @Autowired DevMailServer mailServer;
  ClientFixtures clients;
  Mailbox mailbox;

  @BeforeEach
  void setUp() {
    clients =
        new ClientFixtures(staff, dossiers, contacts, links, invitations, accounts, collaboration);
    mailbox = new Mailbox(mailServer);
  }

  @Test
  @DisplayName("the dossiers the client may see, with the access level; switching between them")
  void dossiersAndSwitching() throws Exception {
    var client = clients.activeHolder();
    var other = clients.fixtures.dossier(Api.OTHER_MANAGER);
    clients.fixtures.link(other.id(), client.contact().id(), false, AccessLevel.READ_ONLY);
    var foreign = clients.fixtures.dossier(Api.MANAGER);
    MockHttpSession session = ClientFixtures.signIn(mvc, client.account().email(), PASSWORD);

    String home = page(get("/espace"), session, 200);
    assertThat(home)
        .contains(client.dossier().companyName())
        .contains(other.companyName())
        .doesNotContain(foreign.companyName())
        .contains("href=\"/espace/dossiers/" + other.id() + "\"");

    String own = page(get("/espace/dossiers/" + client.dossier().id()), session, 200);
    assertThat(current(own)).isEqualTo(client.dossier().companyName());
    assertThat(own)
        .contains("<dd id=\"access-level\">Lecture et écriture</dd>")
        .contains("id=\"invite-form\"");

    dossiers.setWidget(other.id(), "START", true, Fixtures.SYSTEM);
    String second = page(get("/espace/dossiers/" + other.id()), session, 200);
    assertThat(current(second)).isEqualTo(other.companyName());
    assertThat(second)
        .contains("<dd id=\"access-level\">Lecture seule</dd>")
        .contains("Dépôt de pièces : non disponible avec un accès en lecture seule")
        .doesNotContain("id=\"invite-form\"");

    assertThat(page(get("/espace/dossiers/" + foreign.id()), session, 404))
        .contains("Dossier introuvable")
        .doesNotContain(foreign.companyName());
    page(get("/espace/dossiers/pas-un-nombre"), session, 404);
  }

  @Test
  @DisplayName("the offer's widget shows once the firm enabled it, not before")
  void widget() throws Exception {
    var client = clients.activeHolder();
    MockHttpSession session = ClientFixtures.signIn(mvc, client.account().email(), PASSWORD);
    String before = page(get("/espace"), session, 200);
    assertThat(before)
        .contains("id=\"widget-pending-START\"")
        .doesNotContain("id=\"widget-START\"");

    dossiers.setWidget(client.dossier().id(), "START", true, Fixtures.SYSTEM);
    String after = page(get("/espace"), session, 200);
    assertThat(after)
        .contains("id=\"widget-START\"")
        .contains("Récapitulatif de l&#39;offre Start")
        .contains("Consulter la GED")
        .contains("Suivre votre tableau de bord sur l’application mobile")
        .doesNotContain("id=\"widget-pending-START\"");
  }

  @Test
  @DisplayName(
      "a holder invites a family member: the journey starts with the client as inviter, the"
          + " invitation goes out, a double submit starts nothing more")
  void holderInvites() throws Exception {
    var client = clients.activeHolder();
    MockHttpSession session = ClientFixtures.signIn(mvc, client.account().email(), PASSWORD);
    String email = TestData.email("conjoint");
    String requestId = UUID.randomUUID().toString();

    for (int i = 0; i < 2; i++) {
      mvc.perform(
              invite(client.dossier().id(), email, "FAMILY_MEMBER", "READ_ONLY", requestId)
                  .session(session))
          .andExpect(status().isFound())
          .andExpect(
              redirectedUrl("/espace/dossiers/" + client.dossier().id() + "?invitation-envoyee"));
    }

    List<OnboardingView> started =
        onboardings
            .list(
                new OnboardingFilter(client.dossier().id(), null, null, null, null),
                PageRequest.of(0, 20))
            .getContent()
            .stream()
            .filter(o -> "CLIENT".equals(o.proposedBy().kind()))
            .toList();
    assertThat(started).hasSize(1);
    assertThat(started.getFirst().proposedBy().accountId()).isEqualTo(client.account().id());
    assertThat(started.getFirst().accessLevel()).isEqualTo(AccessLevel.READ_ONLY);

    MimeMessage mail = mailbox.await(email, 1).getFirst();
    assertThat(Mailbox.subject(mail)).contains(client.dossier().companyName());
    assertThat(Mailbox.text(mail)).contains("Un mot <de> Jeanne").contains("/activation/");
    // the client wrote that word, not the firm: the mail says so
    assertThat(Mailbox.text(mail))
        .contains("Le mot de " + client.contact().displayName() + " :")
        .doesNotContain("Le mot de votre cabinet");

    String shown =
        page(
            get("/espace/dossiers/" + client.dossier().id() + "?invitation-envoyee"), session, 200);
    assertThat(shown).contains("Votre invitation est partie");
  }

  @Test
  @DisplayName("a holder cannot give more than their own access; a non-holder cannot invite")
  void refusals() throws Exception {
    var dossier = clients.fixtures.dossier(Api.MANAGER);
    var readOnlyHolder =
        clients.invited(
            dossier, SubscriberType.CLIENT, true, AccessLevel.READ_ONLY, Language.fr, null);
    invitations.accept(readOnlyHolder.token(), PASSWORD);
    MockHttpSession session =
        ClientFixtures.signIn(mvc, readOnlyHolder.account().email(), PASSWORD);
    String form = page(get("/espace/dossiers/" + dossier.id()), session, 200);
    assertThat(form).contains("value=\"READ_ONLY\"").doesNotContain("value=\"READ_WRITE\"");

    String above =
        page(
            invite(
                dossier.id(),
                TestData.email("salarie"),
                "EMPLOYEE",
                "READ_WRITE",
                UUID.randomUUID().toString()),
            session,
            422);
    assertThat(above).contains("Vous ne pouvez pas donner plus d’accès que le vôtre.");

    String advisor =
        page(
            invite(
                dossier.id(),
                TestData.email("notaire"),
                "ADVISOR",
                "READ_ONLY",
                UUID.randomUUID().toString()),
            session,
            422);
    assertThat(advisor).contains("pour toute autre personne, adressez-vous à votre cabinet");

    var member =
        clients.invited(
            dossier, SubscriberType.FAMILY_MEMBER, false, AccessLevel.READ_ONLY, Language.fr, null);
    invitations.accept(member.token(), PASSWORD);
    MockHttpSession memberSession = ClientFixtures.signIn(mvc, member.account().email(), PASSWORD);
    String refused =
        page(
            invite(
                dossier.id(),
                TestData.email("cousin"),
                "FAMILY_MEMBER",
                "READ_ONLY",
                UUID.randomUUID().toString()),
            memberSession,
            422);
    assertThat(refused).contains("Seul un titulaire du dossier peut y inviter quelqu’un.");
    assertThat(
            onboardings
                .list(
                    new OnboardingFilter(dossier.id(), null, null, null, null),
                    PageRequest.of(0, 20))
                .getContent())
        .isEmpty();
  }

  @Test
  @DisplayName("the invitation form without its CSRF token starts nothing")
  void inviteNeedsCsrf() throws Exception {
    var client = clients.activeHolder();
    MockHttpSession session = ClientFixtures.signIn(mvc, client.account().email(), PASSWORD);
    mvc.perform(
            post("/espace/dossiers/" + client.dossier().id() + "/invitations")
                .session(session)
                .with(freshIp())
                .param("firstName", "Paul")
                .param("lastName", "Martin")
                .param("email", TestData.email("paul"))
                .param("subscriberType", "FAMILY_MEMBER")
                .param("role", "CONJOINT")
                .param("accessLevel", "READ_ONLY")
                .param("offerCode", "START"))
        .andExpect(status().isFound())
        .andExpect(redirectedUrl("/espace/dossiers/" + client.dossier().id() + "?session-expiree"));
    assertThat(
            onboardings
                .list(
                    new OnboardingFilter(client.dossier().id(), null, null, null, null),
                    PageRequest.of(0, 20))
                .getContent())
        .isEmpty();
  }

  private MockHttpServletRequestBuilder invite(
      long dossierId, String email, String type, String level, String requestId) {
    return post("/espace/dossiers/" + dossierId + "/invitations")
        .with(csrf())
        .with(freshIp())
        .param("requestId", requestId)
        .param("firstName", "Paul")
        .param("lastName", "Martin")
        .param("email", email)
        .param("subscriberType", type)
        .param("role", "CONJOINT")
        .param("accessLevel", level)
        .param("offerCode", "START")
        .param("language", "fr")
        .param("message", "Un mot <de> Jeanne");
  }

  private String page(MockHttpServletRequestBuilder request, MockHttpSession session, int status)
      throws Exception {
    return mvc.perform(request.session(session).with(freshIp()))
        .andExpect(status().is(status))
        .andReturn()
        .getResponse()
        .getContentAsString(StandardCharsets.UTF_8);
  }

  /** The dossier marked as the one shown in the switcher. */
  private static String current(String page) {
    var matcher =
        java.util.regex.Pattern.compile("aria-current=\"page\">([^<]*)</a>").matcher(page);
    assertThat(matcher.find()).as("a dossier is marked current").isTrue();
    return matcher.group(1);
  }
}
