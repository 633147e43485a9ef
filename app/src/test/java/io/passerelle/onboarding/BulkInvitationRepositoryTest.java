package io.passerelle.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import io.passerelle.support.RepositoryTest;
import io.passerelle.support.SliceRows;
import java.sql.Timestamp;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The bulk invitations' queries on real PostgreSQL (a JPA slice; each test rolls back). */
@RepositoryTest
class BulkInvitationRepositoryTest {

  static final Instant NOON = Instant.parse("2026-03-02T12:00:00Z");

  @Autowired BulkInvitationRepository bulks;
  @Autowired JdbcTemplate jdbc;

  long staff;

  @BeforeEach
  void aManager() {
    staff = new SliceRows(jdbc).staff("bulk.creator");
  }

  /** A bulk invitation in this status (completed when COMPLETED), created at this time. */
  long bulk(String status, Instant createdAt) {
    return jdbc.queryForObject(
        "insert into bulk_invitation (offer_code, created_by_staff_id, item_count, status,"
            + " created_at, completed_at) values ('START', ?, 1, ?, ?,"
            + " case when ? = 'COMPLETED' then now() end) returning id",
        Long.class,
        staff,
        status,
        Timestamp.from(createdAt),
        status);
  }

  @Test
  @DisplayName("the locking lookup returns the bulk invitation of the id, and nothing for another")
  void lockById() {
    bulk("RUNNING", NOON);
    long id = bulk("STARTING", NOON);

    assertThat(bulks.lockById(id)).get().extracting(BulkInvitation::getId).isEqualTo(id);
    assertThat(bulks.lockById(id + 100)).isEmpty();
  }

  @Test
  @DisplayName(
      "the sweeper's bulk invitations are those still starting, created before the time, by id")
  void startingBefore() {
    long late = bulk("STARTING", NOON.minusSeconds(60));
    bulk("STARTING", NOON);
    bulk("STARTING", NOON.plusSeconds(60));
    bulk("RUNNING", NOON.minusSeconds(3600));
    bulk("COMPLETED", NOON.minusSeconds(3600));
    long earlier = bulk("STARTING", NOON.minusSeconds(3600));

    assertThat(bulks.startingBefore(NOON)).containsExactly(late, earlier);
  }
}
