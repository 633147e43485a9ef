package io.passerelle.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.passerelle.reporting.DashboardQuery.Funnel;
import io.passerelle.reporting.DashboardQuery.Reminders;
import io.passerelle.reporting.DashboardQuery.Stuck;
import io.passerelle.reporting.DashboardQuery.Week;
import io.passerelle.staff.StaffRole;
import io.passerelle.staff.StaffScope;
import io.passerelle.staff.StaffVisibility;
import io.passerelle.staff.VisibilityProperties;
import io.passerelle.support.RepositoryTest;
import io.passerelle.support.SliceRows;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The dashboard's figures on real PostgreSQL (the JPA slice, its own database: the counts are
 * exact), the clock fixed on Thursday 3 December 2026 at noon: what each figure counts over the
 * period, the stuck activations, the weeks in Paris time. Signed out, the scope is everything; what
 * a staff member sees of it is {@code StaffScope}'s (the portfolio's test checks its SQL).
 */
@RepositoryTest
class DashboardQueryTest {

  static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

  @Autowired NamedParameterJdbcTemplate named;
  @Autowired JdbcTemplate jdbc;

  DashboardQuery query;
  SliceRows rows;
  long manager;
  long dossier;

  @BeforeEach
  void dossier() {
    query =
        new DashboardQuery(
            named,
            Clock.fixed(NOW, ZoneOffset.UTC),
            new StaffScope(new VisibilityProperties(StaffVisibility.ASSIGNED)));
    rows = new SliceRows(jdbc);
    manager = rows.staffMember("dq.manager", "Marie", "Martin", StaffRole.MANAGER);
    dossier = rows.dossier("Menuiserie Dupont", null, manager);
  }

  @Test
  @DisplayName("the funnel counts the services proposed in the period, those invited, those active")
  void funnel() {
    service(daysAgo(2), null, null);
    service(daysAgo(10), daysAgo(9), null);
    service(daysAgo(20), daysAgo(19), daysAgo(15));
    service(daysAgo(40), daysAgo(39), daysAgo(38));

    assertThat(query.figures(30, 7).funnel()).isEqualTo(new Funnel(3, 2, 1));
  }

  @Test
  @DisplayName(
      "the median time from sending to activation over the invitations accepted in the period")
  void medianTimeToActivate() {
    accepted("a@client.test", daysAgo(12), daysAgo(11));
    accepted("b@client.test", daysAgo(12), daysAgo(9));
    accepted("c@client.test", daysAgo(12), daysAgo(7));
    accepted("old@client.test", daysAgo(50), daysAgo(45));

    var figures = query.figures(30, 7);

    assertThat(figures.medianTimeToActivate()).isEqualTo(Duration.ofDays(3));
    assertThat(figures.activationsMeasured()).isEqualTo(3);
    assertThat(query.figures(1, 7).medianTimeToActivate()).isNull();
  }

  @Test
  @DisplayName("reminders: the invitations created in the period reminded once, twice")
  void reminders() {
    int[] remindersSent = {0, 1, 2, 2};
    for (int i = 0; i < remindersSent.length; i++) {
      long invitation = invitation("r" + i + "@client.test", daysAgo(12));
      jdbc.update(
          "update invitation set reminders_sent = ? where id = ?", remindersSent[i], invitation);
    }

    assertThat(query.figures(30, 7).reminders()).isEqualTo(new Reminders(3, 3, 2));
  }

  @Test
  @DisplayName(
      "stuck: the live invitations sent before the limit, oldest first, with their reminders;"
          + " a recent or an accepted one is not")
  void stuck() {
    long older = invitation("older@client.test", daysAgo(20));
    long old = invitation("old@client.test", daysAgo(10));
    jdbc.update("update invitation set reminders_sent = 2 where id = ?", old);
    invitation("recent@client.test", daysAgo(2));
    accepted("done@client.test", daysAgo(30), daysAgo(25));

    var figures = query.figures(30, 7);

    assertThat(figures.stuckCount()).isEqualTo(2);
    assertThat(figures.stuck())
        .extracting(Stuck::invitationId, Stuck::email, Stuck::guest, Stuck::remindersSent)
        .containsExactly(
            tuple(older, "older@client.test", false, 0), tuple(old, "old@client.test", false, 2));
    assertThat(figures.stuck().getFirst().sentAt()).isEqualTo(daysAgo(20));
  }

  @Test
  @DisplayName(
      "twelve weeks from Monday in Paris time: an activation late on Sunday evening in Paris counts"
          + " in that week, not the next")
  void weeksInParisTime() {
    // Sunday 29 November 23:30 in Paris is 22:30 UTC; Monday 30 November 00:30 is 23:30 UTC
    accepted("sunday@client.test", daysAgo(20), Instant.parse("2026-11-29T22:30:00Z"));
    accepted("monday@client.test", daysAgo(20), Instant.parse("2026-11-29T23:30:00Z"));
    accepted("monday2@client.test", daysAgo(20), Instant.parse("2026-12-02T08:00:00Z"));

    var weeks = query.figures(30, 7).weeks();

    assertThat(weeks).hasSize(12);
    assertThat(weeks.getFirst().start()).isEqualTo(LocalDate.of(2026, 9, 14));
    assertThat(weeks.subList(10, 12))
        .containsExactly(
            new Week(LocalDate.of(2026, 11, 23), 1), new Week(LocalDate.of(2026, 11, 30), 2));
    assertThat(weeks.subList(0, 10)).extracting(Week::activations).containsOnly(0L);
  }

  private static Instant daysAgo(int days) {
    return NOW.minus(Duration.ofDays(days));
  }

  /** A collaborative service proposed, then invited and activated when given. */
  private void service(Instant proposed, Instant invited, Instant activated) {
    long contact =
        rows.contact("Anne", "Client", null, "s" + proposed.getEpochSecond() + "@c.test");
    jdbc.update(
        "insert into collaborative_service (dossier_id, contact_id, offer_id, status, proposed_at,"
            + " invited_at, activated_at) select ?, ?, id, ?, ?, ?, ? from offer where code = 'START'",
        dossier,
        contact,
        activated != null ? "ACTIVE" : invited != null ? "INVITED" : "PROPOSED",
        Timestamp.from(proposed),
        invited == null ? null : Timestamp.from(invited),
        activated == null ? null : Timestamp.from(activated));
  }

  /** A live invitation sent at {@code sent} to a new contact's pending account. */
  private long invitation(String email, Instant sent) {
    long contact = rows.contact("Anne", email.substring(0, email.indexOf('@')), null, email);
    return rows.invitation(rows.account(contact, email, "PENDING"), dossier, manager, "SENT", sent);
  }

  /** An invitation sent at {@code sent}, accepted at {@code accepted}. */
  private void accepted(String email, Instant sent, Instant accepted) {
    long invitation = invitation(email, sent);
    jdbc.update(
        "update invitation set status = 'ACCEPTED', accepted_at = ? where id = ?",
        Timestamp.from(accepted),
        invitation);
  }
}
