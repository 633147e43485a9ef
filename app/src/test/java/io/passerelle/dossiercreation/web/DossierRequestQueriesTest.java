package io.passerelle.dossiercreation.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.passerelle.dossiercreation.web.DossierRequestQueries.Ref;
import io.passerelle.staff.StaffRole;
import io.passerelle.support.RepositoryTest;
import io.passerelle.support.SliceRows;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The dossier creation pages' lookups on real PostgreSQL (the JPA slice, its own database): the
 * dossier that already holds a SIRET, and the requests that tasks' process instances belong to.
 */
@RepositoryTest
class DossierRequestQueriesTest {

  @Autowired NamedParameterJdbcTemplate named;
  @Autowired JdbcTemplate jdbc;

  DossierRequestQueries queries;
  SliceRows rows;
  long manager;

  @BeforeEach
  void staff() {
    queries = new DossierRequestQueries(named);
    rows = new SliceRows(jdbc);
    manager = rows.staffMember("drq.manager", "Marie", "Martin", StaffRole.MANAGER);
  }

  @Test
  @DisplayName("the dossier holding a SIRET is found with its name; a SIRET nobody holds is not")
  void dossierWithSiret() {
    long dossier = rows.dossier("Menuiserie Dupont", "73282932000074", manager);
    rows.dossier("Sans SIRET", null, manager);

    assertThat(queries.dossierWithSiret("73282932000074"))
        .contains(new Ref(dossier, "Menuiserie Dupont"));
    assertThat(queries.dossierWithSiret("55208131766522")).isEmpty();
  }

  @Test
  @DisplayName(
      "requests by process instance: named by company, by SIRET while the company is unknown;"
          + " unknown and null keys left out")
  void requestsByInstance() {
    long named = request(9001L, "73282932000074", "Menuiserie Dupont");
    long bySiret = request(9002L, "55208131766522", null);
    request(null, null, "Sans instance");

    Map<Long, Ref> refs = queries.requestsByInstance(Arrays.asList(9001L, 9002L, 9003L, null));

    assertThat(refs)
        .containsOnly(
            Map.entry(9001L, new Ref(named, "Menuiserie Dupont")),
            Map.entry(9002L, new Ref(bySiret, "SIRET 55208131766522")));
    assertThat(queries.requestsByInstance(List.of())).isEmpty();
  }

  private long request(Long instanceKey, String siret, String company) {
    return jdbc.queryForObject(
        "insert into dossier_request (requested_by_staff_id, status, siret, company_name,"
            + " manager_id, process_instance_key) values (?, 'DETAILS_NEEDED', ?, ?, ?, ?)"
            + " returning id",
        Long.class,
        manager,
        siret,
        company,
        manager,
        instanceKey);
  }
}
