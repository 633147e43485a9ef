package io.passerelle.contact;

import static org.assertj.core.api.Assertions.assertThat;

import io.passerelle.support.RepositoryTest;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The contact repositories on real PostgreSQL (a JPA slice; each test rolls back). */
@RepositoryTest
class ContactRepositoryTest {

  @Autowired ContactRepository contacts;
  @Autowired DossierLinkRepository links;
  @Autowired JdbcTemplate jdbc;

  long role() {
    jdbc.update(
        "insert into organisational_role (code, label) values ('SLICE_ROLE', 'Slice role')"
            + " on conflict do nothing");
    return jdbc.queryForObject(
        "select id from organisational_role where code = 'SLICE_ROLE'", Long.class);
  }

  Contact contact(String email) {
    return contacts.saveAndFlush(
        new Contact(
            new Contact.ContactDetails(
                "Anne",
                "Slice",
                null,
                null,
                SubscriberType.CLIENT,
                null,
                null,
                role(),
                false,
                Language.fr),
            email,
            Instant.now()));
  }

  @Test
  @DisplayName("a contact is found by e-mail whatever the case")
  void findByEmailIgnoringCase() {
    var saved = contact("Anne.Slice@Repository.example");
    assertThat(contacts.findByEmailIgnoreCase("anne.slice@REPOSITORY.example"))
        .get()
        .extracting(Contact::getId)
        .isEqualTo(saved.getId());
  }

  @Test
  @DisplayName(
      "only the live link of a dossier and contact is found; a withdrawn one stays as history")
  void liveLinks() {
    long manager =
        jdbc.queryForObject(
            "insert into staff_member (username, email, first_name, last_name, role, password_hash)"
                + " values ('slice.manager', 'slice.manager@example.fr', 'S', 'M', 'MANAGER', 'x')"
                + " returning id",
            Long.class);
    long dossier =
        jdbc.queryForObject(
            "insert into dossier (company_name, manager_id) values ('Slice', ?) returning id",
            Long.class,
            manager);
    var contact = contact("link.slice@repository.example");
    var withdrawn =
        new DossierLink(
            dossier, contact.getId(), null, AccessLevel.READ_ONLY, false, Instant.now());
    withdrawn.withdraw(Instant.now());
    links.saveAndFlush(withdrawn);
    assertThat(links.findLive(dossier, contact.getId())).isEmpty();
    var live =
        links.saveAndFlush(
            new DossierLink(
                dossier, contact.getId(), "Paie", AccessLevel.READ_WRITE, false, Instant.now()));
    assertThat(links.findLive(dossier, contact.getId()))
        .get()
        .extracting(DossierLink::getId)
        .isEqualTo(live.getId());
    assertThat(links.findByContact(contact.getId())).hasSize(2);
    assertThat(links.existsByContactId(contact.getId())).isTrue();
  }

  @Test
  @DisplayName(
      "a dossier's links, withdrawn or live, are listed by id, without another dossier's; a"
          + " contact without a link has none")
  void linksOfADossier() {
    var rows = new io.passerelle.support.SliceRows(jdbc);
    long manager = rows.staff("slice.dossiers");
    long dossier = rows.dossier("Slice One", manager);
    long other = rows.dossier("Slice Two", manager);
    var anne = contact("anne.dossier@repository.example");
    var bruno = contact("bruno.dossier@repository.example");
    var unlinked = contact("nobody.dossier@repository.example");
    var withdrawn = link(dossier, anne.getId());
    withdrawn.withdraw(Instant.now());
    links.saveAndFlush(withdrawn);
    var live = link(other, anne.getId());
    var brunos = link(dossier, bruno.getId());

    assertThat(links.findByDossier(dossier))
        .extracting(DossierLink::getId)
        .containsExactly(withdrawn.getId(), brunos.getId());
    assertThat(links.findByContact(anne.getId()))
        .extracting(DossierLink::getId)
        .containsExactly(withdrawn.getId(), live.getId());
    assertThat(links.existsByContactId(unlinked.getId())).isFalse();
  }

  DossierLink link(long dossier, long contact) {
    return links.saveAndFlush(
        new DossierLink(dossier, contact, null, AccessLevel.READ_ONLY, false, Instant.now()));
  }
}
