package io.passerelle.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import io.passerelle.support.RepositoryTest;
import io.passerelle.support.SliceRows;
import java.time.Instant;
import java.util.EnumSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The onboardings' queries on real PostgreSQL (a JPA slice; each test rolls back). */
@RepositoryTest
class OnboardingRepositoryTest {

  static final Instant NOON = Instant.parse("2026-03-02T12:00:00Z");

  @Autowired OnboardingRepository onboardings;
  @Autowired JdbcTemplate jdbc;

  SliceRows rows;
  long staff;
  long dossier;
  long otherDossier;
  long anne;
  long bruno;

  @BeforeEach
  void twoDossiersTwoContacts() {
    rows = new SliceRows(jdbc);
    staff = rows.staff("onb.manager");
    dossier = rows.dossier("Onboarding One", staff);
    otherDossier = rows.dossier("Onboarding Two", staff);
    anne = rows.contact("Anne.Onb@Onboarding.example");
    bruno = rows.contact("bruno.onb@onboarding.example");
  }

  long onboarding(long dossierId, long contactId, String offer, String status) {
    return rows.onboarding(dossierId, contactId, offer, status, staff, NOON);
  }

  long onboarding(String status, Instant createdAt) {
    return rows.onboarding(dossier, anne, "START", status, staff, createdAt);
  }

  /** A STARTING onboarding proposed to a new contact with this address (no contact yet). */
  long forNewContact(String email) {
    return jdbc.queryForObject(
        "insert into onboarding (dossier_id, new_contact, access_level, offer_code, send_now,"
            + " proposed_by_staff_id) values (?, jsonb_build_object('email', ?::text),"
            + " 'READ_ONLY', 'START', true, ?) returning id",
        Long.class,
        dossier,
        email,
        staff);
  }

  @Test
  @DisplayName("the locking lookup returns the onboarding of the id, and nothing for an unknown id")
  void lockById() {
    onboarding(dossier, bruno, "START", "IN_PROGRESS");
    long id = onboarding(dossier, anne, "START", "STARTING");

    assertThat(onboardings.lockById(id)).get().extracting(Onboarding::getId).isEqualTo(id);
    assertThat(onboardings.lockById(id + 100)).isEmpty();
  }

  @Test
  @DisplayName("the onboarding a bulk item started is found by the item's id")
  void findByBulkItemId() {
    long bulk =
        jdbc.queryForObject(
            "insert into bulk_invitation (offer_code, created_by_staff_id, item_count)"
                + " values ('START', ?, 2) returning id",
            Long.class,
            staff);
    String item =
        "insert into bulk_invitation_item (bulk_id, dossier_id, contact_id) values (?, ?, ?)"
            + " returning id";
    long annesItem = jdbc.queryForObject(item, Long.class, bulk, dossier, anne);
    long brunosItem = jdbc.queryForObject(item, Long.class, bulk, dossier, bruno);
    long annes = onboarding(dossier, anne, "START", "STARTING");
    onboarding(dossier, bruno, "START", "STARTING");
    jdbc.update("update onboarding set bulk_item_id = ? where id = ?", annesItem, annes);

    assertThat(onboardings.findByBulkItemId(annesItem))
        .get()
        .extracting(Onboarding::getId)
        .isEqualTo(annes);
    assertThat(onboardings.findByBulkItemId(brunosItem)).isEmpty();
  }

  @Test
  @DisplayName("an account's onboardings are filtered by the status asked for")
  void findByAccountIdAndStatus() {
    long account = rows.account(anne);
    long running = onboarding(dossier, anne, "START", "IN_PROGRESS");
    long ended = onboarding(otherDossier, anne, "START", "ONBOARDED");
    onboarding(dossier, bruno, "START", "IN_PROGRESS");
    jdbc.update("update onboarding set account_id = ? where id in (?, ?)", account, running, ended);

    assertThat(onboardings.findByAccountIdAndStatus(account, OnboardingStatus.IN_PROGRESS))
        .extracting(Onboarding::getId)
        .containsExactly(running);
    assertThat(onboardings.findByAccountIdAndStatus(account, OnboardingStatus.CANCELLED)).isEmpty();
  }

  @Test
  @DisplayName("a contact's onboardings are those in any of the statuses asked for")
  void findByContactIdAndStatusIn() {
    long starting = onboarding(dossier, anne, "START", "STARTING");
    long running = onboarding(otherDossier, anne, "START", "IN_PROGRESS");
    onboarding(dossier, anne, "START", "REJECTED");
    onboarding(dossier, bruno, "START", "IN_PROGRESS");

    assertThat(
            onboardings.findByContactIdAndStatusIn(
                anne, EnumSet.of(OnboardingStatus.STARTING, OnboardingStatus.IN_PROGRESS)))
        .extracting(Onboarding::getId)
        .containsExactlyInAnyOrder(starting, running);
  }

  @Test
  @DisplayName("the sweeper's onboardings are those still starting, created before the time, by id")
  void startingBefore() {
    long late = onboarding("STARTING", NOON.minusSeconds(60));
    onboarding("STARTING", NOON);
    onboarding("STARTING", NOON.plusSeconds(60));
    onboarding("IN_PROGRESS", NOON.minusSeconds(3600));
    onboarding("CANCELLED", NOON.minusSeconds(3600));
    long earlier = onboarding("STARTING", NOON.minusSeconds(3600));

    assertThat(onboardings.startingBefore(NOON)).containsExactly(late, earlier);
  }

  @Test
  @DisplayName("an onboarding starting or in progress to the offer for the pair is running")
  void runningForThePair() {
    long starting = onboarding(dossier, anne, "START", "STARTING");
    long inProgress = onboarding(dossier, anne, "START", "IN_PROGRESS");

    assertThat(onboardings.existsRunning(dossier, anne, "START")).isTrue();
    assertThat(onboardings.runningIds(dossier, anne, "START"))
        .containsExactlyInAnyOrder(starting, inProgress);
  }

  @Test
  @DisplayName(
      "nothing is running for the pair when its onboardings ended, or run for another dossier,"
          + " contact or offer")
  void notRunningForThePair() {
    onboarding(dossier, anne, "START", "ONBOARDED");
    onboarding(dossier, anne, "START", "CANCELLED");
    onboarding(dossier, anne, "START", "REJECTED");
    onboarding(otherDossier, anne, "START", "IN_PROGRESS");
    onboarding(dossier, bruno, "START", "IN_PROGRESS");
    onboarding(dossier, anne, "OTHER", "IN_PROGRESS");

    assertThat(onboardings.existsRunning(dossier, anne, "START")).isFalse();
    assertThat(onboardings.runningIds(dossier, anne, "START")).isEmpty();
  }

  @Test
  @DisplayName("the running onboarding for an address is found through the contact's e-mail")
  void runningForAddressOfTheContact() {
    onboarding(dossier, anne, "START", "ONBOARDED");
    long running = onboarding(dossier, anne, "START", "IN_PROGRESS");
    onboarding(otherDossier, anne, "START", "IN_PROGRESS");
    onboarding(dossier, anne, "OTHER", "IN_PROGRESS");
    onboarding(dossier, bruno, "START", "IN_PROGRESS");

    assertThat(onboardings.runningForAddress(dossier, "START", "anne.onb@onboarding.example"))
        .containsExactly(running);
  }

  @Test
  @DisplayName(
      "the running onboarding for an address is found through a new contact's e-mail, trimmed and"
          + " lower-cased, the first one only")
  void runningForAddressOfANewContact() {
    long first = forNewContact("  Chloe.New@Onboarding.example ");
    forNewContact("chloe.new@onboarding.example");
    forNewContact("other.new@onboarding.example");

    assertThat(onboardings.runningForAddress(dossier, "START", "chloe.new@onboarding.example"))
        .containsExactly(first);
    assertThat(onboardings.runningForAddress(otherDossier, "START", "chloe.new@onboarding.example"))
        .isEmpty();
  }

  @Test
  @DisplayName("no running onboarding is found for an address whose onboardings ended")
  void noRunningForAddress() {
    onboarding(dossier, anne, "START", "CANCELLED");
    onboarding(dossier, anne, "START", "REJECTED");

    assertThat(onboardings.runningForAddress(dossier, "START", "anne.onb@onboarding.example"))
        .isEmpty();
  }
}
