package io.passerelle.reporting;

import io.passerelle.contact.web.DossierContactsQuery;
import io.passerelle.staff.Scope;
import io.passerelle.staff.StaffScope;
import io.passerelle.web.pages.Labels;
import io.passerelle.web.pages.Names;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The dashboard's figures, each one aggregate statement over the period: the funnel proposed →
 * invited → activated (collaborative services), the median time from sending to activation
 * (invitations), reminders sent, and the activations stuck for more than N days.
 */
@Component
public class DashboardQuery {

  public record Funnel(long proposed, long invited, long activated) {}

  public record Reminders(long invitationsReminded, long firstReminders, long secondReminders) {}

  /**
   * An activation stuck: a live service invitation ({@code invitationId}), or an onboarding of a
   * Microsoft offer still waiting for the guest invitation's acceptance, with no service invitation
   * yet ({@code invitationId} null, {@code guest}: issue 23, the pending list's guest lines);
   * {@code sentAt} is the guest invitation's sending for those.
   */
  public record Stuck(
      Long invitationId,
      Long onboardingId,
      boolean guest,
      long contactId,
      String name,
      String email,
      boolean emailInvalid,
      Instant sentAt,
      int remindersSent) {}

  public record Week(LocalDate start, long activations) {}

  public record Figures(
      Funnel funnel,
      Duration medianTimeToActivate,
      long activationsMeasured,
      Reminders reminders,
      long stuckCount,
      List<Stuck> stuck,
      List<Week> weeks) {}

  private final NamedParameterJdbcTemplate jdbc;
  private final Clock clock;
  private final StaffScope scopes;

  DashboardQuery(NamedParameterJdbcTemplate jdbc, Clock clock, StaffScope scopes) {
    this.scopes = scopes;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  @Transactional(readOnly = true)
  public Figures figures(int periodDays, int stuckDays) {
    Scope scope = scopes.current();
    Instant now = clock.instant();
    Instant since = now.minus(Duration.ofDays(periodDays));
    Instant stuckBefore = now.minus(Duration.ofDays(stuckDays));
    var params =
        new MapSqlParameterSource()
            .addValue("since", Timestamp.from(since))
            .addValue("stuckBefore", Timestamp.from(stuckBefore));
    Funnel funnel =
        jdbc.queryForObject(
            "select count(*), count(invited_at), count(activated_at) from collaborative_service x"
                + " where proposed_at >= :since and "
                + scope.dossierSql("x.dossier_id"),
            params,
            (rs, n) -> new Funnel(rs.getLong(1), rs.getLong(2), rs.getLong(3)));
    Object[] median =
        jdbc.queryForObject(
            "select percentile_cont(0.5) within group (order by extract(epoch from accepted_at -"
                + " coalesce(sent_at, created_at))), count(*) from invitation x"
                + " where status = 'ACCEPTED' and accepted_at >= :since and "
                + scope.invitationSql("x"),
            params,
            (rs, n) -> new Object[] {rs.getObject(1), rs.getLong(2)});
    Duration medianTime =
        median[0] == null
            ? null
            : Duration.ofSeconds(Math.round(((Number) median[0]).doubleValue()));
    Reminders reminders =
        jdbc.queryForObject(
            "select count(*) filter (where reminders_sent > 0),"
                + " count(*) filter (where reminders_sent >= 1),"
                + " count(*) filter (where reminders_sent >= 2) from invitation x"
                + " where created_at >= :since and "
                + scope.invitationSql("x"),
            params,
            (rs, n) -> new Reminders(rs.getLong(1), rs.getLong(2), rs.getLong(3)));
    String stuckWhere = " from (" + stuckLines(scope) + ") u";
    Long stuckCount = jdbc.queryForObject("select count(*)" + stuckWhere, params, Long.class);
    List<Stuck> stuck = oldestStuck(stuckWhere, params);
    return new Figures(
        funnel,
        medianTime,
        (Long) median[1],
        reminders,
        stuckCount == null ? 0 : stuckCount,
        stuck,
        weeks(now, params, scope));
  }

  /**
   * The lines of the pending-activation list ({@code account.PendingActivations}: both kinds) that
   * wait since before the stuck limit: a live service invitation not accepted since it was sent (or
   * issued), and an onboarding of a Microsoft offer with no service invitation and no active
   * account, running since its guest invitation was sent (or since it started, when none went out
   * yet). So the dashboard's count and the list count the same people.
   */
  private static String stuckLines(Scope scope) {
    return "select i.id as invitation_id, i.onboarding_id, false as guest, c.id as contact_id,"
        + " c.first_name, c.last_name, c.company_name, i.email,"
        + " (i.email_invalid or c.email_invalid) as invalid, i.sent_at,"
        + " coalesce(i.sent_at, i.created_at) as since, i.reminders_sent"
        + " from invitation i join client_account a on a.id = i.account_id"
        + " join contact c on c.id = a.contact_id"
        + " where i.status in ('PENDING_SEND', 'SENT')"
        + " and coalesce(i.sent_at, i.created_at) < :stuckBefore and "
        + scope.rowSql("i.dossier_id", "a.contact_id")
        + " union all select null::bigint, o.id, true, c.id, c.first_name, c.last_name,"
        + " c.company_name, coalesce(g.invited_email, c.email), c.email_invalid, g.sent_at,"
        + " coalesce(g.sent_at, o.created_at), coalesce(g.reminders_sent, 0)"
        + " from onboarding o join contact c on c.id = o.contact_id"
        + " left join client_account a on a.id = o.account_id"
        + " left join guest_invitation g on g.onboarding_id = o.id"
        + " where o.identity = 'MICROSOFT' and o.status in ('STARTING', 'IN_PROGRESS')"
        + " and not exists (select 1 from invitation x where x.onboarding_id = o.id)"
        + " and (a.id is null or a.status <> 'ACTIVE')"
        + " and coalesce(g.sent_at, o.created_at) < :stuckBefore and "
        + scope.dossierSql("o.dossier_id");
  }

  /** The 10 activations stuck longest (not accepted since before the stuck limit). */
  private List<Stuck> oldestStuck(String stuckWhere, MapSqlParameterSource params) {
    return jdbc.query(
        "select u.*" + stuckWhere + " order by u.since, u.invitation_id, u.onboarding_id limit 10",
        params,
        (rs, n) ->
            new Stuck(
                rs.getObject("invitation_id", Long.class),
                rs.getObject("onboarding_id", Long.class),
                rs.getBoolean("guest"),
                rs.getLong("contact_id"),
                Names.person(
                    rs.getString("first_name"),
                    rs.getString("last_name"),
                    rs.getString("company_name")),
                rs.getString("email"),
                rs.getBoolean("invalid"),
                DossierContactsQuery.instant(rs.getTimestamp("sent_at")),
                rs.getInt("reminders_sent")));
  }

  /** Activations per week over the last 12 weeks (Monday to Sunday, Paris time). */
  private List<Week> weeks(Instant now, MapSqlParameterSource params, Scope scope) {
    LocalDate thisMonday =
        LocalDate.ofInstant(now, Labels.PARIS)
            .with(java.time.temporal.TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY));
    LocalDate first = thisMonday.minusWeeks(11);
    Map<LocalDate, Long> counts = new LinkedHashMap<>();
    for (int i = 0; i < 12; i++) {
      counts.put(first.plusWeeks(i), 0L);
    }
    params.addValue("from", Timestamp.from(first.atStartOfDay(Labels.PARIS).toInstant()));
    jdbc.query(
        "select (date_trunc('week', accepted_at at time zone 'Europe/Paris'))::date, count(*)"
            + " from invitation x where status = 'ACCEPTED' and accepted_at >= :from and "
            + scope.invitationSql("x")
            + " group by 1",
        params,
        rs -> {
          LocalDate week = rs.getObject(1, LocalDate.class);
          long activations = rs.getLong(2);
          counts.computeIfPresent(week, (k, v) -> activations);
        });
    List<Week> weeks = new ArrayList<>();
    counts.forEach((k, v) -> weeks.add(new Week(k, v)));
    return weeks;
  }

  static long days(Instant from, Instant to) {
    return from == null ? 0 : ChronoUnit.DAYS.between(from, to);
  }
}
