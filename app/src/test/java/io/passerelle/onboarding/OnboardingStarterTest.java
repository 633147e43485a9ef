package io.passerelle.onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.passerelle.contact.ContactService;
import io.passerelle.contact.ContactView;
import io.passerelle.contact.DossierLinkService;
import io.passerelle.contact.SubscriberType;
import io.passerelle.dossier.DossierService;
import io.passerelle.dossier.DossierView;
import io.passerelle.staff.StaffService;
import io.passerelle.support.Api;
import io.passerelle.support.Fixtures;
import io.passerelle.support.PasserelleSpringTest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The start of an onboarding's process after its row's commit, and the sweeper that starts what
 * stayed STARTING: each onboarding is started once, and the sweeper does not take what the start
 * threads still have in hand.
 */
@PasserelleSpringTest
class OnboardingStarterTest {

  private static final Duration PATIENCE = Duration.ofSeconds(30);

  @Autowired OnboardingStarter starter;
  @Autowired StaffService staff;
  @Autowired DossierService dossiers;
  @Autowired ContactService contacts;
  @Autowired DossierLinkService links;
  @Autowired JdbcClient jdbc;
  @Autowired PlatformTransactionManager transactions;
  @Autowired MeterRegistry meters;

  @Test
  @DisplayName("an onboarding left STARTING (its start lost) is started by the sweeper, once")
  void sweeperStartsWhatWasLeft() {
    long id = storedStarting();

    starter.sweepNow();
    Long key = processKey(id);
    assertThat(key).as("started by the sweeper").isNotNull();
    assertThat(status(id)).isNotEqualTo("STARTING");

    starter.sweepNow();
    assertThat(processKey(id)).as("not started a second time").isEqualTo(key);
  }

  @Test
  @DisplayName(
      "the sweeper goes on past a row it cannot start (its lock held elsewhere) and starts the"
          + " next; the failing row is started by a later sweep")
  void sweeperGoesPastAFailingRow() throws Exception {
    long stuck = storedStarting();
    long next = storedStarting();
    CountDownLatch locked = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    try (ExecutorService threads = Executors.newFixedThreadPool(2)) {
      CompletableFuture<Void> locker =
          CompletableFuture.runAsync(
              () ->
                  new TransactionTemplate(transactions)
                      .executeWithoutResult(
                          status -> {
                            jdbc.sql("select id from onboarding where id = ? for update")
                                .param(stuck)
                                .query(Long.class)
                                .single();
                            locked.countDown();
                            awaitRelease(release);
                          }),
              threads);
      assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();
      try {
        // the sweep does not wait behind the held row (before: it waited, or stopped there)
        CompletableFuture.runAsync(starter::sweepNow, threads).get(20, TimeUnit.SECONDS);
        assertThat(processKey(next)).as("the row after the failing one").isNotNull();
        assertThat(status(stuck)).isEqualTo("STARTING");
      } finally {
        release.countDown();
        locker.get(10, TimeUnit.SECONDS);
      }
    }
    starter.sweepNow();
    assertThat(processKey(stuck)).as("started by the next sweep").isNotNull();
  }

  @Test
  @DisplayName("the sweeper leaves alone what the start threads hold or have queued")
  void sweeperSkipsQueuedStarts() throws Exception {
    try (ExecutorService threads = Executors.newFixedThreadPool(2)) {
      sweeperSkipsQueuedStarts(threads);
    }
  }

  private void sweeperSkipsQueuedStarts(ExecutorService threads) throws Exception {
    List<Long> held = new ArrayList<>();
    for (int i = 0; i < OnboardingStarter.START_THREADS; i++) {
      held.add(storedStarting());
    }
    long waiting = storedStarting();

    // another transaction locks the first rows: every start thread waits on one of them
    CountDownLatch locked = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<Void> locker =
        CompletableFuture.runAsync(
            () ->
                new TransactionTemplate(transactions)
                    .executeWithoutResult(
                        status -> {
                          for (long id : held) {
                            jdbc.sql("select id from onboarding where id = ? for update")
                                .param(id)
                                .query(Long.class)
                                .single();
                          }
                          locked.countDown();
                          awaitRelease(release);
                        }),
            threads);
    assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();
    try {
      new TransactionTemplate(transactions)
          .executeWithoutResult(
              status -> {
                held.forEach(starter::startAfterCommit);
                starter.startAfterCommit(waiting);
              });
      await().atMost(PATIENCE).until(() -> queuedStarts() == held.size() + 1);

      // the sweeper neither waits for the held rows nor starts the queued one itself
      CompletableFuture.runAsync(starter::sweepNow, threads).get(10, TimeUnit.SECONDS);
      assertThat(status(waiting)).isEqualTo("STARTING");
      assertThat(processKey(waiting)).isNull();
    } finally {
      release.countDown();
      locker.get(10, TimeUnit.SECONDS);
    }

    // the start threads start them all once the lock is gone
    await().atMost(PATIENCE).until(() -> queuedStarts() == 0);
    for (long id : held) {
      assertThat(processKey(id)).isNotNull();
    }
    assertThat(processKey(waiting)).isNotNull();
  }

  /** An onboarding row as a request stores it, made long enough ago for the sweeper to take it. */
  private long storedStarting() {
    var fixtures = new Fixtures(staff, dossiers, contacts, links);
    DossierView dossier = fixtures.dossier(Api.MANAGER);
    ContactView contact = fixtures.contact(SubscriberType.CLIENT);
    return jdbc.sql(
            """
            insert into onboarding (dossier_id, contact_id, access_level, holder, offer_code,
                                    send_now, proposed_by_staff_id, status, created_at)
            values (?, ?, 'READ_ONLY', false, 'START', false, ?, 'STARTING', ?)
            returning id""")
        .params(
            dossier.id(),
            contact.id(),
            fixtures.staffId(Api.MANAGER),
            Timestamp.from(Instant.now().minus(OnboardingStarter.SWEEP_AFTER.multipliedBy(6))))
        .query(Long.class)
        .single();
  }

  /** The operators' gauge of the onboardings the start threads hold or have queued. */
  private double queuedStarts() {
    return meters.get(OnboardingStarter.QUEUED_STARTS_GAUGE).gauge().value();
  }

  private Long processKey(long id) {
    return jdbc.sql("select process_instance_key from onboarding where id = ?")
        .param(id)
        .query(Long.class)
        .optional()
        .orElse(null);
  }

  private String status(long id) {
    return jdbc.sql("select status from onboarding where id = ?")
        .param(id)
        .query(String.class)
        .single();
  }

  private static void awaitRelease(CountDownLatch latch) {
    try {
      latch.await(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
