package io.passerelle.onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.passerelle.account.InvitationService;
import io.passerelle.account.InvitationStatus;
import io.passerelle.account.InvitationView;
import io.passerelle.contact.ContactService;
import io.passerelle.contact.ContactView;
import io.passerelle.contact.DossierLinkService;
import io.passerelle.contact.SubscriberType;
import io.passerelle.dossier.DossierService;
import io.passerelle.dossier.DossierView;
import io.passerelle.engine.InstanceState;
import io.passerelle.engine.ProcessEngine;
import io.passerelle.mail.DevMailServer;
import io.passerelle.processes.ProcessNames.Processes;
import io.passerelle.staff.StaffService;
import io.passerelle.support.Api;
import io.passerelle.support.Fixtures;
import io.passerelle.support.Mailbox;
import io.passerelle.support.PasserelleSpringTest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The fault suite's "contacts that got two different invitations" (README, "Fault suite"): the
 * engine took an onboarding's start but the commit of its key was lost (kill -9, PostgreSQL
 * restarted, the start's answer timed out), so the row stayed STARTING and the sweeper started a
 * second instance. Before the fix both instances ran the journey and each issued its invitation
 * (the second superseding the first, whose reminders were then never sent). Reproduced here on the
 * real engine, PostgreSQL and GreenMail: the lost commit is the starter's own sequence (lock the
 * row, start, roll back); the second start is the real sweeper's.
 */
@PasserelleSpringTest
class SecondStartTest {

  private static final Duration PATIENCE = Duration.ofSeconds(60);

  @Autowired OnboardingStarter starter;
  @Autowired OnboardingRepository onboardings;
  @Autowired ProcessEngine engine;
  @Autowired InvitationService invitations;
  @Autowired StaffService staff;
  @Autowired DossierService dossiers;
  @Autowired ContactService contacts;
  @Autowired DossierLinkService links;
  @Autowired DevMailServer mailServer;
  @Autowired JdbcClient jdbc;
  @Autowired PlatformTransactionManager transactions;

  @Test
  @DisplayName(
      "start lost, the sweeper's start committed first: the lost instance is cancelled at its"
          + " first step, and so is a copy started later; one invitation, one mail")
  void sweeperCommitsFirst() {
    ContactView contact = newContact();
    long id = storedStarting(contact);
    // both starts while the row is locked, as the starter holds it: the lost one (its key never
    // recorded) and the sweeper's (recorded, committed); the lost instance's first step waits for
    // the lock and then finds the onboarding taken
    long lost =
        new TransactionTemplate(transactions)
            .execute(
                status -> {
                  Onboarding row = onboardings.lockById(id).orElseThrow();
                  long first = engine.startInstance(Processes.CLIENT_ONBOARDING, variables(row));
                  long second = engine.startInstance(Processes.CLIENT_ONBOARDING, variables(row));
                  row.started(second, Instant.now());
                  onboardings.saveAndFlush(row);
                  return first;
                });
    assertOneJourney(id, contact, lost);
    assertThat(instanceOf(id)).isNotEqualTo(lost);

    // a copy started later (a third start) finds the onboarding taken too
    long kept = instanceOf(id);
    long late =
        engine.startInstance(
            Processes.CLIENT_ONBOARDING, variables(onboardings.findById(id).orElseThrow()));
    await().atMost(PATIENCE).until(() -> status(late) == InstanceState.Status.TERMINATED);
    assertThat(instanceOf(id)).isEqualTo(kept);
    assertThat(invitations.forOnboarding(id)).hasSize(1);
    assertThat(new Mailbox(mailServer).to(contact.email())).hasSize(1);
  }

  @Test
  @DisplayName(
      "start lost, its first step ran before the sweeper: it records its instance, the sweeper"
          + " starts nothing; one invitation, one mail")
  void firstStepBeforeSweeper() {
    ContactView contact = newContact();
    long id = storedStarting(contact);
    long lost = lostStart(id);
    await().atMost(PATIENCE).until(() -> Objects.equals(instanceOf(id), lost));
    assertThat(onboardings.findById(id).orElseThrow().getStatus())
        .isEqualTo(OnboardingStatus.IN_PROGRESS);

    oldEnoughForTheSweeper(id);
    starter.sweepNow();
    assertOneJourney(id, contact, lost);
    assertThat(instanceOf(id)).isEqualTo(lost);
  }

  @Test
  @DisplayName(
      "start lost, then the sweeper and the lost instance's first step race for the row: one"
          + " journey, one invitation, one mail, whichever wins")
  void sweeperAndFirstStepRace() {
    ContactView contact = newContact();
    long id = storedStarting(contact);
    long lost = lostStart(id);
    oldEnoughForTheSweeper(id);
    starter.sweepNow();
    assertOneJourney(id, contact, lost);
  }

  /** The starter's sequence with its commit lost: the row locked, the start taken, rolled back. */
  private long lostStart(long id) {
    return new TransactionTemplate(transactions)
        .execute(
            status -> {
              Onboarding row = onboardings.lockById(id).orElseThrow();
              long key = engine.startInstance(Processes.CLIENT_ONBOARDING, variables(row));
              status.setRollbackOnly();
              return key;
            });
  }

  private Long instanceOf(long id) {
    return onboardings.findById(id).orElseThrow().view().processInstanceKey();
  }

  private void assertOneJourney(long id, ContactView contact, long lost) {
    var mailbox = new Mailbox(mailServer);
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                invitations.forOnboarding(id).stream()
                    .anyMatch(i -> i.status() == InvitationStatus.SENT));
    long kept = instanceOf(id);
    if (kept != lost) {
      await().atMost(PATIENCE).until(() -> status(lost) == InstanceState.Status.TERMINATED);
    }
    assertThat(status(kept)).isEqualTo(InstanceState.Status.ACTIVE);
    // time for a second journey to issue its invitation, had there been one
    sleep(Duration.ofSeconds(3));
    List<InvitationView> issued = invitations.forOnboarding(id);
    assertThat(issued).as("invitations of onboarding %d", id).hasSize(1);
    assertThat(issued.getFirst().status()).isEqualTo(InvitationStatus.SENT);
    assertThat(mailbox.to(contact.email())).as("mails to the contact").hasSize(1);
    assertThat(onboardings.findById(id).orElseThrow().getInvitationProcessKey())
        .isNotNull()
        .satisfies(key -> assertThat(status(key)).isEqualTo(InstanceState.Status.ACTIVE));
  }

  private InstanceState.Status status(long key) {
    return engine.instanceState(key).status();
  }

  private static java.util.Map<String, Object> variables(Onboarding row) {
    return OnboardingStarter.variables(row);
  }

  private ContactView newContact() {
    return new Fixtures(staff, dossiers, contacts, links).contact(SubscriberType.CLIENT);
  }

  /**
   * An onboarding row as a bulk item stores it (send now), too young for the scheduled sweeper
   * ({@link #oldEnoughForTheSweeper} makes it old).
   */
  private long storedStarting(ContactView contact) {
    var fixtures = new Fixtures(staff, dossiers, contacts, links);
    DossierView dossier = fixtures.dossier(Api.MANAGER);
    return jdbc.sql(
            """
            insert into onboarding (dossier_id, contact_id, access_level, holder, offer_code,
                                    send_now, proposed_by_staff_id, status, created_at)
            values (?, ?, 'READ_ONLY', false, 'START', true, ?, 'STARTING', ?)
            returning id""")
        .params(
            dossier.id(),
            contact.id(),
            fixtures.staffId(Api.MANAGER),
            Timestamp.from(Instant.now()))
        .query(Long.class)
        .single();
  }

  private void oldEnoughForTheSweeper(long id) {
    jdbc.sql("update onboarding set created_at = ? where id = ?")
        .params(
            Timestamp.from(Instant.now().minus(OnboardingStarter.SWEEP_AFTER.multipliedBy(6))), id)
        .update();
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
