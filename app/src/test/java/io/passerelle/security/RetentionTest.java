package io.passerelle.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.passerelle.account.AccountService;
import io.passerelle.account.InvitationService;
import io.passerelle.account.IssueInvitation;
import io.passerelle.contact.ContactService;
import io.passerelle.contact.ContactStatus;
import io.passerelle.contact.ContactView;
import io.passerelle.contact.DossierLinkService;
import io.passerelle.contact.SubscriberType;
import io.passerelle.dossier.DossierService;
import io.passerelle.engine.EmbeddedZeebeEngine;
import io.passerelle.retention.RetentionService;
import io.passerelle.staff.StaffService;
import io.passerelle.support.Api;
import io.passerelle.support.Fixtures;
import io.passerelle.support.PasserelleSpringTest;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Issue 19, item 7: the retention policy erases never-activated contacts 90 days after their last
 * invitation ended and deletes send-log entries older than 13 months, by the application's clock,
 * once at a time across instances, recorded for the administrator alone.
 */
@PasserelleSpringTest
class RetentionTest {

  @Autowired MockMvc mvc;
  @Autowired ObjectMapper json;
  @Autowired StaffService staff;
  @Autowired DossierService dossiers;
  @Autowired ContactService contacts;
  @Autowired DossierLinkService links;
  @Autowired AccountService accounts;
  @Autowired InvitationService invitations;
  @Autowired RetentionService retention;
  @Autowired EmbeddedZeebeEngine embedded;
  @Autowired JdbcTemplate jdbc;
  @Autowired DataSource dataSource;
  @Autowired Clock clock;
  @Autowired org.springframework.security.core.userdetails.UserDetailsService users;
  Fixtures fixtures;

  @BeforeEach
  void setUp() {
    fixtures = new Fixtures(staff, dossiers, contacts, links);
  }

  @Test
  @DisplayName(
      "a never-activated contact is erased once its last invitation ended 90 days ago by the"
          + " application's clock; live invitations and active spaces are kept; old mail goes")
  void policy() throws Exception {
    Instant now = clock.instant();
    ContactView cancelled = invitedContact("CANCELLED", now.minus(Duration.ofDays(89)));
    ContactView expired = invitedContact("EXPIRED", now.minus(Duration.ofDays(89)));
    ContactView live = invitedContact("SENT", now.minus(Duration.ofDays(200)));
    ContactView active = invitedContact("CANCELLED", now.minus(Duration.ofDays(200)));
    jdbc.update(
        "update client_account set status = 'ACTIVE', password_hash = 'x', activated_at = ?"
            + " where contact_id = ?",
        Timestamp.from(now.minus(Duration.ofDays(300))),
        active.id());
    String oldKey = "retention-test/" + UUID.randomUUID() + "/old";
    String recentKey = "retention-test/" + UUID.randomUUID() + "/recent";
    mailLog(oldKey, now.atOffset(ZoneOffset.UTC).minusMonths(13).minusDays(2).toInstant());
    mailLog(recentKey, now.atOffset(ZoneOffset.UTC).minusMonths(12).toInstant());

    JsonNode first =
        admin().read(admin().post("/api/retention-runs", null).andExpect(status().isCreated()));
    assertThat(ids(first)).doesNotContain(cancelled.id(), expired.id(), live.id(), active.id());
    assertThat(contacts.get(cancelled.id()).status()).isEqualTo(ContactStatus.ACTIVE);
    assertThat(mailLogExists(oldKey)).isFalse();
    assertThat(mailLogExists(recentKey)).isTrue();
    assertThat(Instant.parse(first.get("contactsCutoff").asText()))
        .isBetween(now.minus(Duration.ofDays(90)), clock.instant().minus(Duration.ofDays(90)));

    // two days later by the engine's clock, the 89-day-old ones are past the 90 days
    embedded.advance(Duration.ofDays(2));
    JsonNode second =
        admin().read(admin().post("/api/retention-runs", null).andExpect(status().isCreated()));
    assertThat(ids(second))
        .contains(cancelled.id(), expired.id())
        .doesNotContain(live.id(), active.id());
    assertThat(contacts.get(cancelled.id()).status()).isEqualTo(ContactStatus.ERASED);
    assertThat(contacts.get(expired.id()).status()).isEqualTo(ContactStatus.ERASED);
    assertThat(contacts.get(cancelled.id()).email()).doesNotContain(cancelled.email());
    assertThat(contacts.get(live.id()).status()).isEqualTo(ContactStatus.ACTIVE);
    assertThat(contacts.get(active.id()).status()).isEqualTo(ContactStatus.ACTIVE);
    // each erasure is audited as the system, without personal data
    assertThat(
            jdbc.queryForObject(
                "select details::text from activity where type = 'CONTACT_ERASED'"
                    + " and contact_id = ? and actor_kind = 'SYSTEM'",
                String.class,
                cancelled.id()))
        .doesNotContain(cancelled.email());

    // what was erased and when, for the administrator
    JsonNode runs = admin().read(admin().get("/api/retention-runs").andExpect(status().isOk()));
    assertThat(runs.get(0).get("id").asLong()).isEqualTo(second.get("id").asLong());
    assertThat(runs.get(0).get("contactsErased").asInt()).isGreaterThanOrEqualTo(2);
    assertThat(runs.get(0).get("finishedAt").isNull()).isFalse();
    assertThat(runs.toString()).doesNotContain(cancelled.email()).doesNotContain("@");
  }

  @Test
  @DisplayName("only the administrator sees or starts runs: a manager and a STAFF user get 403")
  void administratorOnly() throws Exception {
    for (String who : List.of(Api.MANAGER, Api.STAFF)) {
      Api api = Api.as(mvc, json, who);
      api.get("/api/retention-runs")
          .andExpect(status().isForbidden())
          .andExpect(jsonPath("$.code").value("ADMINISTRATOR_ONLY"));
      api.post("/api/retention-runs", null)
          .andExpect(status().isForbidden())
          .andExpect(jsonPath("$.code").value("ADMINISTRATOR_ONLY"));
    }
    mvc.perform(
            org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(
                "/api/retention-runs"))
        .andExpect(status().isUnauthorized());

    // the staff page section: the administrator sees the runs, the others a 403 page
    retention.runNow(fixtures.actor(Api.ADMIN));
    String page =
        mvc.perform(
                org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(
                        "/conservation")
                    .with(user(users.loadUserByUsername(Api.ADMIN))))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
    assertThat(page).contains("Conservation des données").contains("id=\"retention-runs\"");
    for (String who : List.of(Api.MANAGER, Api.STAFF)) {
      mvc.perform(
              org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(
                      "/conservation")
                  .with(user(users.loadUserByUsername(who))))
          .andExpect(status().isForbidden());
    }
  }

  @Test
  @DisplayName(
      "one run at a time across instances: while another holds the lock, a run does nothing;"
          + " the schedule runs once a day")
  void oneAtATime() throws Exception {
    try (var other = dataSource.getConnection()) {
      // another instance's run: the same advisory lock, on another connection
      try (var lock = other.prepareStatement("select pg_advisory_lock(?)")) {
        lock.setLong(1, 0x7061_7373_7265_7431L);
        lock.execute();
      }
      admin()
          .post("/api/retention-runs", null)
          .andExpect(status().isConflict())
          .andExpect(jsonPath("$.code").value("RETENTION_RUNNING"));
      assertThat(retention.run(RetentionService.Trigger.SCHEDULE)).isEmpty();
      try (var unlock = other.prepareStatement("select pg_advisory_unlock(?)")) {
        unlock.setLong(1, 0x7061_7373_7265_7431L);
        unlock.execute();
      }
    }
    retention.run(RetentionService.Trigger.SCHEDULE);
    // the second instance's schedule, the same day, finds the day's run done
    assertThat(retention.run(RetentionService.Trigger.SCHEDULE)).isEmpty();
  }

  // ---- helpers ----

  private Api admin() {
    return Api.as(mvc, json, Api.ADMIN);
  }

  /** A contact with an account and one invitation in {@code status}, ended at {@code endedAt}. */
  private ContactView invitedContact(String status, Instant endedAt) {
    ContactView contact = fixtures.contact(SubscriberType.FAMILY_MEMBER);
    var account = accounts.findOrCreate(contact.id(), contact.email(), Fixtures.SYSTEM);
    var issued =
        invitations.issue(
            new IssueInvitation(
                account.id(), null, null, null, fixtures.staffId(Api.MANAGER), null, null),
            Fixtures.SYSTEM);
    long id = issued.invitation().id();
    Timestamp ended = Timestamp.from(endedAt);
    Timestamp created = Timestamp.from(endedAt.minus(Duration.ofDays(45)));
    switch (status) {
      case "CANCELLED" ->
          jdbc.update(
              "update invitation set status = 'CANCELLED', cancelled_at = ?, closed_at = ?,"
                  + " created_at = ?, expires_at = ? where id = ?",
              ended,
              ended,
              created,
              ended,
              id);
      case "EXPIRED" ->
          jdbc.update(
              "update invitation set status = 'EXPIRED', closed_at = ?, created_at = ?,"
                  + " expires_at = ? where id = ?",
              ended,
              created,
              ended,
              id);
      default ->
          jdbc.update(
              "update invitation set status = 'SENT', sent_at = ?, created_at = ? where id = ?",
              created,
              created,
              id);
    }
    return contact;
  }

  private void mailLog(String key, Instant createdAt) {
    jdbc.update(
        "insert into mail_log (message_key, message_id, kind, recipient, status, created_at,"
            + " updated_at) values (?, ?, 'STAFF_NOTICE', 'someone@test.example', 'SENT', ?, ?)",
        key,
        "<" + key + "@test>",
        Timestamp.from(createdAt),
        Timestamp.from(createdAt));
  }

  private boolean mailLogExists(String key) {
    return jdbc.queryForObject(
            "select count(*) from mail_log where message_key = ?", Integer.class, key)
        > 0;
  }

  private static List<Long> ids(JsonNode run) {
    List<Long> ids = new ArrayList<>();
    run.get("erasedContactIds").forEach(n -> ids.add(n.asLong()));
    return ids;
  }
}
