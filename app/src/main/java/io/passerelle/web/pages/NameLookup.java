package io.passerelle.web.pages;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The activity feed and the inbox name people and dossiers by id only (they hold no personal data);
 * the pages show names, looked up for a whole page at once: one statement per kind.
 */
@Component
public class NameLookup {

  private final NamedParameterJdbcTemplate jdbc;

  NameLookup(NamedParameterJdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Transactional(readOnly = true)
  public Map<Long, String> dossiers(Collection<Long> ids) {
    return names(ids, "select id, company_name, null, null from dossier where id in (:ids)");
  }

  @Transactional(readOnly = true)
  public Map<Long, String> contacts(Collection<Long> ids) {
    return names(
        ids, "select id, first_name, last_name, company_name from contact where id in (:ids)");
  }

  @Transactional(readOnly = true)
  public Map<Long, String> staff(Collection<Long> ids) {
    return names(
        ids, "select id, first_name, last_name, null from staff_member where id in (:ids)");
  }

  /** Client accounts are named by their contact. */
  @Transactional(readOnly = true)
  public Map<Long, String> accounts(Collection<Long> ids) {
    return names(
        ids,
        "select a.id, c.first_name, c.last_name, c.company_name from client_account a"
            + " join contact c on c.id = a.contact_id where a.id in (:ids)");
  }

  private Map<Long, String> names(Collection<Long> ids, String sql) {
    List<Long> wanted = ids.stream().filter(Objects::nonNull).distinct().toList();
    Map<Long, String> names = new HashMap<>();
    if (wanted.isEmpty()) {
      return names;
    }
    jdbc.query(
        sql,
        Map.of("ids", wanted),
        rs -> {
          String second = rs.getString(3);
          names.put(
              rs.getLong(1),
              second == null && rs.getString(4) == null
                  ? rs.getString(2)
                  : Names.person(rs.getString(2), second, rs.getString(4)));
        });
    return names;
  }
}
