package io.passerelle.contact.web;

import io.passerelle.account.AccountStatus;
import io.passerelle.web.pages.Names;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The contacts linked to one dossier, with their access (level, scope, holder, GED), their account
 * status and their live invitation if any: one statement.
 */
@Component
public class DossierContactsQuery {

  record LinkedContact(
      long linkId,
      long contactId,
      String name,
      String companyName,
      String subscriberType,
      String email,
      boolean emailInvalid,
      String accessLevel,
      String limitedTo,
      boolean holder,
      boolean gedAccess,
      AccountStatus accountStatus,
      Instant lastLoginAt,
      Long invitationId,
      Long onboardingId,
      String invitationStatus,
      Instant invitationSentAt) {

    public String colour() {
      return accountStatus.colour().name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private final NamedParameterJdbcTemplate jdbc;

  DossierContactsQuery(NamedParameterJdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Transactional(readOnly = true)
  public List<LinkedContact> forDossier(long dossierId) {
    return jdbc.query(
        "select l.id as link_id, c.id as contact_id, c.first_name, c.last_name, c.company_name,"
            + " c.subscriber_type, c.email, c.email_invalid, l.access_level, l.limited_to,"
            + " l.holder, l.ged_access, coalesce(a.status, 'NOT_INVITED') as account_status,"
            + " a.last_login_at, i.id as invitation_id, i.onboarding_id, i.status as inv_status,"
            + " i.sent_at from dossier_link l join contact c on c.id = l.contact_id"
            + " left join client_account a on a.contact_id = c.id"
            + " left join invitation i on i.account_id = a.id"
            + " and i.status in ('PENDING_SEND', 'SENT')"
            + " where l.dossier_id = :dossierId and l.withdrawn_at is null"
            + " order by l.holder desc, lower(coalesce(c.last_name, c.company_name, '')), c.id",
        Map.of("dossierId", dossierId),
        (rs, n) ->
            new LinkedContact(
                rs.getLong("link_id"),
                rs.getLong("contact_id"),
                Names.person(
                    rs.getString("first_name"),
                    rs.getString("last_name"),
                    rs.getString("company_name")),
                rs.getString("company_name"),
                rs.getString("subscriber_type"),
                rs.getString("email"),
                rs.getBoolean("email_invalid"),
                rs.getString("access_level"),
                rs.getString("limited_to"),
                rs.getBoolean("holder"),
                rs.getBoolean("ged_access"),
                AccountStatus.valueOf(rs.getString("account_status")),
                instant(rs.getTimestamp("last_login_at")),
                (Long) rs.getObject("invitation_id"),
                (Long) rs.getObject("onboarding_id"),
                rs.getString("inv_status"),
                instant(rs.getTimestamp("sent_at"))));
  }

  public static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
