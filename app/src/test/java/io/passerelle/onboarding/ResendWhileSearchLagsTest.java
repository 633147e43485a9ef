package io.passerelle.onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.passerelle.account.InvitationService;
import io.passerelle.account.InvitationStatus;
import io.passerelle.account.InvitationView;
import io.passerelle.activity.ActivityService;
import io.passerelle.collaboration.CollaborationService;
import io.passerelle.contact.AccessLevel;
import io.passerelle.domain.Actor;
import io.passerelle.domain.DomainException;
import io.passerelle.dossier.DossierService;
import io.passerelle.engine.InstanceNotIndexedException;
import io.passerelle.engine.ProcessEngine;
import io.passerelle.microsoft.Identity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 20, item 3: a resend right after the invitation expired, while the cluster's search does
 * not show the follow-up task that the expiry opened yet. The database knows the journey waits on
 * that task: the answer is "try again in a moment" (503 ENGINE_INDEXING), never 409
 * INVITATION_NOT_PENDING; once the expiry is old, or with the embedded engine (whose projection
 * shows the task at once), no task means there is nothing to resend.
 */
class ResendWhileSearchLagsTest {

  private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
  private static final long ONBOARDING = 7;
  private static final long INVITATION_INSTANCE = 2251799813685400L;

  private final OnboardingRepository onboardings = mock(OnboardingRepository.class);
  private final InvitationService invitations = mock(InvitationService.class);
  private final ProcessEngine engine = mock(ProcessEngine.class);
  private final JourneyCommands commands =
      new JourneyCommands(
          onboardings,
          mock(DossierService.class),
          mock(CollaborationService.class),
          invitations,
          mock(ActivityService.class),
          mock(JourneyMessages.class),
          engine,
          Clock.fixed(NOW, ZoneOffset.UTC));
  private final Actor actor = Actor.system("test");

  @BeforeEach
  void runningJourney() {
    var onboarding =
        new Onboarding(
            1L,
            2L,
            null,
            null,
            AccessLevel.READ_ONLY,
            false,
            "START",
            Identity.PASSERELLE,
            null,
            true,
            3L,
            null,
            null,
            NOW.minus(Duration.ofDays(30)));
    onboarding.started(100L, NOW.minus(Duration.ofDays(30)));
    onboarding.invitationProcess(INVITATION_INSTANCE);
    when(onboardings.findById(ONBOARDING)).thenReturn(Optional.of(onboarding));
    // the search shows no open task of the invitation's instance
    when(engine.openUserTasks(INVITATION_INSTANCE)).thenReturn(List.of());
  }

  @Test
  @DisplayName("a cluster, the link expired 10 s ago: 'being indexed, try again', not 409")
  void expiredMomentsAgoOnACluster() {
    when(engine.searchLags()).thenReturn(true);
    expired(NOW.minusSeconds(10));

    assertThatThrownBy(() -> commands.resend(ONBOARDING, actor))
        .isInstanceOf(InstanceNotIndexedException.class);
  }

  @Test
  @DisplayName("a cluster, the link expired an hour ago and no task: nothing to resend (409)")
  void expiredLongAgo() {
    when(engine.searchLags()).thenReturn(true);
    expired(NOW.minus(Duration.ofHours(1)));

    assertThatThrownBy(() -> commands.resend(ONBOARDING, actor))
        .isInstanceOfSatisfying(
            DomainException.class,
            e -> assertThat(e.code()).isEqualTo(OnboardingErrors.INVITATION_NOT_PENDING.code()));
  }

  @Test
  @DisplayName("the embedded engine (no lag), expired 10 s ago and no task: 409")
  void embeddedDoesNotLag() {
    when(engine.searchLags()).thenReturn(false);
    expired(NOW.minusSeconds(10));

    assertThatThrownBy(() -> commands.resend(ONBOARDING, actor))
        .isInstanceOfSatisfying(
            DomainException.class,
            e -> assertThat(e.code()).isEqualTo(OnboardingErrors.INVITATION_NOT_PENDING.code()));
  }

  private void expired(Instant at) {
    var invitation =
        new InvitationView(
            11,
            21,
            1L,
            31L,
            ONBOARDING,
            "lea.morel@example.fr",
            InvitationStatus.EXPIRED,
            "EXPIRED",
            new InvitationView.InvitedBy("STAFF", 3L, null),
            null,
            2,
            at.minus(Duration.ofDays(7)),
            false,
            at.minus(Duration.ofDays(30)),
            at.minus(Duration.ofDays(30)),
            at,
            null,
            null,
            at,
            null);
    when(invitations.forOnboarding(ONBOARDING)).thenReturn(List.of(invitation));
  }
}
