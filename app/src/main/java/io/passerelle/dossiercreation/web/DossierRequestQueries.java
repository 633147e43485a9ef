package io.passerelle.dossiercreation.web;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the dossier creation pages look up besides the services' views: the dossier that already has
 * a SIRET ("déjà utilisé", with its link), and the dossier request a task's process instance
 * belongs to (the tasks list names it). One statement each.
 */
@Component
public class DossierRequestQueries {

  private final NamedParameterJdbcTemplate jdbc;

  DossierRequestQueries(NamedParameterJdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** A dossier or a request, named for a link. */
  public record Ref(long id, String name) {}

  @Transactional(readOnly = true)
  Optional<Ref> dossierWithSiret(String siret) {
    return jdbc
        .query(
            "select id, company_name from dossier where siret = :siret",
            Map.of("siret", siret),
            (rs, n) -> new Ref(rs.getLong(1), rs.getString(2)))
        .stream()
        .findFirst();
  }

  /**
   * The dossier requests of these process instances, by instance key, named by their company (or
   * their SIRET while the company is not known yet).
   */
  @Transactional(readOnly = true)
  public Map<Long, Ref> requestsByInstance(Collection<Long> processInstanceKeys) {
    List<Long> keys = processInstanceKeys.stream().filter(Objects::nonNull).distinct().toList();
    Map<Long, Ref> refs = new HashMap<>();
    if (keys.isEmpty()) {
      return refs;
    }
    jdbc.query(
        "select process_instance_key, id, coalesce(company_name, 'SIRET ' || siret)"
            + " from dossier_request where process_instance_key in (:keys)",
        Map.of("keys", keys),
        rs -> {
          String name = rs.getString(3);
          refs.put(
              rs.getLong(1),
              new Ref(rs.getLong(2), name == null ? "Demande n° " + rs.getLong(2) : name));
        });
    return refs;
  }
}
