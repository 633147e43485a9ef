package io.passerelle.contact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.passerelle.account.AccountService;
import io.passerelle.account.InvitationService;
import io.passerelle.account.IssueInvitation;
import io.passerelle.domain.Actor;
import io.passerelle.domain.DomainException;
import io.passerelle.dossier.DossierService;
import io.passerelle.dossier.DossierView;
import io.passerelle.staff.StaffService;
import io.passerelle.support.Api;
import io.passerelle.support.Fixtures;
import io.passerelle.support.PasserelleSpringTest;
import io.passerelle.support.TestData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Seeds 003 and 004: what a client may do for their own dossier (the client pages come later). */
@PasserelleSpringTest
class ClientInvitationRulesTest {

  @Autowired StaffService staff;
  @Autowired DossierService dossiers;
  @Autowired ContactService contacts;
  @Autowired DossierLinkService links;
  @Autowired AccountService accounts;
  @Autowired InvitationService invitations;
  Fixtures fixtures;
  DossierView dossier;
  Actor.Client director;

  @BeforeEach
  void activeDirector() {
    fixtures = new Fixtures(staff, dossiers, contacts, links);
    dossier = fixtures.dossier(Api.MANAGER);
    var contact = fixtures.contact(SubscriberType.CLIENT);
    fixtures.link(dossier.id(), contact.id(), true, AccessLevel.READ_WRITE);
    director = activate(contact);
  }

  Actor.Client activate(ContactView contact) {
    var account = accounts.findOrCreate(contact.id(), contact.email(), Fixtures.SYSTEM);
    var issued =
        invitations.issue(
            new IssueInvitation(
                account.id(), dossier.id(), null, null, fixtures.staffId(Api.MANAGER), null, null),
            Fixtures.SYSTEM);
    invitations.accept(invitations.token(issued.invitation().id()), "un mot de passe très long");
    return new Actor.Client(account.id());
  }

  NewContact person(SubscriberType type) {
    return new NewContact(
        "Invité",
        TestData.unique("Nom"),
        null,
        null,
        type,
        type == SubscriberType.ADVISOR ? AdvisorType.LAWYER : null,
        TestData.email("invite"),
        null,
        "CONJOINT",
        false,
        Language.fr);
  }

  @Test
  @DisplayName(
      "a holder with an active account invites a family member; the invitation shows the client invited")
  void holderInvitesFamily() {
    var result =
        links.grantByClient(
            dossier.id(), person(SubscriberType.FAMILY_MEMBER), AccessLevel.READ_ONLY, director);
    assertThat(result.created()).isTrue();
    assertThat(result.link().holder()).isFalse();
    assertThat(result.notice()).isEqualTo(LinkResult.Notice.INVITATION_NEEDED);
    var account =
        accounts.findOrCreate(
            result.link().contactId(), contacts.get(result.link().contactId()).email(), director);
    var issued =
        invitations.issue(
            new IssueInvitation(account.id(), dossier.id(), null, null, null, "Rejoins-nous", null),
            director);
    assertThat(issued.invitation().invitedBy().kind()).isEqualTo("CLIENT");
    assertThat(issued.invitation().invitedBy().accountId()).isEqualTo(director.accountId());
  }

  @Test
  @DisplayName("an active director invites an employee to their own dossier")
  void directorInvitesEmployee() {
    var result =
        links.grantByClient(
            dossier.id(), person(SubscriberType.EMPLOYEE), AccessLevel.READ_WRITE, director);
    assertThat(result.link().accessLevel()).isEqualTo(AccessLevel.READ_WRITE);
  }

  @Test
  @DisplayName("a holder may not invite an advisor: 403 saying only the manager may")
  void holderCannotInviteAdvisor() {
    assertThatThrownBy(
            () ->
                links.grantByClient(
                    dossier.id(), person(SubscriberType.ADVISOR), AccessLevel.READ_ONLY, director))
        .isInstanceOf(DomainException.class)
        .hasFieldOrPropertyWithValue("code", "ADVISOR_ACCESS_MANAGER_ONLY")
        .hasMessageContaining("manager");
  }

  @Test
  @DisplayName("a client who is not a holder of the dossier may invite nobody to it")
  void nonHolderCannotInvite() {
    var family = fixtures.contact(SubscriberType.FAMILY_MEMBER);
    fixtures.link(dossier.id(), family.id(), false, AccessLevel.READ_ONLY);
    Actor.Client member = activate(family);
    assertThatThrownBy(
            () ->
                links.grantByClient(
                    dossier.id(),
                    person(SubscriberType.FAMILY_MEMBER),
                    AccessLevel.READ_ONLY,
                    member))
        .hasFieldOrPropertyWithValue("code", "HOLDER_ONLY");
  }

  @Test
  @DisplayName("a holder whose account is not active yet may invite nobody")
  void inactiveHolderCannotInvite() {
    var holder = fixtures.contact(SubscriberType.CLIENT);
    fixtures.link(dossier.id(), holder.id(), true, AccessLevel.READ_WRITE);
    var account = accounts.findOrCreate(holder.id(), holder.email(), Fixtures.SYSTEM);
    assertThatThrownBy(
            () ->
                links.grantByClient(
                    dossier.id(),
                    person(SubscriberType.EMPLOYEE),
                    AccessLevel.READ_ONLY,
                    new Actor.Client(account.id())))
        .hasFieldOrPropertyWithValue("code", "CLIENT_NOT_ACTIVE");
  }

  @Test
  @DisplayName("a client gives at most their own access level")
  void atMostOwnLevel() {
    var holder = fixtures.contact(SubscriberType.CLIENT);
    var other = fixtures.dossier(Api.MANAGER);
    fixtures.link(other.id(), holder.id(), true, AccessLevel.READ_ONLY);
    var account = accounts.findOrCreate(holder.id(), holder.email(), Fixtures.SYSTEM);
    var issued =
        invitations.issue(
            new IssueInvitation(
                account.id(), other.id(), null, null, fixtures.staffId(Api.MANAGER), null, null),
            Fixtures.SYSTEM);
    invitations.accept(invitations.token(issued.invitation().id()), "un mot de passe très long");
    assertThatThrownBy(
            () ->
                links.grantByClient(
                    other.id(),
                    person(SubscriberType.FAMILY_MEMBER),
                    AccessLevel.READ_WRITE,
                    new Actor.Client(account.id())))
        .hasFieldOrPropertyWithValue("code", "ACCESS_ABOVE_INVITER");
  }
}
