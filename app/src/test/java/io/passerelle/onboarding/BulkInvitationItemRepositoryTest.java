package io.passerelle.onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.passerelle.onboarding.BulkInvitationItem.Status;
import io.passerelle.support.RepositoryTest;
import io.passerelle.support.SliceRows;
import java.time.Instant;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.JdbcTemplate;

/** The bulk invitation items' queries on real PostgreSQL (a JPA slice; each test rolls back). */
@RepositoryTest
class BulkInvitationItemRepositoryTest {

  @Autowired BulkInvitationItemRepository items;
  @Autowired JdbcTemplate jdbc;

  SliceRows rows;
  long staff;
  long dossier;
  long bulk;
  long otherBulk;

  @BeforeEach
  void twoBulks() {
    rows = new SliceRows(jdbc);
    staff = rows.staff("bulk.manager");
    dossier = rows.dossier("Bulk Items", staff);
    bulk = bulk();
    otherBulk = bulk();
  }

  long bulk() {
    return jdbc.queryForObject(
        "insert into bulk_invitation (offer_code, created_by_staff_id, item_count)"
            + " values ('START', ?, 3) returning id",
        Long.class,
        staff);
  }

  /** An item of the bulk for a new contact of the dossier, in this status (not STARTED). */
  long item(long bulkId, String status) {
    long contact = rows.contact("item" + SliceRows.key() + "@bulk.example");
    return jdbc.queryForObject(
        "insert into bulk_invitation_item (bulk_id, dossier_id, contact_id, status)"
            + " values (?, ?, ?, ?) returning id",
        Long.class,
        bulkId,
        dossier,
        contact,
        status);
  }

  /** A STARTED item of the bulk, whose onboarding is in this status. */
  long started(long bulkId, String onboardingStatus) {
    long contact = rows.contact("started" + SliceRows.key() + "@bulk.example");
    long onboarding =
        rows.onboarding(dossier, contact, "START", onboardingStatus, staff, Instant.now());
    return jdbc.queryForObject(
        "insert into bulk_invitation_item (bulk_id, dossier_id, contact_id, status, onboarding_id)"
            + " values (?, ?, ?, 'STARTED', ?) returning id",
        Long.class,
        bulkId,
        dossier,
        contact,
        onboarding);
  }

  static List<Tuple> pairs(List<Object[]> counts) {
    return counts.stream().map(c -> tuple(c[0], c[1])).toList();
  }

  @Test
  @DisplayName("the locking lookup returns the item of the id, and nothing for an unknown id")
  void lockById() {
    item(bulk, "PENDING");
    long id = item(bulk, "SKIPPED");

    assertThat(items.lockById(id)).get().extracting(BulkInvitationItem::getId).isEqualTo(id);
    assertThat(items.lockById(id + 100)).isEmpty();
  }

  @Test
  @DisplayName("a bulk's items are paged by id, without another bulk's")
  void pagedById() {
    long first = item(bulk, "PENDING");
    item(otherBulk, "PENDING");
    long second = item(bulk, "FAILED");
    long third = started(bulk, "IN_PROGRESS");

    var page = items.findByBulkIdOrderById(bulk, PageRequest.of(0, 2));
    var next = items.findByBulkIdOrderById(bulk, PageRequest.of(1, 2));

    assertThat(page.getContent())
        .extracting(BulkInvitationItem::getId)
        .containsExactly(first, second);
    assertThat(page.getTotalElements()).isEqualTo(3);
    assertThat(next.getContent()).extracting(BulkInvitationItem::getId).containsExactly(third);
  }

  @Test
  @DisplayName("a bulk's pending items are those still waiting for their step, by id")
  void pendingIds() {
    long first = item(bulk, "PENDING");
    item(bulk, "INVALID_EMAIL");
    item(bulk, "SKIPPED");
    item(bulk, "FAILED");
    started(bulk, "STARTING");
    item(otherBulk, "PENDING");
    long second = item(bulk, "PENDING");

    assertThat(items.pendingIds(bulk)).containsExactly(first, second);
  }

  @Test
  @DisplayName("a bulk's items are counted by status, another bulk's left out")
  void countByStatus() {
    item(bulk, "PENDING");
    item(bulk, "PENDING");
    item(bulk, "SKIPPED");
    started(bulk, "IN_PROGRESS");
    item(otherBulk, "FAILED");
    item(otherBulk, "PENDING");

    assertThat(pairs(items.countByStatus(bulk)))
        .containsExactlyInAnyOrder(
            tuple(Status.PENDING, 2L), tuple(Status.SKIPPED, 1L), tuple(Status.STARTED, 1L));
  }

  @Test
  @DisplayName(
      "the onboardings a bulk started are counted by where they stand; items without one and"
          + " another bulk's left out")
  void countOnboardingsByStatus() {
    started(bulk, "IN_PROGRESS");
    started(bulk, "IN_PROGRESS");
    started(bulk, "ONBOARDED");
    item(bulk, "PENDING");
    item(bulk, "FAILED");
    started(otherBulk, "CANCELLED");
    rows.onboarding(
        dossier, rows.contact("alone@bulk.example"), "START", "STARTING", staff, Instant.now());

    assertThat(pairs(items.countOnboardingsByStatus(bulk)))
        .containsExactlyInAnyOrder(
            tuple(OnboardingStatus.IN_PROGRESS, 2L), tuple(OnboardingStatus.ONBOARDED, 1L));
  }
}
