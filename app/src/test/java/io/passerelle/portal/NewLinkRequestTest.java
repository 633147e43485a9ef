package io.passerelle.portal;

import static io.passerelle.portal.ClientFixtures.freshIp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.passerelle.account.AccountService;
import io.passerelle.account.InvitationService;
import io.passerelle.collaboration.CollaborationService;
import io.passerelle.contact.ContactService;
import io.passerelle.contact.DossierLinkService;
import io.passerelle.contact.Language;
import io.passerelle.dossier.DossierService;
import io.passerelle.mail.DevMailServer;
import io.passerelle.notification.NotificationService;
import io.passerelle.notification.NotificationView;
import io.passerelle.staff.StaffService;
import io.passerelle.support.Api;
import io.passerelle.support.Fixtures;
import io.passerelle.support.Mailbox;
import io.passerelle.support.PasserelleSpringTest;
import io.passerelle.support.TestData;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.PageRequest;
import org.springframework.test.web.servlet.MockMvc;

/**
 * "Send me a new link": the dossier's team is told (inbox + mail to the manager), nothing is sent
 * to the client, and the answer is the same whoever asks.
 */
@PasserelleSpringTest
class NewLinkRequestTest {

  @Autowired MockMvc mvc;
  @Autowired StaffService staff;
  @Autowired DossierService dossiers;
  @Autowired ContactService contacts;
  @Autowired DossierLinkService links;
  @Autowired InvitationService invitations;
  @Autowired AccountService accounts;
  @Autowired CollaborationService collaboration;
  @Autowired NotificationService notifications;
  @Autowired DevMailServer mailServer;
  @Autowired BackgroundWork background;
  @Autowired PortalProperties properties;
  ClientFixtures clients;
  Mailbox mailbox;

  @BeforeEach
  void setUp() {
    clients =
        new ClientFixtures(staff, dossiers, contacts, links, invitations, accounts, collaboration);
    mailbox = new Mailbox(mailServer);
  }

  @Test
  @DisplayName(
      "an expired invitation's client asks: the assigned staff get an inbox notice, the manager a"
          + " mail, once a day")
  void staffAreTold() throws Exception {
    var client = clients.invitedHolder(Language.fr, null);
    invitations.expire(client.invitationId(), Fixtures.SYSTEM);
    long claire = clients.fixtures.staffId(Api.MANAGER);
    long hugo = clients.fixtures.staffId(Api.STAFF);
    String claireEmail = staff.get(claire).email();
    String subject = "Passerelle : nouveau lien demandé pour " + client.dossier().companyName();

    ask(client.account().email());
    assertThat(background.awaitIdle(Duration.ofSeconds(20))).isTrue();

    for (long member : List.of(claire, hugo)) {
      List<NotificationView> notices =
          notifications.inbox(member, false, PageRequest.of(0, 100)).getContent().stream()
              .filter(n -> NewLinkRequests.NOTIFICATION_TYPE.equals(n.type()))
              .filter(n -> Long.valueOf(client.contact().id()).equals(n.contactId()))
              .toList();
      assertThat(notices).hasSize(1);
      assertThat(notices.getFirst().dossierId()).isEqualTo(client.dossier().id());
    }
    List<MimeMessage> mails = noticesTo(claireEmail, subject);
    assertThat(mails).hasSize(1);
    MimeMessage notice = mails.getFirst();
    assertThat(Mailbox.text(notice))
        .contains(client.account().email())
        .contains("Sa dernière invitation a expiré.")
        .contains("http://localhost:8080/dossiers/" + client.dossier().id());
    assertThat(mailbox.to(client.account().email())).isEmpty();

    // the same day again: nobody is told twice
    ask(client.account().email());
    assertThat(background.awaitIdle(Duration.ofSeconds(20))).isTrue();
    assertThat(noticesTo(claireEmail, subject)).hasSize(1);
    assertThat(
            notifications.inbox(claire, false, PageRequest.of(0, 100)).getContent().stream()
                .filter(n -> NewLinkRequests.NOTIFICATION_TYPE.equals(n.type()))
                .filter(n -> Long.valueOf(client.contact().id()).equals(n.contactId()))
                .count())
        .isEqualTo(1);
  }

  @Test
  @DisplayName("unknown, pending and active addresses get the same page; nobody mails the client")
  void sameAnswer() throws Exception {
    var pending = clients.invitedHolder(Language.fr, null);
    var active = clients.activeHolder();
    String unknown = TestData.email("inconnu");

    String forPending = ask(pending.account().email());
    String forActive = ask(active.account().email());
    String forUnknown = ask(unknown);
    assertThat(forActive).isEqualTo(forPending);
    assertThat(forUnknown).isEqualTo(forPending);
    assertThat(forPending)
        .contains("Demande reçue")
        .contains("votre interlocuteur au cabinet est prévenu");

    assertThat(background.awaitIdle(Duration.ofSeconds(20))).isTrue();
    assertThat(mailbox.to(pending.account().email())).isEmpty();
    assertThat(mailbox.to(active.account().email())).isEmpty();
    assertThat(mailbox.to(unknown)).isEmpty();
  }

  @Test
  @DisplayName("requests for one address past the limit: 429 with Retry-After")
  void limited() throws Exception {
    String unknown = TestData.email("inconnu");
    for (int i = 0; i < properties.rateLimit().newLinkPerAddress(); i++) {
      ask(unknown);
    }
    var response =
        mvc.perform(
                post("/acces/nouveau-lien").with(freshIp()).with(csrf()).param("email", unknown))
            .andExpect(status().isTooManyRequests())
            .andExpect(header().exists("Retry-After"))
            .andReturn()
            .getResponse();
    assertThat(response.getContentAsString(StandardCharsets.UTF_8)).contains("Trop de tentatives");
  }

  private List<MimeMessage> noticesTo(String address, String subject) {
    return mailbox.to(address).stream().filter(m -> subject.equals(Mailbox.subject(m))).toList();
  }

  private String ask(String email) throws Exception {
    return mvc.perform(
            post("/acces/nouveau-lien").with(freshIp()).with(csrf()).param("email", email))
        .andExpect(status().isOk())
        .andReturn()
        .getResponse()
        .getContentAsString(StandardCharsets.UTF_8);
  }
}
