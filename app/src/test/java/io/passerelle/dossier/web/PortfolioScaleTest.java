package io.passerelle.dossier.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.passerelle.support.Api;
import io.passerelle.support.IsolatedSpringTest;
import io.passerelle.support.StatementCounter;
import io.passerelle.support.TestData;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The list pages on a firm of thousands of dossiers: a page of the portfolio (and of the contacts,
 * the pending list) costs a fixed handful of SQL statements whatever the number of dossiers or the
 * page size — no N+1 — and answers fast. Statements are counted on the connections the request
 * thread takes from the pool, in the second application context ({@link IsolatedSpringTest}: its
 * thousands of dossiers stay out of the shared context's lists).
 */
@IsolatedSpringTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PortfolioScaleTest {

  private static final int DOSSIERS = 3000;

  @Autowired MockMvc mvc;
  @Autowired UserDetailsService users;
  @Autowired JdbcTemplate jdbc;

  String marker;

  @BeforeAll
  void thousandsOfDossiers() {
    marker = TestData.unique("Echelle");
    Long manager =
        jdbc.queryForObject(
            "select id from staff_member where username = ?", Long.class, Api.MANAGER);
    Long staff =
        jdbc.queryForObject(
            "select id from staff_member where username = ?", Long.class, Api.STAFF);
    Long offer = jdbc.queryForObject("select id from offer where code = 'START'", Long.class);
    Long role =
        jdbc.queryForObject(
            "select id from organisational_role where code = 'DIRIGEANT'", Long.class);
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < DOSSIERS; i++) {
      rows.add(new Object[] {marker + " " + String.format("%05d", i), manager});
    }
    jdbc.batchUpdate("insert into dossier (company_name, manager_id) values (?, ?)", rows);
    jdbc.update(
        "insert into dossier_staff (dossier_id, staff_id) select id, ? from dossier where company_name like ?"
            + " union all select id, ? from dossier where company_name like ?",
        manager,
        marker + " %",
        staff,
        marker + " %");
    jdbc.update(
        "insert into dossier_offer (dossier_id, offer_id) select id, ? from dossier where company_name like ?",
        offer,
        marker + " %");
    // two contacts per dossier, one with an account pending activation
    jdbc.update(
        "insert into contact (first_name, last_name, subscriber_type, email, organisational_role_id)"
            + " select 'Prénom', company_name, 'CLIENT', 'scale-' || id || '-' || g || '@"
            + marker.toLowerCase()
            + ".test', ?"
            + " from dossier, generate_series(1, 2) g where company_name like ?",
        role,
        marker + " %");
    jdbc.update(
        "insert into dossier_link (dossier_id, contact_id, access_level) select d.id, c.id, 'READ_ONLY'"
            + " from dossier d join contact c on c.last_name = d.company_name where d.company_name like ?",
        marker + " %");
    jdbc.update(
        "insert into client_account (contact_id, email, status) select id, email, 'PENDING' from contact"
            + " where email like ? and email like '%-1@%'",
        "scale-%@" + marker.toLowerCase() + ".test");
  }

  @Test
  @DisplayName(
      "a portfolio page of 3,000 dossiers costs the same few statements for 25 rows as for 1, and is fast")
  void portfolioIsConstantInStatements() throws Exception {
    int onePage = statements("/portefeuille?q=" + marker);
    int filtered =
        statements("/portefeuille?q=" + marker + "&statut=PENDING&offre=START&mes=true&page=40");
    // the count, the page, its offers, staff and contact counts (plus the layout's and filters')
    assertThat(onePage).isBetween(5, 12);
    assertThat(filtered).isEqualTo(onePage);
    int narrow = statements("/portefeuille?q=" + marker + " 00001");
    assertThat(narrow).isEqualTo(onePage);

    long best = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      long start = System.nanoTime();
      statements("/portefeuille?q=" + marker + "&page=" + (i * 20));
      best = Math.min(best, System.nanoTime() - start);
    }
    assertThat(best / 1_000_000).as("best of 5, in ms").isLessThan(1500);
  }

  @Test
  @DisplayName("the contacts list and the pending activations stay constant in statements too")
  void otherListsAreConstant() throws Exception {
    int contacts = statements("/interlocuteurs?q=" + marker);
    int fewer = statements("/interlocuteurs?q=" + marker + " 00001");
    assertThat(contacts).isEqualTo(fewer).isBetween(2, 12);
    int pending = statements("/activations-en-attente");
    int pendingLater = statements("/activations-en-attente?page=30");
    // the account feature's read model: count, rows, then the rows' dossiers in one statement
    assertThat(pending).isBetween(3, 8);
    assertThat(pendingLater).isBetween(3, 8);
  }

  private int statements(String path) throws Exception {
    return StatementCounter.count(
        () ->
            mvc.perform(get(path).with(user(users.loadUserByUsername(Api.MANAGER))))
                .andExpect(status().isOk()));
  }
}
