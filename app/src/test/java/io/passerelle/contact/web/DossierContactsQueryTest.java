package io.passerelle.contact.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.passerelle.account.AccountStatus;
import io.passerelle.contact.web.DossierContactsQuery.LinkedContact;
import io.passerelle.staff.StaffRole;
import io.passerelle.support.RepositoryTest;
import io.passerelle.support.SliceRows;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The contacts of a dossier's page, on real PostgreSQL (the JPA slice, its own database): which
 * links it lists and in what order, each contact's account status and live invitation. What a staff
 * member may open is the controller's and the scope's (tested in the whole application).
 */
@RepositoryTest
class DossierContactsQueryTest {

  static final Instant SENT = Instant.parse("2026-11-02T09:30:00Z");

  @Autowired NamedParameterJdbcTemplate named;
  @Autowired JdbcTemplate jdbc;

  DossierContactsQuery query;
  SliceRows rows;
  long manager;
  long dossier;

  @BeforeEach
  void dossier() {
    query = new DossierContactsQuery(named);
    rows = new SliceRows(jdbc);
    manager = rows.staffMember("dcq.manager", "Marie", "Martin", StaffRole.MANAGER);
    dossier = rows.dossier("Menuiserie Dupont", null, manager);
  }

  @Test
  @DisplayName(
      "the holder first, then by last name (or company) whatever the case; a withdrawn link and"
          + " another dossier's links are not listed")
  void whoAndInWhatOrder() {
    long zoe = rows.contact("Zoé", "Bernard", null, "zoe@client.test");
    long holder = rows.contact("Yves", "Vidal", null, "yves@client.test");
    long company = rows.contact(null, null, "Cabinet Conseil", "conseil@client.test");
    long anne = rows.contact("Anne", "alain", null, "anne@client.test");
    long gone = rows.contact("Gérard", "Aubert", null, "gerard@client.test");
    rows.link(dossier, zoe, false);
    rows.link(dossier, holder, true);
    rows.link(dossier, company, false);
    rows.link(dossier, anne, false);
    rows.withdraw(rows.link(dossier, gone, false));
    long other = rows.dossier("Autre", null, manager);
    rows.link(other, rows.contact("Odile", "Olivier", null, "odile@client.test"), false);

    assertThat(query.forDossier(dossier))
        .extracting(LinkedContact::contactId, LinkedContact::name, LinkedContact::holder)
        .containsExactly(
            tuple(holder, "Yves Vidal", true),
            tuple(anne, "Anne alain", false),
            tuple(zoe, "Zoé Bernard", false),
            tuple(company, "Cabinet Conseil", false));
  }

  @Test
  @DisplayName(
      "a contact without account is NOT_INVITED; an invited one shows its live invitation, an"
          + " expired one none")
  void accountsAndLiveInvitations() {
    long never = rows.contact("Nina", "Aa", null, "nina@client.test");
    long invited = rows.contact("Ivan", "Bb", null, "ivan@client.test");
    long expired = rows.contact("Eric", "Cc", null, "eric@client.test");
    rows.link(dossier, never, false);
    rows.link(dossier, invited, false);
    rows.link(dossier, expired, false);
    long invitation =
        rows.invitation(
            rows.account(invited, "ivan@client.test", "PENDING"), dossier, manager, "SENT", SENT);
    rows.invitation(
        rows.account(expired, "eric@client.test", "PENDING"), dossier, manager, "EXPIRED", SENT);

    assertThat(query.forDossier(dossier))
        .extracting(
            LinkedContact::contactId,
            LinkedContact::accountStatus,
            LinkedContact::invitationId,
            LinkedContact::invitationStatus,
            LinkedContact::invitationSentAt)
        .containsExactly(
            tuple(never, AccountStatus.NOT_INVITED, null, null, null),
            tuple(invited, AccountStatus.PENDING, invitation, "SENT", SENT),
            tuple(expired, AccountStatus.PENDING, null, null, null));
  }
}
