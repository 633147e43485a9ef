package io.passerelle.onboarding;

import io.passerelle.account.InvitationAccepted;
import io.passerelle.account.KilledInvitation;
import io.passerelle.contact.ContactEmailChanged;
import io.passerelle.domain.SchedulerLock;
import io.passerelle.engine.EngineCommands;
import io.passerelle.engine.ProcessEngine;
import io.passerelle.processes.ProcessNames;
import io.passerelle.processes.ProcessNames.Messages;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The journey's messages to the engine, each written to the engine command outbox ({@link
 * EngineCommands}) in the transaction of what caused it and relayed after its commit until the
 * engine takes it, with a {@code messageId} ({@code <message>-onboarding-<id>-<request>}) so that a
 * repeat — a double click, a second event, a relay repeated after a crash, the reconciler — is
 * refused by the engine while the first is buffered.
 *
 * <p>Time to live (counted from the engine's acceptance, so from the relay, not the commit): a
 * minute for the staff's resend and send-now and for an e-mail change (long enough to bridge two
 * steps, too short to be taken by a later wait: a resend buffered for days would reissue a link
 * after the next extension); an hour for a cancellation; ten minutes for an activation, which a
 * reconciler publishes again while an onboarding still waits for an account that is active.
 */
@Component
class JourneyMessages {

  private static final Logger LOG = LoggerFactory.getLogger(JourneyMessages.class);

  static final Duration SHORT_TTL = Duration.ofMinutes(1);
  static final Duration CANCEL_TTL = Duration.ofHours(1);
  static final Duration ACTIVATION_TTL = Duration.ofMinutes(10);

  private final ProcessEngine engine;
  private final EngineCommands commands;
  private final JdbcClient jdbc;
  private final Clock clock;
  private final SchedulerLock scheduler;

  JourneyMessages(
      ProcessEngine engine,
      EngineCommands commands,
      JdbcClient jdbc,
      Clock clock,
      SchedulerLock scheduler) {
    this.scheduler = scheduler;
    this.engine = engine;
    this.commands = commands;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /**
   * Writes the message to the outbox in the current transaction (which must exist): published once
   * it has committed, never if it rolls back.
   */
  void afterCommit(String message, long onboardingId, String requestId, Duration ttl) {
    String key = ProcessNames.onboardingKey(onboardingId);
    commands.publishMessage(
        message, key, ProcessNames.messageId(message, key, requestId), ttl, Map.of());
  }

  /**
   * Publishes now, outside the outbox: for the reconciler only, which asks again every minute.
   *
   * @return false when the same message id was already buffered (a repeat: nothing happens)
   */
  boolean publish(String message, long onboardingId, String requestId, Duration ttl) {
    String key = ProcessNames.onboardingKey(onboardingId);
    return engine.publishMessage(
        message, key, ProcessNames.messageId(message, key, requestId), ttl, Map.of());
  }

  /**
   * A client activated their account: every onboarding in progress for that account is told, not
   * only the one whose link was used (an account has one live link; an older onboarding of another
   * dossier waits for the same activation). In the activation's transaction.
   */
  @EventListener
  void onInvitationAccepted(InvitationAccepted accepted) {
    for (long onboardingId : waitingFor(accepted.accountId())) {
      afterCommit(
          Messages.CLIENT_ACTIVATED,
          onboardingId,
          "account-" + accepted.accountId(),
          ACTIVATION_TTL);
    }
  }

  /**
   * A contact's e-mail changed while an invitation was pending: a new one to the new address. In
   * the change's transaction.
   */
  @EventListener
  void onEmailChanged(ContactEmailChanged changed) {
    for (KilledInvitation killed : changed.killedInvitations()) {
      if (killed.onboardingId() != null) {
        afterCommit(
            Messages.EMAIL_CHANGED,
            killed.onboardingId(),
            "invitation-" + killed.invitationId(),
            SHORT_TTL);
      }
    }
  }

  /**
   * Activations that did not reach their onboarding (the engine was down right after the client's
   * commit): published again while the onboarding waits for an account that is active. One instance
   * at a time ({@link SchedulerLock}); a repeat is harmless anyway (same message id).
   */
  @Scheduled(
      fixedDelayString = "${passerelle.journey.activation-sweep-interval:PT1M}",
      initialDelayString = "${passerelle.journey.activation-sweep-interval:PT1M}")
  void republishActivations() {
    scheduler.runAlone(ACTIVATION_JOB, this::republishActivationsNow);
  }

  static final String ACTIVATION_JOB = "activation-reconciler";

  private void republishActivationsNow() {
    List<Map<String, Object>> waiting =
        jdbc.sql(
                """
                select o.id, o.account_id from onboarding o
                join client_account a on a.id = o.account_id
                join collaborative_service s on s.id = o.service_id
                where o.status = 'IN_PROGRESS' and a.status = 'ACTIVE' and s.status = 'INVITED'
                  and a.activated_at < :before
                order by o.id limit 500
                """)
            .param("before", Timestamp.from(clock.instant().minus(Duration.ofMinutes(1))))
            .query()
            .listOfRows();
    for (Map<String, Object> row : waiting) {
      publishActivation(
          ((Number) row.get("id")).longValue(), ((Number) row.get("account_id")).longValue());
    }
  }

  private List<Long> waitingFor(long accountId) {
    return jdbc.sql("select id from onboarding where account_id = ? and status = 'IN_PROGRESS'")
        .param(accountId)
        .query(Long.class)
        .list();
  }

  private void publishActivation(long onboardingId, long accountId) {
    try {
      publish(Messages.CLIENT_ACTIVATED, onboardingId, "account-" + accountId, ACTIVATION_TTL);
    } catch (RuntimeException e) {
      LOG.error(
          "activation of onboarding {} not told to the engine yet (retried): {}",
          onboardingId,
          e.toString());
    }
  }
}
