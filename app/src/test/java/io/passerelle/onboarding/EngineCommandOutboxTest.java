package io.passerelle.onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.passerelle.account.InvitationService;
import io.passerelle.account.InvitationStatus;
import io.passerelle.contact.ContactService;
import io.passerelle.contact.DossierLinkService;
import io.passerelle.dossier.DossierService;
import io.passerelle.dossier.DossierView;
import io.passerelle.engine.EngineCommandRelay;
import io.passerelle.engine.EngineCommands;
import io.passerelle.engine.InstanceState;
import io.passerelle.engine.ProcessEngine;
import io.passerelle.mail.DevMailServer;
import io.passerelle.processes.ProcessNames;
import io.passerelle.processes.ProcessNames.Elements;
import io.passerelle.processes.ProcessNames.Messages;
import io.passerelle.staff.StaffService;
import io.passerelle.support.Api;
import io.passerelle.support.EngineLink;
import io.passerelle.support.Fixtures;
import io.passerelle.support.IsolatedSpringTest;
import io.passerelle.support.Mailbox;
import io.passerelle.support.TestData;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issue 18, item 5: no command lost between the database and the engine. The application's link to
 * the engine is cut ({@link EngineLink}: every call of its client fails as with a gateway down)
 * while staff act; each change commits, its command waits in {@code engine_command}, and once the
 * link is back the sweeper relays it: delivered once, the journey moves on. The sweeper's schedule
 * is off during each test ({@link EngineCommandRelay#scheduleSweeps}): the tests run its sweeps
 * themselves, so that what one sweep does is seen. In the isolated context ({@link
 * IsolatedSpringTest}: its database of its own keeps the shared context's sweeper off these rows;
 * {@link EngineLink} is in it), switched at run time rather than by a property, which would cost a
 * context and an engine of its own.
 */
@IsolatedSpringTest
class EngineCommandOutboxTest {

  private static final Duration PATIENCE = Duration.ofSeconds(30);

  @Autowired MockMvc mvc;
  @Autowired ObjectMapper json;
  @Autowired EngineLink link;
  @Autowired EngineCommandRelay relay;
  @Autowired EngineCommands commands;
  @Autowired PlatformTransactionManager transactions;
  @Autowired ProcessEngine engine;
  @Autowired OnboardingService onboardings;
  @Autowired InvitationService invitations;
  @Autowired StaffService staff;
  @Autowired DossierService dossiers;
  @Autowired ContactService contacts;
  @Autowired DossierLinkService links;
  @Autowired DevMailServer mailServer;
  @Autowired JdbcClient jdbc;
  @Autowired MeterRegistry meters;

  Fixtures fixtures;
  Mailbox mailbox;
  Api claire;

  @BeforeEach
  void setUp() {
    relay.scheduleSweeps(false);
    fixtures = new Fixtures(staff, dossiers, contacts, links);
    mailbox = new Mailbox(mailServer);
    claire = Api.as(mvc, json, Api.MANAGER);
  }

  @AfterEach
  void restoreLinkAndSweeps() {
    link.restore();
    relay.scheduleSweeps(true);
  }

  @Test
  @DisplayName(
      "engine unreachable during send-now, resend, e-mail change and bounce: each change commits,"
          + " its command waits, and once the engine is back each is delivered once")
  void commandsWaitForTheEngine() throws Exception {
    long later = propose(TestData.email("outbox-later"), false);
    awaitWaiting(later, Elements.AWAIT_SEND_ORDER);
    String laterEmail = onboardingEmail(later);
    Invited resent = invited("outbox-resend");
    Invited changed = invited("outbox-change");
    Invited bounced = invited("outbox-bounce");
    long bouncedInvitation = invitations.forOnboarding(bounced.id()).getFirst().id();
    long resentInvitation = invitations.forOnboarding(resent.id()).getFirst().id();

    link.cut();
    claire.post("/api/onboardings/" + later + "/send-now", null).andExpect(status().isAccepted());
    claire
        .post("/api/onboardings/" + resent.id() + "/resend", null)
        .andExpect(status().isAccepted());
    String newAddress = TestData.email("outbox-new");
    claire
        .patch(
            "/api/contacts/" + onboardings.get(changed.id()).contactId(),
            Map.of("email", newAddress))
        .andExpect(status().isOk());
    claire
        .post("/api/invitations/" + bouncedInvitation + "/bounce", null)
        .andExpect(status().isAccepted());

    // the domain changes are there: the old address's link died, the order and resend recorded
    assertThat(invitations.forOnboarding(changed.id()).getFirst().status().live()).isFalse();
    String sendNow = messageId(Messages.SEND_INVITATION_NOW, later, "once");
    String resend =
        messageId(Messages.INVITATION_RESENT, resent.id(), "invitation-" + resentInvitation);
    String emailChanged =
        messageId(
            Messages.EMAIL_CHANGED,
            changed.id(),
            "invitation-" + invitations.forOnboarding(changed.id()).getFirst().id());
    String bounce =
        messageId(Messages.EMAIL_BOUNCED, bounced.id(), "invitation-" + bouncedInvitation);
    // each waits in the outbox: the relay after the commit found the engine unreachable
    for (String command : new String[] {sendNow, resend, emailChanged, bounce}) {
      assertThat(waiting(command)).as(command).isTrue();
    }
    await().atMost(PATIENCE).until(() -> attempts(sendNow) >= 1);
    assertThat(lastError(sendNow)).contains("does not answer");
    sweepUntilDue();
    assertThat(relay.relayDue()).as("nothing passes while the engine is unreachable").isZero();
    assertThat(waiting(sendNow)).isTrue();
    assertThat(mailbox.to(laterEmail)).isEmpty();
    JsonNode outbox = engineHealth().path("commandOutbox");
    assertThat(outbox.path("waiting").asLong()).isGreaterThanOrEqualTo(4);
    assertThat(outbox.path("oldestWaitingSince").asText()).isNotBlank();

    link.restore();
    sweepUntilDue();
    await()
        .atMost(PATIENCE)
        .until(
            () -> {
              relay.relayDue();
              return !waiting(sendNow)
                  && !waiting(resend)
                  && !waiting(emailChanged)
                  && !waiting(bounce);
            });

    // send-now: the kept invitation goes out, once
    mailbox.await(laterEmail, 1);
    awaitWaiting(later, Elements.AWAIT_ACTIVATION);
    // resend: one new link
    mailbox.await(resent.email(), 2);
    awaitWaiting(resent.id(), Elements.AWAIT_ACTIVATION);
    assertThat(invitations.get(resentInvitation).status()).isEqualTo(InvitationStatus.SUPERSEDED);
    // e-mail change: a new link to the new address
    mailbox.await(newAddress, 1);
    awaitWaiting(changed.id(), Elements.AWAIT_ACTIVATION);
    // bounce: the manager is asked to correct the address
    awaitWaiting(bounced.id(), Elements.USER_TASK_CORRECT_CONTACT_EMAIL);
    assertThat(invitations.get(bouncedInvitation).status()).isEqualTo(InvitationStatus.BOUNCED);

    Thread.sleep(1_000); // a second delivery would show by now
    assertThat(mailbox.to(laterEmail)).hasSize(1);
    assertThat(mailbox.to(resent.email())).hasSize(2);
    assertThat(mailbox.to(newAddress)).hasSize(1);
    assertThat(invitations.forOnboarding(later)).hasSize(1);
    assertThat(invitations.forOnboarding(resent.id())).hasSize(2);
    assertThat(invitations.forOnboarding(changed.id())).hasSize(2);
  }

  @Test
  @DisplayName(
      "a relay repeated after a crash (the engine took it, the row was not deleted) does nothing"
          + " twice: the engine knows the message id")
  void repeatedRelayAfterCrash() throws Exception {
    Invited invited = invited("outbox-crash");
    long first = invitations.forOnboarding(invited.id()).getFirst().id();
    String command = messageId(Messages.INVITATION_RESENT, invited.id(), "invitation-" + first);

    link.cut();
    claire
        .post("/api/onboardings/" + invited.id() + "/resend", null)
        .andExpect(status().isAccepted());
    await().atMost(PATIENCE).until(() -> attempts(command) >= 1);
    // the relay of the row reached the engine, and the application died before deleting it
    link.restore();
    Map<String, Object> row =
        jdbc.sql(
                "select payload->>'name' as name, payload->>'correlationKey' as key,"
                    + " (payload->>'timeToLiveMillis')::bigint as ttl from engine_command"
                    + " where dedup_key = ?")
            .param(command)
            .query()
            .singleRow();
    assertThat(
            engine.publishMessage(
                (String) row.get("name"),
                (String) row.get("key"),
                command,
                Duration.ofMillis(((Number) row.get("ttl")).longValue()),
                Map.of()))
        .as("the relay before the crash")
        .isTrue();
    mailbox.await(invited.email(), 2);

    // after the restart, the sweeper relays the row again
    double duplicates = counter("passerelle.engine.commands.duplicates");
    sweepUntilDue();
    await()
        .atMost(PATIENCE)
        .until(
            () -> {
              relay.relayDue();
              return !waiting(command);
            });
    assertThat(counter("passerelle.engine.commands.duplicates")).isEqualTo(duplicates + 1);
    awaitWaiting(invited.id(), Elements.AWAIT_ACTIVATION);
    Thread.sleep(1_000);
    assertThat(invitations.forOnboarding(invited.id())).hasSize(2);
    assertThat(mailbox.to(invited.email())).hasSize(2);
  }

  @Test
  @DisplayName(
      "the sweeper goes on past a row the engine refuses for good, which is marked with its error,"
          + " shown on the engine's health and never retried")
  void permanentFailureMarkedAndShown() throws Exception {
    long failedBefore = engineHealth().path("commandOutbox").path("failed").asLong();
    String correlationKey = "outbox-check-" + UUID.randomUUID();
    String messageId = "outbox-check-" + UUID.randomUUID();
    String failing = "complete-user-task-" + (Long.MAX_VALUE - 7);
    // rows committed just before a crash (their relay after the commit never ran): a task that
    // does not exist, which the engine refuses for good, then a message
    insertDue(
        "COMPLETE_USER_TASK",
        failing,
        Map.of("userTaskKey", Long.MAX_VALUE - 7, "variables", Map.of()));
    insertDue(
        "PUBLISH_MESSAGE",
        messageId,
        Map.of(
            "name",
            "Message_OutboxCheck",
            "correlationKey",
            correlationKey,
            "messageId",
            messageId,
            "timeToLiveMillis",
            60_000,
            "variables",
            Map.of()));

    int done = relay.relayDue();

    assertThat(done).as("the message after the failing row went in the same sweep").isEqualTo(1);
    assertThat(waiting(messageId)).isFalse();
    Map<String, Object> failed =
        jdbc.sql("select attempts, last_error, failed_at from engine_command where dedup_key = ?")
            .param(failing)
            .query()
            .singleRow();
    assertThat(failed.get("failed_at")).isNotNull();
    assertThat((String) failed.get("last_error")).contains("user task");
    assertThat(((Number) failed.get("attempts")).intValue()).isEqualTo(1);
    // the engine had the message: publishing its id again is refused as a repeat
    assertThat(
            engine.publishMessage(
                "Message_OutboxCheck", correlationKey, messageId, Duration.ofMinutes(1), Map.of()))
        .isFalse();

    JsonNode outbox = engineHealth().path("commandOutbox");
    assertThat(outbox.path("failed").asLong()).isEqualTo(failedBefore + 1);

    jdbc.sql("update engine_command set next_attempt_at = now() - interval '1 minute'").update();
    relay.relayDue();
    assertThat(
            jdbc.sql("select attempts from engine_command where dedup_key = ?")
                .param(failing)
                .query(Integer.class)
                .single())
        .as("never retried")
        .isEqualTo(1);
    jdbc.sql("delete from engine_command where dedup_key = ?").param(failing).update();
  }

  @Test
  @DisplayName(
      "a burst of 400 commands committed from 4 threads is relayed after each commit, none left"
          + " for the sweeper (off here); prints the writers' commit time and the drain time")
  void burstRelayedAfterCommit() throws Exception {
    int perThread = 100;
    String prefix = "outbox-burst-" + UUID.randomUUID() + "-";
    TransactionTemplate tx = new TransactionTemplate(transactions);
    // a sweep that reaches the engine: the relay knows it answers (an earlier test cut the link)
    tx.executeWithoutResult(
        status ->
            commands.publishMessage(
                "Message_OutboxBurst",
                prefix + "warm-up",
                prefix + "warm-up",
                Duration.ofMinutes(1),
                Map.of()));
    sweepUntilDue();
    await()
        .atMost(PATIENCE)
        .until(
            () -> {
              relay.relayDue();
              return waitingWithPrefix(prefix) == 0;
            });
    List<Long> commitNanos = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    long start = System.nanoTime();
    try (ExecutorService threads = Executors.newFixedThreadPool(4)) {
      List<Future<?>> writers = new java.util.ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int thread = t;
        writers.add(
            threads.submit(
                () -> {
                  for (int i = 0; i < perThread; i++) {
                    String id = prefix + thread + "-" + i;
                    long before = System.nanoTime();
                    tx.executeWithoutResult(
                        status ->
                            commands.publishMessage(
                                "Message_OutboxBurst", id, id, Duration.ofMinutes(1), Map.of()));
                    commitNanos.add(System.nanoTime() - before);
                  }
                }));
      }
      for (Future<?> writer : writers) {
        writer.get(2, TimeUnit.MINUTES);
      }
    }
    long written = System.nanoTime() - start;
    await()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> waitingWithPrefix(prefix) == 0);
    long drained = System.nanoTime() - start;
    List<Long> sorted = commitNanos.stream().sorted().toList();
    System.out.printf(
        "Outbox burst: %d commands, writer commit median %.2f ms, p95 %.2f ms; all written in"
            + " %d ms, all relayed in %d ms (%.0f commands/s)%n",
        sorted.size(),
        sorted.get(sorted.size() / 2) / 1e6,
        sorted.get(sorted.size() * 95 / 100) / 1e6,
        written / 1_000_000,
        drained / 1_000_000,
        sorted.size() / (drained / 1e9));
    assertThat(sorted).hasSize(4 * perThread);
    assertThat(
            engine.publishMessage(
                "Message_OutboxBurst",
                prefix + "3-99",
                prefix + "3-99",
                Duration.ofMinutes(1),
                Map.of()))
        .as("the last one reached the engine")
        .isFalse();
  }

  // ---- helpers ----

  private record Invited(long id, String email) {}

  private Invited invited(String tag) throws Exception {
    String email = TestData.email(tag);
    long id = propose(email, true);
    mailbox.await(email, 1);
    awaitWaiting(id, Elements.AWAIT_ACTIVATION);
    return new Invited(id, email);
  }

  private long propose(String email, boolean sendNow) throws Exception {
    DossierView dossier = fixtures.dossier(Api.MANAGER);
    Map<String, Object> contact = new LinkedHashMap<>();
    contact.put("firstName", "Olivia");
    contact.put("lastName", "Outbox");
    contact.put("subscriberType", "CLIENT");
    contact.put("email", email);
    contact.put("organisationalRoleCode", "DIRIGEANT");
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("dossierId", dossier.id());
    body.put("contact", contact);
    body.put("offerCode", "START");
    body.put("accessLevel", "READ_ONLY");
    body.put("sendNow", sendNow);
    return claire
        .read(claire.post("/api/onboardings", body).andExpect(status().isAccepted()))
        .get("id")
        .asLong();
  }

  private String onboardingEmail(long id) {
    return contacts.get(onboardings.get(id).contactId()).email();
  }

  private static String messageId(String message, long onboardingId, String requestId) {
    return ProcessNames.messageId(message, ProcessNames.onboardingKey(onboardingId), requestId);
  }

  private boolean waiting(String dedupKey) {
    return jdbc.sql("select count(*) from engine_command where dedup_key = ? and failed_at is null")
            .param(dedupKey)
            .query(Long.class)
            .single()
        > 0;
  }

  private int attempts(String dedupKey) {
    return jdbc.sql("select attempts from engine_command where dedup_key = ?")
        .param(dedupKey)
        .query(Integer.class)
        .optional()
        .orElse(0);
  }

  private String lastError(String dedupKey) {
    return jdbc.sql("select last_error from engine_command where dedup_key = ?")
        .param(dedupKey)
        .query(String.class)
        .single();
  }

  /** Makes every waiting row due now (the backoff's wait passed). */
  private void sweepUntilDue() {
    jdbc.sql(
            "update engine_command set next_attempt_at = now() - interval '1 second'"
                + " where failed_at is null")
        .update();
  }

  private void insertDue(String kind, String dedupKey, Map<String, Object> payload)
      throws Exception {
    jdbc.sql(
            "insert into engine_command (kind, dedup_key, payload, next_attempt_at)"
                + " values (?, ?, cast(? as jsonb), now() - interval '1 minute')")
        .params(kind, dedupKey, json.writeValueAsString(payload))
        .update();
  }

  private long waitingWithPrefix(String prefix) {
    return jdbc.sql("select count(*) from engine_command where dedup_key like ?")
        .param(prefix + "%")
        .query(Long.class)
        .single();
  }

  private double counter(String name) {
    return meters.get(name).counter().count();
  }

  private JsonNode engineHealth() throws Exception {
    String body =
        mvc.perform(get("/actuator/health")).andReturn().getResponse().getContentAsString();
    return json.readTree(body).path("components").path("engine").path("details");
  }

  private void awaitWaiting(long id, String elementId) {
    await()
        .atMost(PATIENCE)
        .until(
            () -> {
              OnboardingView o = onboardings.get(id);
              return waitingIn(o.processInstanceKey(), elementId)
                  || waitingIn(o.invitationProcessKey(), elementId);
            });
  }

  private boolean waitingIn(Long key, String elementId) {
    if (key == null) {
      return false;
    }
    InstanceState state = engine.instanceState(key);
    return state.isWaitingIn(elementId);
  }
}
