package io.passerelle.account;

import io.passerelle.domain.CommonErrors;
import io.passerelle.domain.DomainException;
import io.passerelle.staff.Scope;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The read model of seed 002's "pending activation" tab: live invitations with the person's name,
 * every dossier they can switch between, and who invited; and, for offers whose clients sign in
 * with Microsoft (issue 23), the onboardings still waiting for the guest invitation's acceptance,
 * which have no service invitation yet. A plain SQL read across the tables it shows (the contact,
 * dossier, onboarding and microsoft features own those rows; nothing here changes them).
 */
@Component
class PendingActivations {

  /** API sort property → SQL expression (on the union of both kinds of line). */
  static final Map<String, String> SORTABLE =
      Map.of(
          "sentAt", "u.sent_at",
          "createdAt", "u.created_at",
          "expiresAt", "u.expires_at",
          "email", "lower(u.email)");

  private final NamedParameterJdbcTemplate jdbc;

  PendingActivations(NamedParameterJdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Live service invitations, and the onboardings of Microsoft offers that wait for the guest's
   * acceptance with no service invitation yet (issue 23): one statement for the count, one for the
   * page, one for the page's dossiers, whatever the page.
   */
  Page<PendingActivation> find(
      Boolean neverSent, Boolean emailInvalid, Scope scope, Pageable pageable) {
    var params = new MapSqlParameterSource();
    String union =
        invitations(neverSent, emailInvalid, scope, params)
            + " union all "
            + guestRows(neverSent, emailInvalid, scope, params);
    Long total = jdbc.queryForObject("select count(*) from (" + union + ") u", params, Long.class);
    params.addValue("limit", pageable.getPageSize());
    params.addValue("offset", pageable.getOffset());
    String sql =
        "select u.* from ("
            + union
            + ") u"
            + orderBy(pageable.getSort())
            + " limit :limit offset :offset";
    List<Row> rows = jdbc.query(sql, params, (rs, n) -> row(rs));
    Map<Long, List<PendingActivation.DossierRef>> dossiers = dossiersOf(rows, scope);
    List<PendingActivation> content = new ArrayList<>();
    for (Row row : rows) {
      content.add(row.toView(dossiers.getOrDefault(row.contactId, List.of())));
    }
    return new PageImpl<>(content, pageable, total == null ? 0 : total);
  }

  /** The live service invitations (seed 002), with the guest invitation's state beside them. */
  private static String invitations(
      Boolean neverSent, Boolean emailInvalid, Scope scope, MapSqlParameterSource params) {
    StringBuilder where = new StringBuilder(" where i.status in ('PENDING_SEND', 'SENT')");
    if (!scope.isEverything()) {
      where.append(" and ").append(scope.rowSql("i.dossier_id", "a.contact_id"));
    }
    if (Boolean.TRUE.equals(neverSent)) {
      where.append(" and i.status = 'PENDING_SEND'");
    }
    if (emailInvalid != null) {
      where.append(" and (i.email_invalid or c.email_invalid) = :emailInvalid");
      params.addValue("emailInvalid", emailInvalid);
    }
    return "select 'INVITATION' as kind, i.id as invitation_id, i.onboarding_id, i.account_id,"
        + " a.contact_id, c.first_name, c.last_name, c.company_name, i.email,"
        + " (i.email_invalid or c.email_invalid) as email_invalid, i.status, i.created_at,"
        + " i.sent_at, i.expires_at, i.reminders_sent, i.invited_by_staff_id,"
        + " s.first_name as staff_first, s.last_name as staff_last, i.invited_by_account_id,"
        + " ic.first_name as client_first, ic.last_name as client_last,"
        + " case when o.identity = 'MICROSOFT' then coalesce(g.status, 'NOT_SENT') end"
        + " as guest_status, g.sent_at as guest_sent_at, g.failure_code as guest_failure_code"
        + " from invitation i join client_account a on a.id = i.account_id"
        + " join contact c on c.id = a.contact_id"
        + " left join staff_member s on s.id = i.invited_by_staff_id"
        + " left join client_account ia on ia.id = i.invited_by_account_id"
        + " left join contact ic on ic.id = ia.contact_id"
        + " left join onboarding o on o.id = i.onboarding_id"
        + " left join guest_invitation g on g.onboarding_id = i.onboarding_id"
        + where;
  }

  /**
   * The running onboardings of Microsoft offers with no service invitation yet: the guest
   * invitation not sent yet, waiting for acceptance, accepted moments before the service invitation
   * is issued, or failed (a staff task is open). "Never sent": nothing went out to the person yet.
   * An account already active gets no invitation at all (the new-access notice): not listed.
   */
  private static String guestRows(
      Boolean neverSent, Boolean emailInvalid, Scope scope, MapSqlParameterSource params) {
    StringBuilder where =
        new StringBuilder(
            " where o.identity = 'MICROSOFT' and o.status in ('STARTING', 'IN_PROGRESS')"
                + " and not exists (select 1 from invitation x where x.onboarding_id = o.id)"
                + " and (a.id is null or a.status <> 'ACTIVE')");
    if (!scope.isEverything()) {
      where.append(" and ").append(scope.dossierSql("o.dossier_id"));
    }
    if (Boolean.TRUE.equals(neverSent)) {
      where.append(" and coalesce(g.status, 'NOT_SENT') = 'NOT_SENT'");
    }
    if (emailInvalid != null) {
      where.append(" and c.email_invalid = :emailInvalid");
      params.addValue("emailInvalid", emailInvalid);
    }
    return "select 'GUEST_INVITATION' as kind, null::bigint as invitation_id,"
        + " o.id as onboarding_id, o.account_id, o.contact_id, c.first_name, c.last_name,"
        + " c.company_name, coalesce(g.invited_email, c.email) as email,"
        + " c.email_invalid as email_invalid, null as status, o.created_at,"
        + " null::timestamptz as sent_at, null::timestamptz as expires_at,"
        + " coalesce(g.reminders_sent, 0) as reminders_sent,"
        + " o.proposed_by_staff_id as invited_by_staff_id,"
        + " s.first_name as staff_first, s.last_name as staff_last,"
        + " o.proposed_by_account_id as invited_by_account_id,"
        + " ic.first_name as client_first, ic.last_name as client_last,"
        + " coalesce(g.status, 'NOT_SENT') as guest_status, g.sent_at as guest_sent_at,"
        + " g.failure_code as guest_failure_code"
        + " from onboarding o join contact c on c.id = o.contact_id"
        + " left join client_account a on a.id = o.account_id"
        + " left join staff_member s on s.id = o.proposed_by_staff_id"
        + " left join client_account ia on ia.id = o.proposed_by_account_id"
        + " left join contact ic on ic.id = ia.contact_id"
        + " left join guest_invitation g on g.onboarding_id = o.id"
        + where;
  }

  private Map<Long, List<PendingActivation.DossierRef>> dossiersOf(List<Row> rows, Scope scope) {
    Map<Long, List<PendingActivation.DossierRef>> byContact = new HashMap<>();
    if (rows.isEmpty()) {
      return byContact;
    }
    var ids = rows.stream().map(r -> r.contactId).distinct().toList();
    jdbc.query(
        "select l.contact_id, d.id, d.company_name from dossier_link l join dossier d on d.id ="
            + " l.dossier_id where l.withdrawn_at is null and l.contact_id in (:ids) and "
            + scope.dossierSql("d.id")
            + " order by d.company_name, d.id",
        Map.of("ids", ids),
        rs -> {
          byContact
              .computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
              .add(new PendingActivation.DossierRef(rs.getLong(2), rs.getString(3)));
        });
    return byContact;
  }

  static String orderBy(Sort sort) {
    List<String> parts = new ArrayList<>();
    for (Sort.Order order : sort.isSorted() ? sort : Sort.by(Sort.Order.asc("sentAt"))) {
      String column = SORTABLE.get(order.getProperty());
      if (column == null) {
        throw DomainException.invalid(
            CommonErrors.INVALID_SORT,
            "sort",
            "The pending activations sort by " + String.join(", ", SORTABLE.keySet()) + ".");
      }
      // never sent (no date) first when ascending: seed 002 sorts them to the top to find them
      parts.add(column + (order.isAscending() ? " asc nulls first" : " desc nulls last"));
    }
    parts.add("u.invitation_id");
    parts.add("u.onboarding_id");
    return " order by " + String.join(", ", parts);
  }

  private static Row row(ResultSet rs) throws SQLException {
    return new Row(
        PendingActivation.Kind.valueOf(rs.getString("kind")),
        rs.getObject("invitation_id", Long.class),
        rs.getObject("onboarding_id", Long.class),
        rs.getObject("account_id", Long.class),
        rs.getLong("contact_id"),
        name(rs.getString("first_name"), rs.getString("last_name"), rs.getString("company_name")),
        rs.getString("email"),
        rs.getBoolean("email_invalid"),
        rs.getString("status") == null ? null : InvitationStatus.valueOf(rs.getString("status")),
        instant(rs.getTimestamp("created_at")),
        instant(rs.getTimestamp("sent_at")),
        instant(rs.getTimestamp("expires_at")),
        rs.getInt("reminders_sent"),
        rs.getObject("invited_by_staff_id") != null
            ? new PendingActivation.InvitedBy(
                "STAFF",
                rs.getLong("invited_by_staff_id"),
                name(rs.getString("staff_first"), rs.getString("staff_last"), null))
            : new PendingActivation.InvitedBy(
                "CLIENT",
                rs.getLong("invited_by_account_id"),
                name(rs.getString("client_first"), rs.getString("client_last"), null)),
        rs.getString("guest_status"),
        instant(rs.getTimestamp("guest_sent_at")),
        rs.getString("guest_failure_code"));
  }

  private static String name(String first, String last, String company) {
    String person = ((first == null ? "" : first) + " " + (last == null ? "" : last)).strip();
    if (!person.isEmpty()) {
      return person;
    }
    return company;
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }

  private record Row(
      PendingActivation.Kind kind,
      Long invitationId,
      Long onboardingId,
      Long accountId,
      long contactId,
      String contactName,
      String email,
      boolean emailInvalid,
      InvitationStatus status,
      Instant createdAt,
      Instant sentAt,
      Instant expiresAt,
      int remindersSent,
      PendingActivation.InvitedBy invitedBy,
      String guestInvitation,
      Instant guestSentAt,
      String guestFailureCode) {

    PendingActivation toView(List<PendingActivation.DossierRef> dossiers) {
      return new PendingActivation(
          kind,
          invitationId,
          onboardingId,
          accountId,
          contactId,
          contactName,
          email,
          emailInvalid,
          status,
          dossiers,
          createdAt,
          sentAt,
          expiresAt,
          remindersSent,
          invitedBy,
          guestInvitation,
          guestSentAt,
          guestFailureCode);
    }
  }
}
