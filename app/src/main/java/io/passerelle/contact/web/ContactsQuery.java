package io.passerelle.contact.web;

import io.passerelle.account.AccountStatus;
import io.passerelle.domain.Texts;
import io.passerelle.staff.Scope;
import io.passerelle.staff.StaffScope;
import io.passerelle.web.pages.Names;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Seed 000's contacts list: name, company, subscriber type, e-mail (flagged when invalid), access
 * (active with the last sign-in, pending, not invited) and GED status, with the live invitation the
 * actions work on. Two statements per page (count and rows).
 */
@Component
class ContactsQuery {

  record Filter(
      String q,
      String subscriberType,
      AccountStatus accountStatus,
      boolean emailInvalid,
      boolean includeInactive) {}

  /** GED status over the contact's live links: all, some, none, or no link at all. */
  enum GedStatus {
    ACCESS,
    PARTIAL,
    REVOKED,
    NO_LINK;

    public String label() {
      return switch (this) {
        case ACCESS -> "Accès";
        case PARTIAL -> "Accès partiel";
        case REVOKED -> "Pas d'accès";
        case NO_LINK -> "Aucun dossier";
      };
    }
  }

  record ContactRow(
      long id,
      String firstName,
      String lastName,
      String companyName,
      String subscriberType,
      String email,
      boolean emailInvalid,
      String status,
      AccountStatus accountStatus,
      Instant lastLoginAt,
      GedStatus ged,
      int dossiers,
      Long invitationId,
      Long onboardingId,
      Instant invitationSentAt) {

    public String name() {
      return Names.person(firstName, lastName, companyName);
    }

    public String colour() {
      return accountStatus.colour().name().toLowerCase(Locale.ROOT);
    }
  }

  private final NamedParameterJdbcTemplate jdbc;
  private final StaffScope scopes;

  ContactsQuery(NamedParameterJdbcTemplate jdbc, StaffScope scopes) {
    this.jdbc = jdbc;
    this.scopes = scopes;
  }

  @Transactional(readOnly = true)
  Page<ContactRow> find(Filter filter, Pageable pageable) {
    var params = new MapSqlParameterSource();
    List<String> where = new ArrayList<>();
    Scope scope = scopes.current();
    if (!scope.isEverything()) {
      where.add(scope.contactSql("c.id"));
    }
    if (!filter.includeInactive()) {
      where.add("c.status = 'ACTIVE'");
    }
    if (filter.q() != null && !filter.q().isBlank()) {
      params.addValue(
          "like", "%" + Texts.escapeLike(filter.q().strip().toLowerCase(Locale.ROOT)) + "%");
      where.add(
          "(lower(coalesce(c.first_name, '') || ' ' || coalesce(c.last_name, '')) like :like"
              + " escape '\\' or lower(c.company_name) like :like escape '\\'"
              + " or lower(c.email) like :like escape '\\')");
    }
    if (filter.subscriberType() != null && !filter.subscriberType().isBlank()) {
      where.add("c.subscriber_type = :type");
      params.addValue("type", filter.subscriberType());
    }
    if (filter.accountStatus() != null) {
      where.add("coalesce(a.status, 'NOT_INVITED') = :accountStatus");
      params.addValue("accountStatus", filter.accountStatus().name());
    }
    if (filter.emailInvalid()) {
      where.add("c.email_invalid");
    }
    String from =
        " from contact c left join client_account a on a.contact_id = c.id"
            + (where.isEmpty() ? "" : " where " + String.join(" and ", where));
    Long total = jdbc.queryForObject("select count(*)" + from, params, Long.class);
    params.addValue("limit", pageable.getPageSize());
    params.addValue("offset", pageable.getOffset());
    List<ContactRow> rows =
        jdbc.query(
            "select c.id, c.first_name, c.last_name, c.company_name, c.subscriber_type, c.email,"
                + " c.email_invalid, c.status, coalesce(a.status, 'NOT_INVITED') as account_status,"
                + " a.last_login_at, g.links, g.with_ged, i.id as invitation_id, i.onboarding_id,"
                + " i.sent_at"
                + " from contact c left join client_account a on a.contact_id = c.id"
                + " left join lateral (select count(*) as links,"
                + " count(*) filter (where l.ged_access) as with_ged from dossier_link l"
                + " where l.contact_id = c.id and l.withdrawn_at is null and "
                + scope.dossierSql("l.dossier_id")
                + ") g on true"
                + " left join invitation i on i.account_id = a.id"
                + " and i.status in ('PENDING_SEND', 'SENT')"
                + (where.isEmpty() ? "" : " where " + String.join(" and ", where))
                + " order by lower(coalesce(c.last_name, c.company_name, '')),"
                + " lower(coalesce(c.first_name, '')), c.id limit :limit offset :offset",
            params,
            ContactsQuery::row);
    return new PageImpl<>(rows, pageable, total == null ? 0 : total);
  }

  private static ContactRow row(ResultSet rs, int n) throws SQLException {
    int links = rs.getInt("links");
    int withGed = rs.getInt("with_ged");
    GedStatus ged =
        links == 0
            ? GedStatus.NO_LINK
            : withGed == links
                ? GedStatus.ACCESS
                : withGed == 0 ? GedStatus.REVOKED : GedStatus.PARTIAL;
    return new ContactRow(
        rs.getLong("id"),
        rs.getString("first_name"),
        rs.getString("last_name"),
        rs.getString("company_name"),
        rs.getString("subscriber_type"),
        rs.getString("email"),
        rs.getBoolean("email_invalid"),
        rs.getString("status"),
        AccountStatus.valueOf(rs.getString("account_status")),
        DossierContactsQuery.instant(rs.getTimestamp("last_login_at")),
        ged,
        links,
        (Long) rs.getObject("invitation_id"),
        (Long) rs.getObject("onboarding_id"),
        DossierContactsQuery.instant(rs.getTimestamp("sent_at")));
  }

  record ContactLink(
      long linkId,
      long dossierId,
      String companyName,
      String accessLevel,
      String limitedTo,
      boolean holder,
      boolean gedAccess,
      long managerId) {}

  /** The contact's live links with their dossiers' names: one statement. */
  @Transactional(readOnly = true)
  List<ContactLink> linksOf(long contactId) {
    return jdbc.query(
        "select l.id, d.id as dossier_id, d.company_name, l.access_level, l.limited_to, l.holder,"
            + " l.ged_access, d.manager_id from dossier_link l join dossier d on d.id ="
            + " l.dossier_id where l.contact_id = :contactId and l.withdrawn_at is null and "
            + scopes.current().dossierSql("d.id")
            + " order by lower(d.company_name), d.id",
        java.util.Map.of("contactId", contactId),
        (rs, n) ->
            new ContactLink(
                rs.getLong("id"),
                rs.getLong("dossier_id"),
                rs.getString("company_name"),
                rs.getString("access_level"),
                rs.getString("limited_to"),
                rs.getBoolean("holder"),
                rs.getBoolean("ged_access"),
                rs.getLong("manager_id")));
  }

  /**
   * The contact's onboardings whose offer signs in with Microsoft, with their guest invitation's
   * state (issue 23; NOT_SENT while the journey has not reached it), newest first.
   */
  List<GuestInvitationLine> guestInvitationsOf(long contactId) {
    return jdbc.query(
        "select o.id, d.id as dossier_id, d.company_name, o.offer_code,"
            + " coalesce(g.status, 'NOT_SENT') as status, g.sent_at, g.accepted_at,"
            + " coalesce(g.reminders_sent, 0) as reminders_sent, g.failure_code,"
            // pending, the journey running and no service invitation yet: the guest invitation is
            // what the onboarding's resend and cancel act on (issue 23, item 5)
            + " (g.status = 'PENDING_ACCEPTANCE' and o.status in ('STARTING', 'IN_PROGRESS')"
            + " and not exists (select 1 from invitation x where x.onboarding_id = o.id))"
            + " as actionable"
            + " from onboarding o join dossier d on d.id = o.dossier_id"
            + " left join guest_invitation g on g.onboarding_id = o.id"
            + " where o.contact_id = :contactId and o.identity = 'MICROSOFT' and "
            + scopes.current().dossierSql("d.id")
            + " order by o.created_at desc, o.id desc",
        java.util.Map.of("contactId", contactId),
        (rs, n) ->
            new GuestInvitationLine(
                rs.getLong("id"),
                rs.getLong("dossier_id"),
                rs.getString("company_name"),
                rs.getString("offer_code"),
                rs.getString("status"),
                rs.getTimestamp("sent_at") == null ? null : rs.getTimestamp("sent_at").toInstant(),
                rs.getTimestamp("accepted_at") == null
                    ? null
                    : rs.getTimestamp("accepted_at").toInstant(),
                rs.getInt("reminders_sent"),
                rs.getString("failure_code"),
                rs.getBoolean("actionable")));
  }

  /**
   * A line of the contact page's "Microsoft guest invitations" table; {@code actionable}: pending
   * acceptance while the journey waits for it, so that resend and cancel act on it.
   */
  record GuestInvitationLine(
      long onboardingId,
      long dossierId,
      String companyName,
      String offerCode,
      String status,
      java.time.Instant sentAt,
      java.time.Instant acceptedAt,
      int remindersSent,
      String failureCode,
      boolean actionable) {}
}
