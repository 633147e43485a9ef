package io.passerelle.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.passerelle.contact.ContactEmailChanged;
import io.passerelle.contact.ContactService;
import io.passerelle.contact.ContactView;
import io.passerelle.contact.DossierLinkService;
import io.passerelle.contact.SubscriberType;
import io.passerelle.domain.DomainException;
import io.passerelle.dossier.DossierService;
import io.passerelle.dossier.DossierView;
import io.passerelle.staff.StaffService;
import io.passerelle.support.Api;
import io.passerelle.support.Fixtures;
import io.passerelle.support.PasserelleSpringTest;
import io.passerelle.support.TestData;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;

/** The invitation operations the journey's workers call, each idempotent. */
@PasserelleSpringTest
@RecordApplicationEvents
class InvitationServiceTest {

  private static final AtomicLong ONBOARDING = new AtomicLong(System.nanoTime() % 1_000_000_000);

  @Autowired InvitationService invitations;
  @Autowired AccountService accounts;
  @Autowired ContactService contacts;
  @Autowired DossierService dossiers;
  @Autowired DossierLinkService links;
  @Autowired StaffService staff;
  @Autowired JdbcTemplate jdbc;
  @Autowired MockMvc mvc;
  @Autowired ObjectMapper json;
  @Autowired ApplicationEvents events;
  Fixtures fixtures;
  DossierView dossier;
  ContactView client;
  AccountView account;

  @BeforeEach
  void client() {
    fixtures = new Fixtures(staff, dossiers, contacts, links);
    dossier = fixtures.dossier(Api.MANAGER);
    client = fixtures.contact(SubscriberType.CLIENT);
    account = accounts.findOrCreate(client.id(), client.email(), Fixtures.SYSTEM);
  }

  IssuedInvitation issue(long onboardingId) {
    return invitations.issue(
        new IssueInvitation(
            account.id(),
            dossier.id(),
            null,
            onboardingId,
            fixtures.staffId(Api.MANAGER),
            "Bienvenue <b>chez nous</b>",
            Duration.ofDays(45)),
        Fixtures.SYSTEM);
  }

  @Test
  @DisplayName(
      "only the SHA-256 of the token is stored; the token is derived again, the same each time")
  void tokenStoredAsHashOnly() throws Exception {
    var issued = issue(ONBOARDING.incrementAndGet());
    String token = invitations.token(issued.invitation().id());
    assertThat(token).hasSize(43).matches("[A-Za-z0-9_-]+");
    assertThat(invitations.token(issued.invitation().id())).isEqualTo(token);
    byte[] stored =
        jdbc.queryForObject(
            "select token_hash from invitation where id = ?",
            byte[].class,
            issued.invitation().id());
    assertThat(stored)
        .isEqualTo(
            MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    String row =
        jdbc.queryForObject(
            "select row_to_json(i)::text from invitation i where id = ?",
            String.class,
            issued.invitation().id());
    assertThat(row).doesNotContain(token);
    assertThat(accounts.get(account.id()).status()).isEqualTo(AccountStatus.PENDING);
    assertThat(accounts.get(account.id()).colour()).isEqualTo(AccountStatus.Colour.YELLOW);
  }

  @Test
  @DisplayName("issuing again for the same onboarding returns the live link: one row")
  void issueIsIdempotentPerOnboarding() {
    long onboarding = ONBOARDING.incrementAndGet();
    var first = issue(onboarding);
    var again = issue(onboarding);
    assertThat(again.created()).isFalse();
    assertThat(again.invitation().id()).isEqualTo(first.invitation().id());
    assertThat(invitations.forAccount(account.id())).hasSize(1);
  }

  @Test
  @DisplayName(
      "issuing for another onboarding supersedes the older link: one live link per account")
  void anotherOnboardingSupersedes() {
    var first = issue(ONBOARDING.incrementAndGet());
    String oldToken = invitations.token(first.invitation().id());
    var second = issue(ONBOARDING.incrementAndGet());
    assertThat(second.created()).isTrue();
    assertThat(invitations.get(first.invitation().id()).status())
        .isEqualTo(InvitationStatus.SUPERSEDED);
    assertThat(invitations.get(first.invitation().id()).supersededById())
        .isEqualTo(second.invitation().id());
    assertThat(invitations.findLive(oldToken)).isEmpty();
  }

  @Test
  @DisplayName("sent once, reminders 1 and 2 each recorded once, none after acceptance")
  void sentAndReminded() {
    var issued = issue(ONBOARDING.incrementAndGet());
    long id = issued.invitation().id();
    assertThat(invitations.recordReminder(id, 1, Fixtures.SYSTEM)).isFalse(); // not sent yet
    var sent = invitations.markSent(id, Fixtures.SYSTEM);
    assertThat(invitations.markSent(id, Fixtures.SYSTEM).sentAt()).isEqualTo(sent.sentAt());
    assertThat(invitations.recordReminder(id, 1, Fixtures.SYSTEM)).isTrue();
    assertThat(invitations.recordReminder(id, 1, Fixtures.SYSTEM)).isFalse();
    assertThat(invitations.recordReminder(id, 2, Fixtures.SYSTEM)).isTrue();
    assertThat(invitations.get(id).remindersSent()).isEqualTo(2);
    invitations.accept(invitations.token(id), "un mot de passe très long");
    assertThat(invitations.recordReminder(id, 3, Fixtures.SYSTEM)).isFalse();
    assertThat(
            jdbc.queryForObject(
                "select count(*) from activity where type = 'INVITATION_REMINDED'"
                    + " and (details->>'invitationId')::bigint = ?",
                Long.class,
                id))
        .isEqualTo(2);
  }

  @Test
  @DisplayName(
      "acceptance activates the account (green), publishes InvitationAccepted, and a second use is refused")
  void acceptOnce() {
    long onboarding = ONBOARDING.incrementAndGet();
    var issued = issue(onboarding);
    invitations.markSent(issued.invitation().id(), Fixtures.SYSTEM);
    String token = invitations.token(issued.invitation().id());
    assertThatThrownBy(() -> invitations.accept(token, "court"))
        .isInstanceOf(DomainException.class)
        .hasFieldOrPropertyWithValue("code", "PASSWORD_TOO_SHORT");
    var acceptance = invitations.accept(token, "un mot de passe très long");
    assertThat(acceptance.onboardingId()).isEqualTo(onboarding);
    var active = accounts.get(account.id());
    assertThat(active.status()).isEqualTo(AccountStatus.ACTIVE);
    assertThat(active.colour()).isEqualTo(AccountStatus.Colour.GREEN);
    assertThat(events.stream(InvitationAccepted.class))
        .anyMatch(
            e -> e.invitationId() == issued.invitation().id() && e.onboardingId() == onboarding);
    assertThatThrownBy(() -> invitations.accept(token, "un mot de passe très long"))
        .isInstanceOf(DomainException.class)
        .hasFieldOrPropertyWithValue("code", "INVITATION_LINK_UNKNOWN");
    assertThatThrownBy(() -> issue(ONBOARDING.incrementAndGet()))
        .hasFieldOrPropertyWithValue("code", "ACCOUNT_ALREADY_ACTIVE");
  }

  @Test
  @DisplayName("unknown, malformed and empty tokens are all the same unknown link")
  void unknownTokens() {
    for (String token : new String[] {"", "x", "a".repeat(43), "é".repeat(10_000), null}) {
      assertThat(invitations.findLive(token)).isEmpty();
      assertThatThrownBy(() -> invitations.accept(token, "un mot de passe très long"))
          .hasFieldOrPropertyWithValue("code", "INVITATION_LINK_UNKNOWN");
    }
  }

  @Test
  @DisplayName(
      "cancelling kills the link and puts the account back to NOT_INVITED; cancelling again changes nothing")
  void cancel() {
    var issued = issue(ONBOARDING.incrementAndGet());
    String token = invitations.token(issued.invitation().id());
    var cancelled = invitations.cancel(issued.invitation().id(), fixtures.actor(Api.MANAGER));
    assertThat(cancelled.status()).isEqualTo(InvitationStatus.CANCELLED);
    assertThat(cancelled.cancelledAt()).isNotNull();
    assertThat(invitations.cancel(issued.invitation().id(), Fixtures.SYSTEM).cancelledAt())
        .isEqualTo(cancelled.cancelledAt());
    assertThat(invitations.findLive(token)).isEmpty();
    assertThat(accounts.get(account.id()).status()).isEqualTo(AccountStatus.NOT_INVITED);
  }

  @Test
  @DisplayName("expiry kills the link; 'extend' brings the same link back with a new expiry")
  void expireThenExtend() {
    var issued = issue(ONBOARDING.incrementAndGet());
    long id = issued.invitation().id();
    invitations.markSent(id, Fixtures.SYSTEM);
    String token = invitations.token(id);
    invitations.expire(id, Fixtures.SYSTEM);
    assertThat(invitations.findLive(token)).isEmpty();
    assertThat(accounts.get(account.id()).status()).isEqualTo(AccountStatus.PENDING);
    var extended = invitations.extend(id, Duration.ofDays(10), Fixtures.SYSTEM);
    assertThat(extended.status()).isEqualTo(InvitationStatus.SENT);
    assertThat(invitations.findLive(token)).isPresent();
  }

  @Test
  @DisplayName(
      "a bounce marks the invitation BOUNCED and the contact's e-mail invalid; no reminder to that address")
  void bounce() {
    var issued = issue(ONBOARDING.incrementAndGet());
    long id = issued.invitation().id();
    invitations.markSent(id, Fixtures.SYSTEM);
    var bounced = invitations.markBounced(id, Fixtures.SYSTEM);
    assertThat(bounced.status()).isEqualTo(InvitationStatus.BOUNCED);
    assertThat(bounced.emailInvalid()).isTrue();
    assertThat(invitations.markBounced(id, Fixtures.SYSTEM).status())
        .isEqualTo(InvitationStatus.BOUNCED);
    assertThat(contacts.get(client.id()).emailInvalid()).isTrue();
    assertThat(invitations.recordReminder(id, 1, Fixtures.SYSTEM)).isFalse();
  }

  @Test
  @DisplayName(
      "changing the e-mail while an invitation is pending kills the link and says a new invitation is needed")
  void emailChangeKillsThePendingLink() {
    long onboarding = ONBOARDING.incrementAndGet();
    var issued = issue(onboarding);
    String token = invitations.token(issued.invitation().id());
    String newEmail = TestData.email("nouvelle.adresse");
    ContactEmailChanged change =
        contacts.changeEmail(client.id(), newEmail, fixtures.actor(Api.MANAGER));
    assertThat(change.invitationRequired()).isTrue();
    assertThat(change.killedInvitations())
        .singleElement()
        .satisfies(k -> assertThat(k.onboardingId()).isEqualTo(onboarding));
    assertThat(events.stream(ContactEmailChanged.class))
        .anyMatch(e -> e.contactId() == client.id() && e.invitationRequired());
    assertThat(invitations.findLive(token)).isEmpty();
    assertThat(invitations.get(issued.invitation().id()).closedReason()).isEqualTo("EMAIL_CHANGED");
    assertThat(accounts.get(account.id()).email()).isEqualTo(newEmail);
    var next = issue(onboarding);
    assertThat(next.created()).isTrue();
    assertThat(next.invitation().email()).isEqualTo(newEmail);
  }

  @Test
  @DisplayName("the e-mail in another case is the same mailbox: the pending link lives on")
  void sameAddressInAnotherCase() {
    var issued = issue(ONBOARDING.incrementAndGet());
    var change =
        contacts.changeEmail(
            client.id(), client.email().toUpperCase(), fixtures.actor(Api.MANAGER));
    assertThat(change.invitationRequired()).isFalse();
    assertThat(invitations.get(issued.invitation().id()).status().live()).isTrue();
  }

  @Test
  @DisplayName(
      "PATCH /api/contacts with a new e-mail answers invitationRequired and the dead invitation")
  void emailChangeThroughTheApi() throws Exception {
    var issued = issue(ONBOARDING.incrementAndGet());
    // an identity change: the manager of the contact's dossiers (issue 19), not any staff member
    Api.as(mvc, json, Api.MANAGER)
        .patch("/api/contacts/" + client.id(), java.util.Map.of("email", TestData.email("api")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.invitationRequired").value(true))
        .andExpect(jsonPath("$.killedInvitationIds[0]").value(issued.invitation().id()));
  }

  @Test
  @DisplayName(
      "pending activations: never-sent first by sent date, with dossiers and who invited; filters work")
  void pendingActivations() throws Exception {
    var issued = issue(ONBOARDING.incrementAndGet());
    fixtures.link(dossier.id(), client.id(), true, io.passerelle.contact.AccessLevel.READ_WRITE);
    var other = fixtures.contact(SubscriberType.FAMILY_MEMBER);
    var otherAccount = accounts.findOrCreate(other.id(), other.email(), Fixtures.SYSTEM);
    var sent =
        invitations.issue(
            new IssueInvitation(otherAccount.id(), dossier.id(), null, null, null, null, null),
            fixtures.actor(Api.MANAGER));
    invitations.markSent(sent.invitation().id(), Fixtures.SYSTEM);
    var api = Api.as(mvc, json, Api.STAFF);

    api.get("/api/invitations/pending?neverSent=true&size=100")
        .andExpect(status().isOk())
        .andExpect(
            jsonPath("$.content[*].invitationId").value(hasItem((int) issued.invitation().id())))
        .andExpect(
            jsonPath("$.content[*].invitationId")
                .value(not(hasItem((int) sent.invitation().id()))));
    var page = api.read(api.get("/api/invitations/pending?size=100&sort=sentAt,asc"));
    var rows = page.get("content");
    assertThat(rows.get(0).get("sentAt").isNull()).isTrue();
    for (var row : rows) {
      if (row.get("invitationId").asLong() == issued.invitation().id()) {
        assertThat(row.at("/dossiers/0/id").asLong()).isEqualTo(dossier.id());
        assertThat(row.at("/invitedBy/kind").asText()).isEqualTo("STAFF");
        assertThat(row.at("/invitedBy/name").asText()).isEqualTo("Claire Martin");
      }
    }
    api.get("/api/invitations?neverSent=true&size=100")
        .andExpect(jsonPath("$.content[*].status").value(not(hasItem("SENT"))));
    api.get("/api/invitations/pending?sort=nope")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.code").value("INVALID_SORT"));
    invitations.markBounced(sent.invitation().id(), Fixtures.SYSTEM);
    api.get("/api/invitations?emailInvalid=true&size=100")
        .andExpect(jsonPath("$.content[*].id").value(hasItem((int) sent.invitation().id())));
  }
}
