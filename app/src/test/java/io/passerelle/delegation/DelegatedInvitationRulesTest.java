package io.passerelle.delegation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.passerelle.account.AccountService;
import io.passerelle.account.InvitationService;
import io.passerelle.account.IssueInvitation;
import io.passerelle.account.PendingActivation;
import io.passerelle.activity.ActivityFilter;
import io.passerelle.activity.ActivityService;
import io.passerelle.activity.ActivityType;
import io.passerelle.contact.AccessLevel;
import io.passerelle.contact.AdvisorType;
import io.passerelle.contact.ContactService;
import io.passerelle.contact.ContactView;
import io.passerelle.contact.DossierLinkService;
import io.passerelle.contact.Language;
import io.passerelle.contact.NewContact;
import io.passerelle.contact.SubscriberType;
import io.passerelle.domain.Actor;
import io.passerelle.domain.DomainException;
import io.passerelle.dossier.DossierService;
import io.passerelle.dossier.DossierView;
import io.passerelle.mail.DevMailServer;
import io.passerelle.notification.NotificationService;
import io.passerelle.notification.NotificationView;
import io.passerelle.onboarding.OnboardingService;
import io.passerelle.staff.StaffService;
import io.passerelle.support.Api;
import io.passerelle.support.Fixtures;
import io.passerelle.support.Mailbox;
import io.passerelle.support.PasserelleSpringTest;
import io.passerelle.support.TestData;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Seeds 003 and 004, each delegation rule allowed and refused: only the dossier's manager registers
 * and invites advisors, with their type; co-holders invite family members, never advisors; an
 * active director invites employees (read-only by default), the pending list shows that client as
 * who invited, and the manager is notified.
 */
@PasserelleSpringTest
class DelegatedInvitationRulesTest {

  private static final Duration PATIENCE = Duration.ofSeconds(20);
  private static final String PASSWORD = "un mot de passe très long";

  @Autowired MockMvc mvc;
  @Autowired ObjectMapper json;
  @Autowired DelegatedInvitationService delegation;
  @Autowired StaffService staff;
  @Autowired DossierService dossiers;
  @Autowired ContactService contacts;
  @Autowired DossierLinkService links;
  @Autowired AccountService accounts;
  @Autowired InvitationService invitations;
  @Autowired OnboardingService onboardings;
  @Autowired NotificationService notifications;
  @Autowired ActivityService activity;
  @Autowired DevMailServer mailServer;

  Fixtures fixtures;
  DossierView dossier;

  @BeforeEach
  void dossier() {
    fixtures = new Fixtures(staff, dossiers, contacts, links);
    dossier = fixtures.dossier(Api.MANAGER);
  }

  /** A client of the dossier with an active account (a holder or not). */
  Actor.Client activeClient(SubscriberType type, boolean holder, AccessLevel level) {
    ContactView contact = fixtures.contact(type);
    fixtures.link(dossier.id(), contact.id(), holder, level);
    var account = accounts.findOrCreate(contact.id(), contact.email(), Fixtures.SYSTEM);
    var issued =
        invitations.issue(
            new IssueInvitation(
                account.id(), dossier.id(), null, null, fixtures.staffId(Api.MANAGER), null, null),
            Fixtures.SYSTEM);
    invitations.accept(invitations.token(issued.invitation().id()), PASSWORD);
    return new Actor.Client(account.id());
  }

  static NewContact person(SubscriberType type, String email) {
    return new NewContact(
        "Invité",
        TestData.unique("Nom"),
        null,
        null,
        type,
        type == SubscriberType.ADVISOR ? AdvisorType.BANKER : null,
        email,
        null,
        "CONJOINT",
        false,
        Language.fr);
  }

  static NewAdvisor advisor(AdvisorType type, String email) {
    return new NewAdvisor("Maître", TestData.unique("Notaire"), "Étude X", type, email, null, null);
  }

  @Nested
  @DisplayName("advisors: only the dossier's manager registers and invites them, with their type")
  class Advisors {

    @Test
    @DisplayName("the manager registers a notary: an ADVISOR contact of that type, read-only")
    void managerRegisters() {
      var registered =
          delegation.registerAdvisor(
              dossier.id(),
              advisor(AdvisorType.NOTARY, TestData.email("notaire")),
              null,
              false,
              null,
              null,
              true,
              fixtures.actor(Api.MANAGER));

      assertThat(registered.contact().subscriberType()).isEqualTo(SubscriberType.ADVISOR);
      assertThat(registered.contact().advisorType()).isEqualTo(AdvisorType.NOTARY);
      assertThat(registered.link().accessLevel()).isEqualTo(AccessLevel.READ_ONLY);
      assertThat(registered.link().holder()).isFalse();
      assertThat(registered.onboardingId()).isNull();
      assertThat(
              activity
                  .list(
                      new ActivityFilter(
                          dossier.id(),
                          registered.contact().id(),
                          ActivityType.ADVISOR_REGISTERED,
                          null,
                          null),
                      PageRequest.of(0, 5))
                  .getTotalElements())
          .isEqualTo(1);
    }

    @Test
    @DisplayName("the manager registers and invites a lawyer read-write: their onboarding starts")
    void managerInvites() {
      String email = TestData.email("avocat");
      var registered =
          delegation.registerAdvisor(
              dossier.id(),
              advisor(AdvisorType.LAWYER, email),
              AccessLevel.READ_WRITE,
              true,
              null,
              "Bonjour Maître",
              true,
              fixtures.actor(Api.MANAGER));

      var onboarding = onboardings.get(registered.onboardingId());
      assertThat(onboarding.contactId()).isEqualTo(registered.contact().id());
      assertThat(onboarding.holder()).isFalse();
      assertThat(onboarding.proposedBy().staffId()).isEqualTo(fixtures.staffId(Api.MANAGER));
      assertThat(new Mailbox(mailServer).await(email, 1)).hasSize(1);
    }

    @Test
    @DisplayName("the office administrator may register an advisor too")
    void administrator() {
      var registered =
          delegation.registerAdvisor(
              dossier.id(),
              advisor(AdvisorType.BANKER, TestData.email("banquier")),
              AccessLevel.READ_ONLY,
              false,
              null,
              null,
              true,
              fixtures.actor(Api.ADMIN));
      assertThat(registered.link().contactId()).isEqualTo(registered.contact().id());
    }

    @Test
    @DisplayName(
        "assigned staff and another manager are refused (403, naming the manager), over the API")
    void otherStaffRefused() throws Exception {
      Map<String, Object> body =
          Map.of(
              "lastName", "Conseil",
              "advisorType", "OTHER",
              "email", TestData.email("conseil"));
      for (String username : new String[] {Api.STAFF, Api.OTHER_MANAGER}) {
        Api.as(mvc, json, username)
            .post("/api/dossiers/" + dossier.id() + "/advisors", body)
            .andExpect(status().isForbidden())
            .andExpect(jsonPath("$.code").value("EXTERNAL_ACCESS_MANAGER_ONLY"))
            .andExpect(
                jsonPath("$.detail").value(org.hamcrest.Matchers.containsString(Api.MANAGER)));
      }
      Api.as(mvc, json, Api.MANAGER)
          .post("/api/dossiers/" + dossier.id() + "/advisors", body)
          .andExpect(status().isCreated())
          .andExpect(jsonPath("$.contact.advisorType").value("OTHER"));
    }

    @Test
    @DisplayName("without a type, or with a client's address, the advisor is refused")
    void typeRequiredAndNotAClient() {
      assertThatThrownBy(
              () ->
                  delegation.registerAdvisor(
                      dossier.id(),
                      advisor(null, TestData.email("sanstype")),
                      null,
                      false,
                      null,
                      null,
                      true,
                      fixtures.actor(Api.MANAGER)))
          .isInstanceOf(DomainException.class)
          .hasFieldOrPropertyWithValue("code", "ADVISOR_TYPE_REQUIRED");
      ContactView client = fixtures.contact(SubscriberType.CLIENT);
      assertThatThrownBy(
              () ->
                  delegation.registerAdvisor(
                      dossier.id(),
                      advisor(AdvisorType.NOTARY, client.email()),
                      null,
                      false,
                      null,
                      null,
                      true,
                      fixtures.actor(Api.MANAGER)))
          .hasFieldOrPropertyWithValue("code", "CONTACT_NOT_ADVISOR");
    }

    @Test
    @DisplayName("a co-holder may neither register nor invite an advisor")
    void holderRefused() {
      Actor.Client holder = activeClient(SubscriberType.CLIENT, true, AccessLevel.READ_WRITE);
      assertThatThrownBy(
              () ->
                  delegation.registerAdvisor(
                      dossier.id(),
                      advisor(AdvisorType.BANKER, TestData.email("b")),
                      null,
                      false,
                      null,
                      null,
                      true,
                      holder))
          .hasFieldOrPropertyWithValue("code", "ADVISOR_ACCESS_MANAGER_ONLY");
      assertThatThrownBy(
              () ->
                  delegation.inviteByClient(
                      dossier.id(),
                      person(SubscriberType.ADVISOR, TestData.email("b2")),
                      AccessLevel.READ_ONLY,
                      null,
                      holder))
          .hasFieldOrPropertyWithValue("code", "ADVISOR_ACCESS_MANAGER_ONLY");
    }
  }

  @Nested
  @DisplayName("co-holders invite family members")
  class FamilyMembers {

    @Test
    @DisplayName(
        "a co-holder invites a family member: read-only by default, invited by that client in the"
            + " pending list, the manager notified")
    void coHolderInvitesFamily() {
      activeClient(SubscriberType.CLIENT, true, AccessLevel.READ_WRITE);
      Actor.Client coHolder = activeClient(SubscriberType.CLIENT, true, AccessLevel.READ_WRITE);
      long managerUnread = notifications.unreadCount(fixtures.staffId(Api.MANAGER));

      var onboarding =
          delegation.inviteByClient(
              dossier.id(),
              person(SubscriberType.FAMILY_MEMBER, TestData.email("enfant")),
              null,
              "Viens voir",
              coHolder);

      assertThat(onboarding.accessLevel()).isEqualTo(AccessLevel.READ_ONLY);
      assertThat(onboarding.proposedBy().kind()).isEqualTo("CLIENT");
      assertThat(onboarding.proposedBy().accountId()).isEqualTo(coHolder.accountId());
      PendingActivation pending = awaitPending(onboarding.id());
      assertThat(pending.invitedBy().kind()).isEqualTo("CLIENT");
      assertThat(pending.invitedBy().id()).isEqualTo(coHolder.accountId());
      assertThat(pending.invitedBy().name()).startsWith("Prénom ");
      assertThat(notifications.unreadCount(fixtures.staffId(Api.MANAGER)))
          .isEqualTo(managerUnread + 1);
      NotificationView notice =
          notifications.inbox(fixtures.staffId(Api.MANAGER), true, PageRequest.of(0, 20)).stream()
              .filter(n -> "CLIENT_INVITED_SOMEONE".equals(n.type()))
              .filter(n -> Long.valueOf(dossier.id()).equals(n.dossierId()))
              .findFirst()
              .orElseThrow();
      assertThat(notice.contactId()).isEqualTo(onboarding.contactId());
    }

    @Test
    @DisplayName("a family member who is not a holder invites nobody")
    void nonHolderRefused() {
      Actor.Client member =
          activeClient(SubscriberType.FAMILY_MEMBER, false, AccessLevel.READ_WRITE);
      assertThatThrownBy(
              () ->
                  delegation.inviteByClient(
                      dossier.id(),
                      person(SubscriberType.FAMILY_MEMBER, TestData.email("cousin")),
                      null,
                      null,
                      member))
          .hasFieldOrPropertyWithValue("code", "HOLDER_ONLY");
    }
  }

  @Nested
  @DisplayName("an active director invites employees")
  class Employees {

    @Test
    @DisplayName(
        "the director invites an employee: read-only by default, the invitation leaves at once"
            + " naming them, the manager notified")
    void directorInvitesEmployee() {
      Actor.Client director = activeClient(SubscriberType.CLIENT, true, AccessLevel.READ_WRITE);
      String email = TestData.email("salarie");

      var onboarding =
          delegation.inviteByClient(
              dossier.id(), person(SubscriberType.EMPLOYEE, email), null, null, director);

      assertThat(onboarding.accessLevel()).isEqualTo(AccessLevel.READ_ONLY);
      assertThat(onboarding.sendNow()).isTrue();
      assertThat(new Mailbox(mailServer).await(email, 1)).hasSize(1);
      assertThat(awaitPending(onboarding.id()).invitedBy().kind()).isEqualTo("CLIENT");
      assertThat(contacts.get(onboarding.contactId()).subscriberType())
          .isEqualTo(SubscriberType.EMPLOYEE);
    }

    @Test
    @DisplayName("a director may give read-write when they have it, never more than they have")
    void atMostTheirOwnAccess() {
      Actor.Client director = activeClient(SubscriberType.CLIENT, true, AccessLevel.READ_WRITE);
      var granted =
          delegation.inviteByClient(
              dossier.id(),
              person(SubscriberType.EMPLOYEE, TestData.email("comptable")),
              AccessLevel.READ_WRITE,
              null,
              director);
      assertThat(granted.accessLevel()).isEqualTo(AccessLevel.READ_WRITE);

      Actor.Client readOnly = activeClient(SubscriberType.CLIENT, true, AccessLevel.READ_ONLY);
      assertThatThrownBy(
              () ->
                  delegation.inviteByClient(
                      dossier.id(),
                      person(SubscriberType.EMPLOYEE, TestData.email("stagiaire")),
                      AccessLevel.READ_WRITE,
                      null,
                      readOnly))
          .hasFieldOrPropertyWithValue("code", "ACCESS_ABOVE_INVITER");
    }

    @Test
    @DisplayName("a director whose account is not active yet invites nobody")
    void inactiveDirectorRefused() {
      ContactView contact = fixtures.contact(SubscriberType.CLIENT);
      fixtures.link(dossier.id(), contact.id(), true, AccessLevel.READ_WRITE);
      var account = accounts.findOrCreate(contact.id(), contact.email(), Fixtures.SYSTEM);
      assertThatThrownBy(
              () ->
                  delegation.inviteByClient(
                      dossier.id(),
                      person(SubscriberType.EMPLOYEE, TestData.email("x")),
                      null,
                      null,
                      new Actor.Client(account.id())))
          .hasFieldOrPropertyWithValue("code", "CLIENT_NOT_ACTIVE");
    }

    @Test
    @DisplayName("a client may not invite another client (a holder is made by the manager)")
    void noOtherClients() {
      Actor.Client director = activeClient(SubscriberType.CLIENT, true, AccessLevel.READ_WRITE);
      assertThatThrownBy(
              () ->
                  delegation.inviteByClient(
                      dossier.id(),
                      person(SubscriberType.CLIENT, TestData.email("associe")),
                      null,
                      null,
                      director))
          .hasFieldOrPropertyWithValue("code", "CLIENT_MAY_INVITE_FAMILY_OR_EMPLOYEES");
    }
  }

  @Nested
  @DisplayName("what an outside person may do follows from their access")
  class Permissions {

    @Test
    @DisplayName(
        "an advisor with read-write edits family and assets and uploads, never tools, reports or"
            + " invitations")
    void advisorReadWrite() {
      var registered =
          delegation.registerAdvisor(
              dossier.id(),
              advisor(AdvisorType.NOTARY, TestData.email("rw")),
              AccessLevel.READ_WRITE,
              false,
              null,
              null,
              true,
              fixtures.actor(Api.MANAGER));
      var can = delegation.permissions(dossier.id(), registered.contact().id());
      assertThat(can.consult()).isTrue();
      assertThat(can.uploadDocuments()).isTrue();
      assertThat(can.editFamilyAndAssets()).isTrue();
      assertThat(can.useToolsAndReports()).isFalse();
      assertThat(can.inviteFamilyMembers()).isFalse();
      assertThat(can.inviteEmployees()).isFalse();
      assertThat(can.inviteAdvisors()).isFalse();
    }

    @Test
    @DisplayName(
        "an active holder invites family and employees; read-only consults only; GED taken away or"
            + " access withdrawn, less or nothing")
    void holdersAndReadOnly() throws Exception {
      activeClient(SubscriberType.CLIENT, true, AccessLevel.READ_WRITE);
      ContactView holder =
          contacts
              .byEmail(
                  links.forDossier(dossier.id(), false).stream()
                      .filter(l -> l.holder())
                      .map(l -> contacts.get(l.contactId()).email())
                      .findFirst()
                      .orElseThrow())
              .orElseThrow();
      var holderCan = delegation.permissions(dossier.id(), holder.id());
      assertThat(holderCan.inviteFamilyMembers()).isTrue();
      assertThat(holderCan.inviteEmployees()).isTrue();
      assertThat(holderCan.useToolsAndReports()).isTrue();

      ContactView family = fixtures.contact(SubscriberType.FAMILY_MEMBER);
      var link = fixtures.link(dossier.id(), family.id(), false, AccessLevel.READ_ONLY);
      var familyCan = delegation.permissions(dossier.id(), family.id());
      assertThat(familyCan.consult()).isTrue();
      assertThat(familyCan.consultDocuments()).isTrue();
      assertThat(familyCan.uploadDocuments()).isFalse();
      assertThat(familyCan.editFamilyAndAssets()).isFalse();
      assertThat(familyCan.inviteFamilyMembers()).isFalse();

      links.revokeGed(dossier.id(), link.id(), fixtures.actor(Api.MANAGER));
      assertThat(delegation.permissions(dossier.id(), family.id()).consultDocuments()).isFalse();
      links.withdraw(dossier.id(), link.id(), fixtures.actor(Api.MANAGER));
      assertThat(delegation.permissions(dossier.id(), family.id()))
          .isEqualTo(ExternalPermissions.NONE);
      Api.as(mvc, json, Api.STAFF)
          .get("/api/dossiers/" + dossier.id() + "/contacts/" + holder.id() + "/permissions")
          .andExpect(jsonPath("$.inviteEmployees").value(true))
          .andExpect(jsonPath("$.inviteAdvisors").value(false));
    }
  }

  PendingActivation awaitPending(long onboardingId) {
    await().atMost(PATIENCE).until(() -> !invitations.forOnboarding(onboardingId).isEmpty());
    long invitationId = invitations.forOnboarding(onboardingId).getFirst().id();
    Optional<PendingActivation>[] found = new Optional[] {Optional.empty()};
    await()
        .atMost(PATIENCE)
        .until(
            () -> {
              found[0] =
                  invitations
                      .pendingActivations(
                          null, null, PageRequest.of(0, 100, Sort.by(Sort.Order.desc("createdAt"))))
                      .stream()
                      .filter(p -> Long.valueOf(invitationId).equals(p.invitationId()))
                      .findFirst();
              return found[0].isPresent();
            });
    return found[0].orElseThrow();
  }
}
