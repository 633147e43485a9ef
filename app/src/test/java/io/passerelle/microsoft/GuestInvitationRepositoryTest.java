package io.passerelle.microsoft;

import static org.assertj.core.api.Assertions.assertThat;

import io.passerelle.support.RepositoryTest;
import io.passerelle.support.SliceRows;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The guest invitations' queries on real PostgreSQL (a JPA slice; each test rolls back). */
@RepositoryTest
class GuestInvitationRepositoryTest {

  @Autowired GuestInvitationRepository guests;
  @Autowired JdbcTemplate jdbc;

  SliceRows rows;
  long staff;
  long dossier;

  @BeforeEach
  void aDossier() {
    rows = new SliceRows(jdbc);
    staff = rows.staff("guest.manager");
    dossier = rows.dossier("Guests", staff);
  }

  /** An onboarding of a new contact with its guest invitation, of this process and failure. */
  long guest(Long processKey, String failureCode) {
    long contact = rows.contact("guest" + SliceRows.key() + "@guest.example");
    long onboarding =
        rows.onboarding(dossier, contact, "START", "IN_PROGRESS", staff, Instant.now());
    jdbc.update(
        "insert into guest_invitation (onboarding_id, status, process_instance_key, failure_code)"
            + " values (?, case when ?::text is null then 'PENDING_ACCEPTANCE' else 'FAILED' end,"
            + " ?, ?)",
        onboarding,
        failureCode,
        processKey,
        failureCode);
    return onboarding;
  }

  @Test
  @DisplayName(
      "the locking lookup returns the guest invitation of the onboarding, none for another")
  void lockById() {
    guest(null, null);
    long onboarding = guest(null, null);
    long withoutGuest =
        rows.onboarding(
            dossier, rows.contact("none@guest.example"), "START", "STARTING", staff, Instant.now());

    assertThat(guests.lockById(onboarding))
        .get()
        .extracting(GuestInvitation::getOnboardingId)
        .isEqualTo(onboarding);
    assertThat(guests.lockById(withoutGuest)).isEmpty();
  }

  @Test
  @DisplayName("the guest invitations of the onboardings asked for are found, no others")
  void findAllByIds() {
    long first = guest(null, null);
    guest(null, null);
    long third = guest(null, null);

    assertThat(guests.findAllByIds(List.of(first, third, third + 100)))
        .extracting(GuestInvitation::getOnboardingId)
        .containsExactlyInAnyOrder(first, third);
  }

  @Test
  @DisplayName("the onboarding of a guest-invitation process is found by the process's key")
  void onboardingOfProcess() {
    guest(601L, null);
    long second = guest(602L, null);
    guest(null, null);

    assertThat(guests.onboardingOfProcess(602)).contains(second);
    assertThat(guests.onboardingOfProcess(603)).isEmpty();
  }

  @Test
  @DisplayName("the onboardings whose guest invitation failed with the code are listed, no others")
  void onboardingsWithFailure() {
    long first = guest(null, "REDEEMED_ELSEWHERE");
    guest(null, "REFUSED");
    guest(null, null);
    long second = guest(null, "REDEEMED_ELSEWHERE");

    assertThat(guests.onboardingsWithFailure("REDEEMED_ELSEWHERE"))
        .containsExactlyInAnyOrder(first, second);
    assertThat(guests.onboardingsWithFailure("UNKNOWN")).isEmpty();
  }
}
