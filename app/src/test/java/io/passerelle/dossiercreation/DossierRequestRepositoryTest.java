package io.passerelle.dossiercreation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.passerelle.domain.DomainException;
import io.passerelle.support.RepositoryTest;
import io.passerelle.support.SliceRows;
import java.sql.Timestamp;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.jdbc.core.JdbcTemplate;

/** The dossier requests' queries on real PostgreSQL (a JPA slice; each test rolls back). */
@RepositoryTest
class DossierRequestRepositoryTest {

  static final Instant NOON = Instant.parse("2026-03-02T12:00:00Z");
  static final PageRequest BY_ID = PageRequest.of(0, 10, Sort.by("id"));

  @Autowired DossierRequestRepository requests;
  @Autowired JdbcTemplate jdbc;

  SliceRows rows;
  long alice;
  long bernard;

  @BeforeEach
  void twoRequesters() {
    rows = new SliceRows(jdbc);
    alice = rows.staff("req.alice");
    bernard = rows.staff("req.bernard");
  }

  /**
   * A request by the staff member in this status (CREATED with a dossier of its own), created at
   * this time, its process started when the key is not null.
   */
  long request(long by, String status, Instant createdAt, Long processKey) {
    Long dossier = status.equals("CREATED") ? rows.dossier("Created " + SliceRows.key(), by) : null;
    return jdbc.queryForObject(
        "insert into dossier_request (requested_by_staff_id, status, manager_id, dossier_id,"
            + " process_instance_key, created_at) values (?, ?, ?, ?, ?, ?) returning id",
        Long.class,
        by,
        status,
        by,
        dossier,
        processKey,
        Timestamp.from(createdAt));
  }

  long request(long by, String status) {
    return request(by, status, NOON, SliceRows.key());
  }

  @Test
  @DisplayName("the locking lookup returns the request of the id; require says when there is none")
  void forUpdate() {
    request(alice, "CREATING");
    long id = request(alice, "DETAILS_NEEDED");

    assertThat(requests.findForUpdate(id)).get().extracting(DossierRequest::getId).isEqualTo(id);
    assertThat(requests.requireForUpdate(id).getId()).isEqualTo(id);
    assertThat(requests.findForUpdate(id + 100)).isEmpty();
    assertThatThrownBy(() -> requests.requireForUpdate(id + 100))
        .isInstanceOf(DomainException.class)
        .hasMessage("No dossier request has the id " + (id + 100) + ".");
  }

  @Test
  @DisplayName("a search without filter returns every request")
  void searchUnfiltered() {
    long first = request(alice, "CREATING");
    long second = request(bernard, "CREATED");

    assertThat(requests.search(null, null, BY_ID).getContent())
        .extracting(DossierRequest::getId)
        .containsExactly(first, second);
  }

  @Test
  @DisplayName("a search by status returns the requests in that status, whoever asked")
  void searchByStatus() {
    long first = request(alice, "DETAILS_NEEDED");
    request(alice, "CREATED");
    long second = request(bernard, "DETAILS_NEEDED");

    assertThat(requests.search(DossierRequestStatus.DETAILS_NEEDED, null, BY_ID).getContent())
        .extracting(DossierRequest::getId)
        .containsExactly(first, second);
  }

  @Test
  @DisplayName("a search by requester returns that staff member's requests, whatever their status")
  void searchByRequester() {
    long first = request(alice, "DETAILS_NEEDED");
    request(bernard, "DETAILS_NEEDED");
    long second = request(alice, "CREATED");

    assertThat(requests.search(null, alice, BY_ID).getContent())
        .extracting(DossierRequest::getId)
        .containsExactly(first, second);
  }

  @Test
  @DisplayName("a search by status and requester keeps the requests that match both, paged")
  void searchByStatusAndRequester() {
    long first = request(alice, "CREATING");
    request(alice, "CREATED");
    request(bernard, "CREATING");
    request(alice, "CREATING");

    var page =
        requests.search(DossierRequestStatus.CREATING, alice, PageRequest.of(0, 1, Sort.by("id")));

    assertThat(page.getContent()).extracting(DossierRequest::getId).containsExactly(first);
    assertThat(page.getTotalElements()).isEqualTo(2);
  }

  @Test
  @DisplayName(
      "the sweeper's requests are those whose process did not start, created before the time,"
          + " oldest first, as many as the page holds")
  void notStartedBefore() {
    long recent = request(alice, "CREATING", NOON.minusSeconds(60), null);
    request(alice, "CREATING", NOON, null);
    request(alice, "CREATING", NOON.minusSeconds(3600), SliceRows.key());
    long oldest = request(bernard, "DETAILS_NEEDED", NOON.minusSeconds(7200), null);
    long older = request(alice, "CREATING", NOON.minusSeconds(3600), null);

    assertThat(requests.notStartedBefore(NOON, PageRequest.of(0, 10)))
        .containsExactly(oldest, older, recent);
    assertThat(requests.notStartedBefore(NOON, PageRequest.of(0, 2)))
        .containsExactly(oldest, older);
  }
}
