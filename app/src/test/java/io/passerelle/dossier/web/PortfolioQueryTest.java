package io.passerelle.dossier.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.passerelle.account.AccountStatus;
import io.passerelle.staff.StaffRole;
import io.passerelle.staff.StaffScope;
import io.passerelle.staff.StaffVisibility;
import io.passerelle.staff.VisibilityProperties;
import io.passerelle.support.RepositoryTest;
import io.passerelle.support.SliceRows;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The portfolio's read model on real PostgreSQL (the JPA slice, its own database: the counts are
 * exact): what each filter keeps, what a page carries, and what a staff member may see.
 */
@RepositoryTest
class PortfolioQueryTest {

  @Autowired NamedParameterJdbcTemplate named;
  @Autowired JdbcTemplate jdbc;

  PortfolioQuery query;
  SliceRows rows;
  long manager;
  long staff;
  long alpha;
  long beta;
  long gamma;

  @BeforeEach
  void threeDossiers() {
    query = new PortfolioQuery(named, scopes(StaffVisibility.ASSIGNED));
    rows = new SliceRows(jdbc);
    manager = rows.staffMember("pq.manager", "Marie", "Martin", StaffRole.MANAGER);
    staff = rows.staffMember("pq.staff", "Sam", "Simon", StaffRole.STAFF);
    long other = rows.staffMember("pq.other", "Odile", "Olivier", StaffRole.MANAGER);
    alpha = rows.dossier("Alpha Menuiserie", "73282932000074", manager);
    beta = rows.dossier("Beta Plomberie", null, manager);
    gamma = rows.dossier("gamma boulangerie", null, other);
    jdbc.update("insert into dossier_staff (dossier_id, staff_id) values (?, ?)", alpha, staff);
    jdbc.update(
        "insert into dossier_offer (dossier_id, offer_id)"
            + " select ?, id from offer where code = 'START'",
        alpha);
    contact(alpha, "pending@alpha.test", AccountStatus.PENDING);
    contact(alpha, "none@alpha.test", null);
    contact(beta, "none@beta.test", null);
  }

  @AfterEach
  void signOut() {
    SecurityContextHolder.clearContext();
  }

  @Test
  @DisplayName("a page carries its rows by name, each with its offers, staff and contact counts")
  void pageCarriesItsRows() {
    var page = query.find(filter(null, null, null, null), PageRequest.of(0, 2));

    assertThat(page.getTotalElements()).isEqualTo(3);
    assertThat(page.getContent())
        .extracting(PortfolioQuery.Row::companyName)
        .containsExactly("Alpha Menuiserie", "Beta Plomberie");
    var first = page.getContent().getFirst();
    assertThat(first.manager().name()).isEqualTo("Marie Martin");
    assertThat(first.hasOffer("START")).isTrue();
    assertThat(first.assignedStaff())
        .extracting(s -> s.name())
        .containsExactly("Marie Martin", "Sam Simon");
    assertThat(first.contacts(AccountStatus.PENDING)).isEqualTo(1);
    assertThat(first.contacts(AccountStatus.NOT_INVITED)).isEqualTo(1);
    assertThat(first.contactCount()).isEqualTo(2);
    assertThat(query.find(filter(null, null, null, null), PageRequest.of(1, 2)).getContent())
        .extracting(PortfolioQuery.Row::companyName)
        .containsExactly("gamma boulangerie");
  }

  @Test
  @DisplayName("the text filter finds part of a name in any case, and digits in the SIRET")
  void textFilter() {
    assertThat(names(filter("MENUIS", null, null, null))).containsExactly("Alpha Menuiserie");
    assertThat(names(filter("932 000", null, null, null))).containsExactly("Alpha Menuiserie");
    assertThat(names(filter("%", null, null, null))).isEmpty();
  }

  @Test
  @DisplayName("the manager, offer and contact-status filters each keep only their dossiers")
  void otherFilters() {
    assertThat(names(filter(null, manager, null, null)))
        .containsExactly("Alpha Menuiserie", "Beta Plomberie");
    assertThat(names(filter(null, null, "START", null))).containsExactly("Alpha Menuiserie");
    assertThat(names(filter(null, null, null, AccountStatus.PENDING)))
        .containsExactly("Alpha Menuiserie");
    // a contact without an account counts as not invited
    assertThat(names(filter(null, null, null, AccountStatus.NOT_INVITED)))
        .containsExactly("Alpha Menuiserie", "Beta Plomberie");
  }

  @Test
  @DisplayName("staff under the ASSIGNED setting see only their dossiers; under ALL, every one")
  void staffSeeTheirDossiers() {
    SliceRows.signIn(staff, StaffRole.STAFF);
    assertThat(names(filter(null, null, null, null))).containsExactly("Alpha Menuiserie");
    assertThat(query.ids(filter(null, null, null, null), 10)).containsExactly(alpha);

    query = new PortfolioQuery(named, scopes(StaffVisibility.ALL));
    assertThat(names(filter(null, null, null, null))).hasSize(3);
  }

  private List<String> names(PortfolioQuery.Filter filter) {
    return query.find(filter, PageRequest.of(0, 25)).getContent().stream()
        .map(PortfolioQuery.Row::companyName)
        .toList();
  }

  private static PortfolioQuery.Filter filter(
      String q, Long managerId, String offer, AccountStatus status) {
    return new PortfolioQuery.Filter(q, managerId, null, offer, status);
  }

  private static StaffScope scopes(StaffVisibility visibility) {
    return new StaffScope(new VisibilityProperties(visibility));
  }

  private void contact(long dossier, String email, AccountStatus status) {
    long contact = rows.contact("Anne", "Client", null, email);
    rows.link(dossier, contact, false);
    if (status != null) {
      rows.account(contact, email, status.name());
    }
  }
}
