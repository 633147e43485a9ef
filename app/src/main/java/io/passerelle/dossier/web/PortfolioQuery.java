package io.passerelle.dossier.web;

import io.passerelle.account.AccountStatus;
import io.passerelle.domain.Texts;
import io.passerelle.dossier.Siret;
import io.passerelle.staff.Scope;
import io.passerelle.staff.StaffScope;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The portfolio's read model: one page of dossiers filtered and paginated in SQL, then for that
 * page only, in one statement each, its offers, its assigned staff and its contacts counted by
 * account status. Five statements whatever the page size or the number of dossiers in the firm.
 */
@Component
public class PortfolioQuery {

  /** Filters; every field optional. {@code q}: in the company name or the SIRET. */
  public record Filter(
      String q, Long managerId, Long staffId, String offerCode, AccountStatus contactStatus) {}

  record OfferTile(String code, String name, String widgetState) {}

  record StaffName(long id, String name) {}

  record Row(
      long id,
      String companyName,
      String siret,
      String city,
      StaffName manager,
      List<OfferTile> offers,
      List<StaffName> assignedStaff,
      Map<AccountStatus, Integer> contactsByStatus) {

    public boolean hasOffer(String code) {
      return offers.stream().anyMatch(o -> o.code().equals(code));
    }

    public int contacts(AccountStatus status) {
      return contactsByStatus.getOrDefault(status, 0);
    }

    public int count(String status) {
      return contacts(AccountStatus.valueOf(status));
    }

    public int contactCount() {
      return contactsByStatus.values().stream().mapToInt(Integer::intValue).sum();
    }
  }

  private final NamedParameterJdbcTemplate jdbc;
  private final StaffScope scopes;

  PortfolioQuery(NamedParameterJdbcTemplate jdbc, StaffScope scopes) {
    this.jdbc = jdbc;
    this.scopes = scopes;
  }

  /** The ids of the dossiers matching the filter, by name, at most {@code limit}. */
  @Transactional(readOnly = true)
  public List<Long> ids(Filter filter, int limit) {
    var params = new MapSqlParameterSource();
    String whereSql = where(filter, params);
    params.addValue("limit", limit);
    return jdbc.queryForList(
        "select d.id from dossier d"
            + whereSql
            + " order by lower(d.company_name), d.id limit :limit",
        params,
        Long.class);
  }

  @Transactional(readOnly = true)
  public Page<Row> find(Filter filter, Pageable pageable) {
    var params = new MapSqlParameterSource();
    String whereSql = where(filter, params);
    Long total =
        jdbc.queryForObject("select count(*) from dossier d" + whereSql, params, Long.class);
    return rest(filter, pageable, params, whereSql, total);
  }

  private String where(Filter filter, MapSqlParameterSource params) {
    List<String> where = new ArrayList<>();
    Scope scope = scopes.current();
    if (!scope.isEverything()) {
      where.add(scope.dossierSql("d.id"));
    }
    if (filter.q() != null && !filter.q().isBlank()) {
      String q = filter.q().strip().toLowerCase(Locale.ROOT);
      params.addValue("like", "%" + Texts.escapeLike(q) + "%");
      String digits = Siret.normalise(q);
      if (digits != null && digits.matches("[0-9]{3,14}")) {
        params.addValue("siret", "%" + digits + "%");
        where.add("(lower(d.company_name) like :like escape '\\' or d.siret like :siret)");
      } else {
        where.add("lower(d.company_name) like :like escape '\\'");
      }
    }
    if (filter.managerId() != null) {
      where.add("d.manager_id = :managerId");
      params.addValue("managerId", filter.managerId());
    }
    if (filter.staffId() != null) {
      where.add(
          "exists (select 1 from dossier_staff s where s.dossier_id = d.id"
              + " and s.staff_id = :staffId)");
      params.addValue("staffId", filter.staffId());
    }
    if (filter.offerCode() != null && !filter.offerCode().isBlank()) {
      where.add(
          "exists (select 1 from dossier_offer o join offer f on f.id = o.offer_id"
              + " where o.dossier_id = d.id and f.code = :offerCode)");
      params.addValue("offerCode", filter.offerCode());
    }
    if (filter.contactStatus() != null) {
      where.add(
          "exists (select 1 from dossier_link l left join client_account a"
              + " on a.contact_id = l.contact_id where l.dossier_id = d.id"
              + " and l.withdrawn_at is null and coalesce(a.status, 'NOT_INVITED') = :status)");
      params.addValue("status", filter.contactStatus().name());
    }
    return where.isEmpty() ? "" : " where " + String.join(" and ", where);
  }

  private Page<Row> rest(
      Filter filter, Pageable pageable, MapSqlParameterSource params, String whereSql, Long total) {
    params.addValue("limit", pageable.getPageSize());
    params.addValue("offset", pageable.getOffset());
    List<Object[]> heads =
        jdbc.query(
            "select d.id, d.company_name, d.siret, d.city, m.id as manager_id, m.first_name,"
                + " m.last_name from dossier d join staff_member m on m.id = d.manager_id"
                + whereSql
                + " order by lower(d.company_name), d.id limit :limit offset :offset",
            params,
            (rs, n) ->
                new Object[] {
                  rs.getLong("id"),
                  rs.getString("company_name"),
                  rs.getString("siret"),
                  rs.getString("city"),
                  new StaffName(
                      rs.getLong("manager_id"),
                      rs.getString("first_name") + " " + rs.getString("last_name"))
                });
    if (heads.isEmpty()) {
      return new PageImpl<>(List.of(), pageable, total == null ? 0 : total);
    }
    List<Long> ids = heads.stream().map(h -> (Long) h[0]).toList();
    Map<Long, List<OfferTile>> offers = offersOf(ids);
    Map<Long, List<StaffName>> staff = staffOf(ids);
    Map<Long, Map<AccountStatus, Integer>> counts = contactCountsOf(ids);
    List<Row> rows = new ArrayList<>();
    for (Object[] h : heads) {
      long id = (Long) h[0];
      rows.add(
          new Row(
              id,
              (String) h[1],
              (String) h[2],
              (String) h[3],
              (StaffName) h[4],
              offers.getOrDefault(id, List.of()),
              staff.getOrDefault(id, List.of()),
              counts.getOrDefault(id, Map.of())));
    }
    return new PageImpl<>(rows, pageable, total == null ? 0 : total);
  }

  private Map<Long, List<OfferTile>> offersOf(List<Long> ids) {
    Map<Long, List<OfferTile>> byDossier = new HashMap<>();
    jdbc.query(
        "select o.dossier_id, f.code, f.name, o.widget_state from dossier_offer o"
            + " join offer f on f.id = o.offer_id where o.dossier_id in (:ids)"
            + " order by o.activated_at",
        Map.of("ids", ids),
        rs -> {
          byDossier
              .computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
              .add(new OfferTile(rs.getString(2), rs.getString(3), rs.getString(4)));
        });
    return byDossier;
  }

  private Map<Long, List<StaffName>> staffOf(List<Long> ids) {
    Map<Long, List<StaffName>> byDossier = new HashMap<>();
    jdbc.query(
        "select ds.dossier_id, s.id, s.first_name, s.last_name from dossier_staff ds"
            + " join staff_member s on s.id = ds.staff_id where ds.dossier_id in (:ids)"
            + " order by s.last_name, s.first_name",
        Map.of("ids", ids),
        rs -> {
          byDossier
              .computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
              .add(new StaffName(rs.getLong(2), rs.getString(3) + " " + rs.getString(4)));
        });
    return byDossier;
  }

  private Map<Long, Map<AccountStatus, Integer>> contactCountsOf(List<Long> ids) {
    Map<Long, Map<AccountStatus, Integer>> byDossier = new LinkedHashMap<>();
    jdbc.query(
        "select l.dossier_id, coalesce(a.status, 'NOT_INVITED'), count(*) from dossier_link l"
            + " left join client_account a on a.contact_id = l.contact_id"
            + " where l.withdrawn_at is null and l.dossier_id in (:ids) group by 1, 2",
        Map.of("ids", ids),
        rs -> {
          byDossier
              .computeIfAbsent(rs.getLong(1), k -> new EnumMap<>(AccountStatus.class))
              .put(AccountStatus.valueOf(rs.getString(2)), rs.getInt(3));
        });
    return byDossier;
  }
}
