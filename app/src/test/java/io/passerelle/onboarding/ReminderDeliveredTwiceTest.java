package io.passerelle.onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.passerelle.account.InvitationService;
import io.passerelle.account.InvitationStatus;
import io.passerelle.contact.AccessLevel;
import io.passerelle.contact.ContactService;
import io.passerelle.contact.DossierLinkService;
import io.passerelle.contact.NewContact;
import io.passerelle.contact.SubscriberType;
import io.passerelle.dossier.DossierService;
import io.passerelle.dossier.DossierView;
import io.passerelle.mail.DevMailServer;
import io.passerelle.staff.StaffService;
import io.passerelle.support.Api;
import io.passerelle.support.Fixtures;
import io.passerelle.support.Mailbox;
import io.passerelle.support.PasserelleSpringTest;
import io.passerelle.support.TestData;
import io.passerelle.workers.invitation.InvitationSteps;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The fault suite's "job delivered twice" on the reminder path: the engine gives the {@code
 * send-reminder} job to a worker again while the first delivery still sends (its time-out passed).
 * The deliveries run at the same moment here, on the real engine's invitation, PostgreSQL and
 * GreenMail: the send log's row of (invitation, reminder number) serialises them, one mail goes out
 * and one reminder is counted.
 */
@PasserelleSpringTest
class ReminderDeliveredTwiceTest {

  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private static final int DELIVERIES = 6;

  @Autowired InvitationSteps invitationSteps;
  @Autowired OnboardingService onboardings;
  @Autowired InvitationService invitations;
  @Autowired StaffService staff;
  @Autowired DossierService dossiers;
  @Autowired ContactService contacts;
  @Autowired DossierLinkService links;
  @Autowired DevMailServer mailServer;

  @Test
  @DisplayName(
      "the first reminder's job delivered six times at once: one reminder mail, counted once")
  void concurrentDeliveries() throws Exception {
    var fixtures = new Fixtures(staff, dossiers, contacts, links);
    var mailbox = new Mailbox(mailServer);
    DossierView dossier = fixtures.dossier(Api.MANAGER);
    String email = TestData.email("rappel-double");
    long id =
        onboardings
            .propose(
                new ProposeCollaborativeService(
                    dossier.id(),
                    null,
                    new NewContact(
                        "Rémi",
                        "Rappel",
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
                fixtures.actor(Api.MANAGER))
            .id();
    mailbox.await(email, 1);
    await()
        .atMost(PATIENCE)
        .until(() -> invitations.forOnboarding(id).getFirst().status() == InvitationStatus.SENT);
    long invitationId = invitations.forOnboarding(id).getFirst().id();

    try (var pool = Executors.newFixedThreadPool(DELIVERIES)) {
      var start = new CyclicBarrier(DELIVERIES);
      List<Future<?>> deliveries = new ArrayList<>();
      for (int i = 0; i < DELIVERIES; i++) {
        deliveries.add(
            pool.submit(
                () -> {
                  start.await(10, TimeUnit.SECONDS);
                  invitationSteps.sendReminder(invitationId, 1);
                  return null;
                }));
      }
      for (var delivery : deliveries) {
        delivery.get(60, TimeUnit.SECONDS);
      }
    }

    assertThat(mailbox.await(email, 2)).as("the invitation and one first reminder").hasSize(2);
    Thread.sleep(1_000); // a late copy would arrive now
    assertThat(mailbox.to(email)).hasSize(2);
    assertThat(mailbox.to(email).stream().map(m -> messageId(m)).distinct()).hasSize(2);
    assertThat(invitations.get(invitationId).remindersSent()).isEqualTo(1);
  }

  private static String messageId(jakarta.mail.internet.MimeMessage message) {
    try {
      return message.getMessageID();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }
}
