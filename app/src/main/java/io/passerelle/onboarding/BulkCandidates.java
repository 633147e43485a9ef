package io.passerelle.onboarding;

import io.passerelle.catalog.OfferView;
import io.passerelle.domain.Actor;
import io.passerelle.domain.DomainException;
import io.passerelle.domain.EmailAddresses;
import io.passerelle.staff.StaffScope;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Who a bulk invitation reaches (seed 002's preview): every contact linked to the chosen dossiers,
 * invited or left out with the reason, read in one query whatever the number of dossiers, so that a
 * portfolio of thousands previews in a moment. Only the manager of every chosen dossier, or the
 * office administrator, may ask.
 */
@Component
class BulkCandidates {

  /** At most this many dossiers in one bulk invitation. */
  static final int MAX_DOSSIERS = 20_000;

  private static final String CANDIDATES =
      """
      select l.dossier_id, d.company_name as dossier_name, c.id as contact_id,
             c.first_name, c.last_name, c.company_name, c.email, c.email_invalid,
             c.status as contact_status, a.status as account_status,
             exists (select 1 from collaborative_service s
                     where s.dossier_id = l.dossier_id and s.contact_id = c.id
                       and s.offer_id = :offerId
                       and s.status in ('PROPOSED', 'INVITED', 'ACTIVE')) as has_service,
             exists (select 1 from onboarding o
                     where o.dossier_id = l.dossier_id and o.contact_id = c.id
                       and o.offer_code = :offerCode
                       and o.status in ('STARTING', 'IN_PROGRESS')) as running
      from dossier_link l
      join dossier d on d.id = l.dossier_id
      join contact c on c.id = l.contact_id
      left join client_account a on a.contact_id = c.id
      where l.withdrawn_at is null and l.dossier_id = any(:dossierIds)
        and (:subset = false or c.id = any(:contactIds))
      order by d.company_name, d.id, c.last_name, c.first_name, c.id
      """;

  private final JdbcClient jdbc;
  private final StaffScope scopes;

  BulkCandidates(JdbcClient jdbc, StaffScope scopes) {
    this.jdbc = jdbc;
    this.scopes = scopes;
  }

  List<BulkPreview.Candidate> of(BulkRequest request, OfferView offer, Actor actor) {
    List<Long> dossierIds =
        request.dossierIds() == null
            ? List.of()
            : List.copyOf(new LinkedHashSet<>(request.dossierIds()));
    if (dossierIds.isEmpty()) {
      throw DomainException.invalid("REQUIRED", "dossierIds", "Choose at least one dossier.");
    }
    if (dossierIds.size() > MAX_DOSSIERS) {
      throw DomainException.invalid(
          "TOO_MANY", "dossierIds", "At most " + MAX_DOSSIERS + " dossiers at once.");
    }
    checkManager(dossierIds, actor);
    boolean subset = request.contactIds() != null && !request.contactIds().isEmpty();
    Long[] contactIds = subset ? request.contactIds().toArray(Long[]::new) : new Long[0];
    return jdbc.sql(CANDIDATES)
        .param("offerId", offer.id())
        .param("offerCode", offer.code())
        .param("dossierIds", dossierIds.toArray(Long[]::new))
        .param("subset", subset)
        .param("contactIds", contactIds)
        .query((rs, row) -> candidate(rs))
        .list();
  }

  private static BulkPreview.Candidate candidate(ResultSet rs) throws SQLException {
    String name =
        ((rs.getString("first_name") == null ? "" : rs.getString("first_name"))
                + " "
                + (rs.getString("last_name") == null ? "" : rs.getString("last_name")))
            .strip();
    if (name.isEmpty()) {
      name = rs.getString("company_name");
    }
    String email = rs.getString("email");
    boolean invalid = rs.getBoolean("email_invalid") || !EmailAddresses.isValid(email);
    String skipped = skipReason(rs);
    BulkPreview.Outcome outcome;
    if (skipped != null) {
      outcome = BulkPreview.Outcome.SKIP;
    } else if (invalid) {
      outcome = BulkPreview.Outcome.INVALID_EMAIL;
    } else if ("ACTIVE".equals(rs.getString("account_status"))) {
      outcome = BulkPreview.Outcome.NEW_ACCESS;
    } else {
      outcome = BulkPreview.Outcome.INVITE;
    }
    return new BulkPreview.Candidate(
        rs.getLong("dossier_id"),
        rs.getString("dossier_name"),
        rs.getLong("contact_id"),
        name,
        email,
        invalid,
        outcome,
        skipped);
  }

  /** Why the contact is left out, in this order; null when it is not. */
  private static String skipReason(ResultSet rs) throws SQLException {
    if (!"ACTIVE".equals(rs.getString("contact_status"))) {
      return BulkPreview.CONTACT_INACTIVE;
    }
    if (rs.getBoolean("running")) {
      return BulkPreview.ONBOARDING_RUNNING;
    }
    if (rs.getBoolean("has_service")) {
      return BulkPreview.ALREADY_ONBOARDED;
    }
    if ("DISABLED".equals(rs.getString("account_status"))) {
      return BulkPreview.ACCOUNT_DISABLED;
    }
    return null;
  }

  private void checkManager(List<Long> dossierIds, Actor actor) {
    List<Map<String, Object>> rows =
        jdbc.sql(
                "select id, manager_id, company_name, "
                    + scopes.current().dossierSql("dossier.id")
                    + " as visible from dossier where id = any(:ids)")
            .param("ids", dossierIds.toArray(Long[]::new))
            .query()
            .listOfRows();
    if (rows.size() != dossierIds.size()) {
      Set<Long> found = new LinkedHashSet<>();
      rows.forEach(r -> found.add(((Number) r.get("id")).longValue()));
      List<Long> unknown = new ArrayList<>(dossierIds);
      unknown.removeAll(found);
      throw DomainException.notFound(
          "DOSSIER_UNKNOWN", "No dossier has the id " + unknown.getFirst() + ".");
    }
    if (actor.isAdministrator() || actor instanceof Actor.SystemActor) {
      return;
    }
    if (!(actor instanceof Actor.Staff staff)) {
      throw DomainException.forbidden("STAFF_ONLY", "Only the firm's staff invite in bulk.");
    }
    List<String> notManaged =
        rows.stream()
            .filter(r -> ((Number) r.get("manager_id")).longValue() != staff.staffId())
            // a dossier the caller does not see is not named
            .map(r -> Boolean.TRUE.equals(r.get("visible")) ? (String) r.get("company_name") : "…")
            .distinct()
            .toList();
    if (!notManaged.isEmpty()) {
      throw DomainException.forbidden(
          "EXTERNAL_ACCESS_MANAGER_ONLY",
          "Only a dossier's manager or the office administrator invites its contacts; you do not"
              + " manage: "
              + String.join(", ", notManaged.subList(0, Math.min(5, notManaged.size())))
              + (notManaged.size() > 5 ? " (and " + (notManaged.size() - 5) + " more)" : "")
              + ".");
    }
  }
}
