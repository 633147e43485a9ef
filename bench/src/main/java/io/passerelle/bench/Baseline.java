package io.passerelle.bench;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The naive way to do what the bulk invitation does, as a yardstick: one thread, one database
 * connection, one SMTP connection kept open, and for each contact one transaction that writes the
 * same rows as Passerelle's journey (onboarding, the dossier's offer, client account, collaborative
 * service, invitation with its token hash, send log, activity feed, bulk item) and sends the same
 * mail text (Passerelle's first invitation, as the SMTP server received it, readdressed). No
 * engine, no retries, no reminders: what the journey costs beyond this is the price of the process.
 */
final class Baseline {

  record Outcome(int onboardings, double seconds, Latencies latencies, long smtpConnections) {
    Map<String, Object> summary() {
      Map<String, Object> summary = new LinkedHashMap<>();
      summary.put("onboardings", onboardings);
      summary.put("seconds", Benchmark.round(seconds));
      summary.put("onboardingsPerSecond", Benchmark.round(onboardings / seconds));
      summary.put("startToSentMs", latencies.summary());
      summary.put("smtpConnectionsOpened", smtpConnections);
      return summary;
    }
  }

  private static final SecureRandom RANDOM = new SecureRandom();

  static {
    // as the application does: no ServiceLoader scan of the jar on every MIME operation
    System.setProperty(
        "jakarta.mail.util.StreamProvider", "org.eclipse.angus.mail.util.MailStreamProvider");
  }

  private Baseline() {}

  static Outcome run(
      Connection db, Seed.Cohort cohort, long staffId, SmtpSink sink, byte[] template)
      throws Exception {
    if (template == null) {
      throw new IllegalStateException("No invitation was received: nothing to send as baseline");
    }
    db.setAutoCommit(false);
    long offerId = single(db, "select id from offer where code = 'START'");
    long bulkId = newBulk(db, staffId, cohort.contacts().size());
    Properties properties = new Properties();
    properties.put("mail.smtp.host", "127.0.0.1");
    properties.put("mail.smtp.port", String.valueOf(sink.port()));
    Session session = Session.getInstance(properties);
    long connectionsBefore = sink.connections();
    Mac hmac = Mac.getInstance("HmacSHA256");
    hmac.init(new SecretKeySpec(new byte[32], "HmacSHA256"));
    MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
    long[] latencies = new long[cohort.contacts().size()];
    long started = System.nanoTime();
    try (Transport transport = session.getTransport("smtp");
        var insertItem =
            db.prepareStatement(
                """
                insert into bulk_invitation_item (bulk_id, dossier_id, contact_id, status)
                values (?, ?, ?, 'PENDING') returning id
                """);
        var insertOnboarding =
            db.prepareStatement(
                """
                insert into onboarding (dossier_id, contact_id, access_level, holder, offer_code,
                    custom_message, send_now, proposed_by_staff_id, bulk_item_id, status,
                    process_instance_key, created_at, started_at)
                values (?, ?, 'READ_ONLY', false, 'START', ?, true, ?, ?, 'IN_PROGRESS', ?, ?, ?)
                returning id
                """);
        var activateOffer =
            db.prepareStatement(
                """
                insert into dossier_offer (dossier_id, offer_id) values (?, ?)
                on conflict (dossier_id, offer_id) do nothing
                """);
        var readContact =
            db.prepareStatement(
                "select email, first_name, last_name, language from contact where id = ?");
        var insertAccount =
            db.prepareStatement(
                """
                insert into client_account (contact_id, email, status) values (?, ?, 'PENDING')
                returning id
                """);
        var insertService =
            db.prepareStatement(
                """
                insert into collaborative_service (dossier_id, contact_id, offer_id, status,
                    onboarding_id, proposed_by_staff_id, invited_at)
                values (?, ?, ?, 'INVITED', ?, ?, now()) returning id
                """);
        var insertInvitation =
            db.prepareStatement(
                """
                insert into invitation (id, account_id, dossier_id, collaborative_service_id,
                    onboarding_id, email, token_nonce, token_hash, status, invited_by_staff_id,
                    custom_message, expires_at, issue_request_key)
                values (?, ?, ?, ?, ?, ?, ?, ?, 'PENDING_SEND', ?, ?, now() + interval '45 days', ?)
                """);
        var nextInvitationId = db.prepareStatement("select nextval('invitation_id_seq')");
        var insertActivity =
            db.prepareStatement(
                """
                insert into activity (type, actor_kind, dossier_id, contact_id, details, dedup_key)
                values (?, 'SYSTEM', ?, ?, ?::jsonb, ?)
                """);
        var insertMailLog =
            db.prepareStatement(
                """
                insert into mail_log (message_key, message_id, kind, recipient, subject, status)
                values (?, ?, 'INVITATION', ?, ?, 'SENDING')
                """);
        var mailSent =
            db.prepareStatement(
                """
                update mail_log set status = 'SENT', attempts = 1, sent_at = now(), updated_at = now()
                where message_key = ?
                """);
        var invitationSent =
            db.prepareStatement(
                "update invitation set status = 'SENT', sent_at = now() where id = ?");
        var onboardingReady =
            db.prepareStatement(
                """
                update onboarding set service_id = ?, account_id = ?, invitation_process_key = ?
                where id = ?
                """);
        var itemStarted =
            db.prepareStatement(
                """
                update bulk_invitation_item set status = 'STARTED', onboarding_id = ?,
                    updated_at = now() where id = ?
                """)) {
      transport.connect();
      int index = 0;
      for (long[] pair : cohort.contacts()) {
        long dossierId = pair[0];
        long contactId = pair[1];
        Instant start = Instant.now();
        long item = insertReturning(insertItem, bulkId, dossierId, contactId);
        insertOnboarding.setLong(1, dossierId);
        insertOnboarding.setLong(2, contactId);
        insertOnboarding.setString(3, "Votre cabinet passe au nouvel espace client.");
        insertOnboarding.setLong(4, staffId);
        insertOnboarding.setLong(5, item);
        insertOnboarding.setLong(6, -item); // no process: a key of its own all the same
        insertOnboarding.setTimestamp(7, Timestamp.from(start));
        insertOnboarding.setTimestamp(8, Timestamp.from(start));
        long onboardingId = returning(insertOnboarding);
        activateOffer.setLong(1, dossierId);
        activateOffer.setLong(2, offerId);
        if (activateOffer.executeUpdate() == 1) {
          activity(
              insertActivity,
              "OFFER_ACTIVATED",
              dossierId,
              null,
              "{\"offerCode\":\"START\"}",
              null);
        }
        String email;
        try (var rows = bind(readContact, contactId).executeQuery()) {
          rows.next();
          email = rows.getString(1);
        }
        long accountId = insertReturning(insertAccount, contactId, email);
        insertService.setLong(1, dossierId);
        insertService.setLong(2, contactId);
        insertService.setLong(3, offerId);
        insertService.setLong(4, onboardingId);
        insertService.setLong(5, staffId);
        long serviceId = returning(insertService);
        long invitationId;
        try (var rows = nextInvitationId.executeQuery()) {
          rows.next();
          invitationId = rows.getLong(1);
        }
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        String token =
            Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(
                    hmac.doFinal(
                        ("invitation:"
                                + invitationId
                                + ":"
                                + Base64.getEncoder().encodeToString(nonce))
                            .getBytes(StandardCharsets.UTF_8)));
        insertInvitation.setLong(1, invitationId);
        insertInvitation.setLong(2, accountId);
        insertInvitation.setLong(3, dossierId);
        insertInvitation.setLong(4, serviceId);
        insertInvitation.setLong(5, onboardingId);
        insertInvitation.setString(6, email);
        insertInvitation.setBytes(7, nonce);
        insertInvitation.setBytes(8, sha256.digest(token.getBytes(StandardCharsets.US_ASCII)));
        insertInvitation.setLong(9, staffId);
        insertInvitation.setString(10, "Votre cabinet passe au nouvel espace client.");
        insertInvitation.setLong(11, -invitationId);
        insertInvitation.executeUpdate();
        onboardingReady.setLong(1, serviceId);
        onboardingReady.setLong(2, accountId);
        onboardingReady.setLong(3, -onboardingId);
        onboardingReady.setLong(4, onboardingId);
        onboardingReady.executeUpdate();
        String details = "{\"onboardingId\":" + onboardingId + "}";
        activity(insertActivity, "SERVICE_PROPOSED", dossierId, contactId, details, null);
        activity(insertActivity, "INVITATION_ISSUED", dossierId, contactId, details, null);
        String key = "invitation/" + invitationId + "/INVITATION/0";
        String messageId = "<baseline.invitation-" + invitationId + ".0@bench.example>";
        insertMailLog.setString(1, key);
        insertMailLog.setString(2, messageId);
        insertMailLog.setString(3, email);
        insertMailLog.setString(4, "Invitation");
        insertMailLog.executeUpdate();
        MimeMessage message = readdressed(session, template, email, messageId);
        transport.sendMessage(message, message.getRecipients(Message.RecipientType.TO));
        bind(mailSent, key).executeUpdate();
        bind(invitationSent, invitationId).executeUpdate();
        activity(insertActivity, "INVITATION_SENT", dossierId, contactId, details, null);
        itemStarted.setLong(1, onboardingId);
        itemStarted.setLong(2, item);
        itemStarted.executeUpdate();
        db.commit();
        var received = sink.get(messageId);
        latencies[index++] =
            received == null
                ? -1
                : Duration.between(start, micros(received.firstAcceptedMicros)).toMillis();
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    db.setAutoCommit(true);
    return new Outcome(
        cohort.contacts().size(),
        seconds,
        new Latencies(java.util.Arrays.stream(latencies).filter(l -> l >= 0).toArray()),
        sink.connections() - connectionsBefore);
  }

  private static MimeMessage readdressed(
      Session session, byte[] template, String to, String messageId) throws MessagingException {
    var message =
        new MimeMessage(session, new ByteArrayInputStream(template)) {
          @Override
          protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
          }
        };
    message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
    message.setHeader("Message-ID", messageId);
    return message;
  }

  private static long newBulk(Connection db, long staffId, int items) throws SQLException {
    try (var insert =
        db.prepareStatement(
            """
            insert into bulk_invitation (offer_code, custom_message, created_by_staff_id, status,
                item_count, started_at)
            values ('START', 'Votre cabinet passe au nouvel espace client.', ?, 'RUNNING', ?, now())
            returning id
            """)) {
      insert.setLong(1, staffId);
      insert.setInt(2, items);
      long id = returning(insert);
      db.commit();
      return id;
    }
  }

  private static void activity(
      PreparedStatement insert,
      String type,
      long dossierId,
      Long contactId,
      String details,
      String dedupKey)
      throws SQLException {
    insert.setString(1, type);
    insert.setLong(2, dossierId);
    if (contactId == null) {
      insert.setNull(3, java.sql.Types.BIGINT);
    } else {
      insert.setLong(3, contactId);
    }
    insert.setString(4, details);
    insert.setString(5, dedupKey);
    insert.executeUpdate();
  }

  private static PreparedStatement bind(PreparedStatement statement, Object... values)
      throws SQLException {
    for (int i = 0; i < values.length; i++) {
      statement.setObject(i + 1, values[i]);
    }
    return statement;
  }

  private static long insertReturning(PreparedStatement statement, Object... values)
      throws SQLException {
    return returning(bind(statement, values));
  }

  private static long returning(PreparedStatement statement) throws SQLException {
    try (var rows = statement.executeQuery()) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private static long single(Connection db, String sql) throws SQLException {
    try (var statement = db.createStatement();
        var rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private static Instant micros(long epochMicros) {
    return Instant.ofEpochSecond(epochMicros / 1_000_000, (epochMicros % 1_000_000) * 1_000);
  }
}
