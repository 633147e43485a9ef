package io.passerelle.onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.passerelle.account.InvitationService;
import io.passerelle.account.InvitationStatus;
import io.passerelle.activity.ActivityFilter;
import io.passerelle.activity.ActivityService;
import io.passerelle.contact.AccessLevel;
import io.passerelle.contact.ContactService;
import io.passerelle.contact.DossierLinkService;
import io.passerelle.contact.NewContact;
import io.passerelle.contact.SubscriberType;
import io.passerelle.dossier.DossierService;
import io.passerelle.dossier.DossierView;
import io.passerelle.mail.DevMailServer;
import io.passerelle.notification.NotificationService;
import io.passerelle.staff.StaffService;
import io.passerelle.support.Api;
import io.passerelle.support.Fixtures;
import io.passerelle.support.Mailbox;
import io.passerelle.support.PasserelleSpringTest;
import io.passerelle.support.TestData;
import io.passerelle.workers.invitation.InvitationSteps;
import io.passerelle.workers.onboarding.OnboardingSteps;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * At-least-once delivery: every step of the journey run a second time — as the engine does when a
 * job's completion is lost — creates no second row, sends no second mail and counts no second
 * reminder.
 */
@PasserelleSpringTest
class RedeliveredStepsTest {

  private static final Duration PATIENCE = Duration.ofSeconds(30);

  @Autowired OnboardingSteps onboardingSteps;
  @Autowired InvitationSteps invitationSteps;
  @Autowired OnboardingService onboardings;
  @Autowired InvitationService invitations;
  @Autowired ActivityService activity;
  @Autowired NotificationService notifications;
  @Autowired StaffService staff;
  @Autowired DossierService dossiers;
  @Autowired ContactService contacts;
  @Autowired DossierLinkService links;
  @Autowired DevMailServer mailServer;
  @Autowired JdbcClient jdbc;

  @Test
  @DisplayName("every step run twice: one contact, link, service, invitation, mail and reminder")
  void everyStepTwice() {
    var fixtures = new Fixtures(staff, dossiers, contacts, links);
    var mailbox = new Mailbox(mailServer);
    DossierView dossier = fixtures.dossier(Api.MANAGER);
    String email = TestData.email("deux-fois");
    OnboardingView started =
        onboardings.propose(
            new ProposeCollaborativeService(
                dossier.id(),
                null,
                new NewContact(
                    "Dora",
                    "Deuxfois",
                    null,
                    null,
                    SubscriberType.CLIENT,
                    null,
                    email,
                    null,
                    "DIRIGEANT",
                    false,
                    null),
                null,
                AccessLevel.READ_ONLY,
                false,
                "START",
                null,
                true),
            fixtures.actor(Api.MANAGER));
    long id = started.id();
    mailbox.await(email, 1);
    await()
        .atMost(PATIENCE)
        .until(() -> invitations.forOnboarding(id).getFirst().status() == InvitationStatus.SENT);
    OnboardingView first = onboardings.get(id);
    long invitationId = invitations.forOnboarding(id).getFirst().id();
    long requestKey =
        jdbc.sql("select issue_request_key from invitation where id = ?")
            .param(invitationId)
            .query(Long.class)
            .single();
    long activityBefore = activityCount(dossier.id());

    // the onboarding's steps again
    onboardingSteps.activateOffer(id, first.processInstanceKey());
    var contact = onboardingSteps.createContact(id);
    onboardingSteps.linkDossierToContact(id);
    var proposal = onboardingSteps.proposeService(id);
    assertThat(contact.contactId()).isEqualTo(first.contactId());
    assertThat(proposal.serviceId()).isEqualTo(first.serviceId());
    assertThat(proposal.accountId()).isEqualTo(first.accountId());
    assertThat(links.forDossier(dossier.id(), true)).hasSize(1);

    // the invitation's steps again, with the same job (element instance) key
    var issued =
        invitationSteps.issueInvitation(
            new InvitationSteps.IssueRequest(id, requestKey, first.invitationProcessKey(), "P45D"));
    assertThat(issued.invitationId()).isEqualTo(invitationId);
    invitationSteps.sendInvitationMail(invitationId);
    invitationSteps.sendReminder(invitationId, 1);
    invitationSteps.sendReminder(invitationId, 1);

    assertThat(invitations.forOnboarding(id)).hasSize(1);
    assertThat(invitations.get(invitationId).remindersSent()).isEqualTo(1);
    assertThat(mailbox.await(email, 2)).hasSize(2); // the invitation and one first reminder
    assertThat(activityCount(dossier.id()) - activityBefore)
        .as("only the reminder is new in the feed")
        .isEqualTo(1);

    // the end of the journey twice
    invitations.accept(
        Mailbox.activationToken(mailbox.to(email).getFirst()), "Deux fois bien 2026");
    await()
        .atMost(PATIENCE)
        .until(() -> onboardings.get(id).status() == OnboardingStatus.ONBOARDED);
    long unread = notifications.unreadCount(fixtures.staffId(Api.STAFF));
    int mailsToClaire = mailbox.to("claire.martin@cabinet.example").size();
    onboardingSteps.enableOfferWidget(id);
    onboardingSteps.notifyAssignedStaff(id);
    invitationSteps.recordActivation(invitationId);
    assertThat(notifications.unreadCount(fixtures.staffId(Api.STAFF))).isEqualTo(unread);
    assertThat(mailbox.to("claire.martin@cabinet.example")).hasSize(mailsToClaire);
    assertThat(mailbox.to(email)).hasSize(2);
  }

  private long activityCount(long dossierId) {
    return activity
        .list(new ActivityFilter(dossierId, null, null, null, null), PageRequest.of(0, 1))
        .getTotalElements();
  }
}
