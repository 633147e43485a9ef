package io.passerelle.contact.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.passerelle.account.AccountStatus;
import io.passerelle.contact.web.ContactsQuery.ContactLink;
import io.passerelle.contact.web.ContactsQuery.ContactRow;
import io.passerelle.contact.web.ContactsQuery.Filter;
import io.passerelle.contact.web.ContactsQuery.GedStatus;
import io.passerelle.staff.StaffRole;
import io.passerelle.staff.StaffScope;
import io.passerelle.staff.StaffVisibility;
import io.passerelle.staff.VisibilityProperties;
import io.passerelle.support.RepositoryTest;
import io.passerelle.support.SliceRows;
import java.time.Instant;
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
 * The contacts list's read model on real PostgreSQL (the JPA slice, its own database: the counts
 * are exact): what each filter keeps, the order, the GED status over the live links, and what a
 * staff member assigned to one dossier sees.
 */
@RepositoryTest
class ContactsQueryTest {

  @Autowired NamedParameterJdbcTemplate named;
  @Autowired JdbcTemplate jdbc;

  ContactsQuery query;
  SliceRows rows;
  long manager;
  long alpha;
  long beta;
  long anne;
  long bruno;
  long cabinet;
  long denise;

  @BeforeEach
  void contacts() {
    query =
        new ContactsQuery(
            named, new StaffScope(new VisibilityProperties(StaffVisibility.ASSIGNED)));
    rows = new SliceRows(jdbc);
    manager = rows.staffMember("cq.manager", "Marie", "Martin", StaffRole.MANAGER);
    alpha = rows.dossier("Alpha Menuiserie", null, manager);
    beta = rows.dossier("beta Plomberie", null, manager);
    anne = rows.contact("Anne", "Dupont", null, "anne@client.test");
    bruno = rows.contact("Bruno", "dupont", null, "bruno_100%@client.test");
    cabinet = rows.contact(null, null, "Cabinet Conseil", "conseil@client.test");
    denise = rows.contact("Denise", "Arnaud", null, "denise@client.test");
    rows.link(alpha, anne, true);
    rows.link(beta, anne, false);
    long revoked = rows.link(alpha, bruno, false);
    jdbc.update(
        "update dossier_link set ged_access = false, ged_revoked_at = now() where id = ?", revoked);
    rows.link(beta, cabinet, false);
    jdbc.update(
        "update dossier_link set ged_access = false, ged_revoked_at = now()"
            + " where contact_id = ? and dossier_id = ?",
        cabinet,
        beta);
    rows.link(alpha, cabinet, false);
    rows.account(anne, "anne@client.test", "ACTIVE");
    rows.invitation(
        rows.account(bruno, "bruno_100%@client.test", "PENDING"),
        alpha,
        manager,
        "SENT",
        Instant.parse("2026-11-02T09:30:00Z"));
  }

  @AfterEach
  void signOut() {
    SecurityContextHolder.clearContext();
  }

  @Test
  @DisplayName(
      "every active contact, by last name (or company) then first name whatever the case, with"
          + " its account, GED status over its live links and live invitation")
  void rowsInOrder() {
    var page = query.find(filter(null, null, null), PageRequest.of(0, 25));

    assertThat(page.getTotalElements()).isEqualTo(4);
    assertThat(page.getContent())
        .extracting(
            ContactRow::id, ContactRow::accountStatus, ContactRow::ged, ContactRow::dossiers)
        .containsExactly(
            tuple(denise, AccountStatus.NOT_INVITED, GedStatus.NO_LINK, 0),
            tuple(cabinet, AccountStatus.NOT_INVITED, GedStatus.PARTIAL, 2),
            tuple(anne, AccountStatus.ACTIVE, GedStatus.ACCESS, 2),
            tuple(bruno, AccountStatus.PENDING, GedStatus.REVOKED, 1));
    assertThat(page.getContent().get(3).invitationId()).isNotNull();
    assertThat(page.getContent().get(2).invitationId()).isNull();
  }

  @Test
  @DisplayName(
      "the text filter finds a name, a company or an e-mail in any case; % and _ are plain"
          + " characters")
  void textFilter() {
    assertThat(ids(filter("DUPONT", null, null))).containsExactly(anne, bruno);
    assertThat(ids(filter("conseil", null, null))).containsExactly(cabinet);
    assertThat(ids(filter("100%", null, null))).containsExactly(bruno);
    assertThat(ids(filter("_", null, null))).containsExactly(bruno);
    assertThat(ids(filter("%", null, null))).containsExactly(bruno);
  }

  @Test
  @DisplayName(
      "the account status (a contact without account is NOT_INVITED), invalid e-mails, and the"
          + " deactivated shown only when asked")
  void statusFilters() {
    assertThat(ids(filter(null, AccountStatus.NOT_INVITED, null))).containsExactly(denise, cabinet);
    assertThat(ids(filter(null, AccountStatus.PENDING, null))).containsExactly(bruno);
    jdbc.update("update contact set email_invalid = true where id = ?", cabinet);
    assertThat(ids(new Filter(null, null, null, true, false))).containsExactly(cabinet);
    jdbc.update(
        "update contact set status = 'DEACTIVATED', deactivated_at = now() where id = ?", denise);
    assertThat(ids(filter(null, null, null))).doesNotContain(denise);
    assertThat(ids(new Filter(null, null, null, false, true))).contains(denise);
  }

  @Test
  @DisplayName(
      "a staff member assigned to one dossier sees its contacts only, and counts only its links")
  void assignedStaff() {
    long staff = rows.staffMember("cq.staff", "Sam", "Simon", StaffRole.STAFF);
    jdbc.update("insert into dossier_staff (dossier_id, staff_id) values (?, ?)", beta, staff);
    SliceRows.signIn(staff, StaffRole.STAFF);

    assertThat(query.find(filter(null, null, null), PageRequest.of(0, 25)).getContent())
        .extracting(ContactRow::id, ContactRow::dossiers, ContactRow::ged)
        .containsExactly(tuple(cabinet, 1, GedStatus.REVOKED), tuple(anne, 1, GedStatus.ACCESS));
    assertThat(query.linksOf(anne)).extracting(ContactLink::dossierId).containsExactly(beta);
  }

  @Test
  @DisplayName("a contact's live links by dossier name, whatever the case; a withdrawn one is not")
  void linksOf() {
    long gamma = rows.dossier("Gamma", null, manager);
    rows.withdraw(rows.link(gamma, anne, false));

    assertThat(query.linksOf(anne))
        .extracting(ContactLink::dossierId, ContactLink::companyName, ContactLink::holder)
        .containsExactly(
            tuple(alpha, "Alpha Menuiserie", true), tuple(beta, "beta Plomberie", false));
  }

  private List<Long> ids(Filter filter) {
    return query.find(filter, PageRequest.of(0, 25)).getContent().stream()
        .map(ContactRow::id)
        .toList();
  }

  private static Filter filter(String q, AccountStatus status, String type) {
    return new Filter(q, type, status, false, false);
  }
}
