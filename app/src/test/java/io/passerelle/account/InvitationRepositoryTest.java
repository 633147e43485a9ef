package io.passerelle.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.passerelle.support.RepositoryTest;
import io.passerelle.support.SliceRows;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The invitation links' queries on real PostgreSQL (a JPA slice; each test rolls back). */
@RepositoryTest
class InvitationRepositoryTest {

  @Autowired InvitationRepository invitations;
  @Autowired JdbcTemplate jdbc;

  SliceRows rows;
  long staff;
  long anne;
  long bruno;

  @BeforeEach
  void twoAccounts() {
    rows = new SliceRows(jdbc);
    staff = rows.staff("inv.manager");
    anne = rows.account(rows.contact("anne@invitation.example"));
    bruno = rows.account(rows.contact("bruno@invitation.example"));
  }

  /** A 32-byte token hash made of this byte. */
  static byte[] hash(int fill) {
    byte[] hash = new byte[32];
    Arrays.fill(hash, (byte) fill);
    return hash;
  }

  /** An invitation of the account in this status (with the times the status requires). */
  long invitation(long account, String status, int hashFill, Long onboarding, Long issueKey) {
    return jdbc.queryForObject(
        "insert into invitation (account_id, onboarding_id, email, token_nonce, token_hash, status,"
            + " invited_by_staff_id, issue_request_key, expires_at, sent_at, accepted_at,"
            + " cancelled_at) values (?, ?, 'x@invitation.example', ?, ?, ?, ?, ?,"
            + " now() + interval '7 days', case when ? = 'SENT' then now() end,"
            + " case when ? = 'ACCEPTED' then now() end,"
            + " case when ? = 'CANCELLED' then now() end) returning id",
        Long.class,
        account,
        onboarding,
        new byte[16],
        hash(hashFill),
        status,
        staff,
        issueKey,
        status,
        status,
        status);
  }

  long invitation(long account, String status, int hashFill) {
    return invitation(account, status, hashFill, null, null);
  }

  @Test
  @DisplayName("the next id is drawn from the invitation sequence, one higher on each call")
  void nextIdDrawsFromTheSequence() {
    long first = invitations.nextId();
    long second = invitations.nextId();

    assertThat(second).isEqualTo(first + 1);
    long row = invitation(anne, "SENT", 1);
    assertThat(row).isEqualTo(second + 1);
  }

  @Test
  @DisplayName("an invitation is found by the SHA-256 of its token, byte for byte")
  void foundByTokenHash() {
    invitation(anne, "SUPERSEDED", 1);
    long second = invitation(anne, "SENT", 2);

    assertThat(invitations.findByTokenHash(hash(2)))
        .get()
        .extracting(Invitation::getId)
        .isEqualTo(second);
    assertThat(invitations.findByTokenHash(hash(3))).isEmpty();
  }

  @Test
  @DisplayName("the live invitations of an account are its sent one, not its closed ones")
  void liveIsTheSentOne() {
    invitation(anne, "SUPERSEDED", 1);
    invitation(anne, "EXPIRED", 2);
    invitation(anne, "BOUNCED", 3);
    invitation(anne, "ACCEPTED", 4);
    invitation(anne, "CANCELLED", 5);
    long sent = invitation(anne, "SENT", 6);
    invitation(bruno, "PENDING_SEND", 7);

    assertThat(invitations.findLiveByAccountId(anne))
        .extracting(Invitation::getId)
        .containsExactly(sent);
  }

  @Test
  @DisplayName("an invitation still to be sent is live too")
  void pendingSendIsLive() {
    invitation(anne, "SUPERSEDED", 1);
    long pending = invitation(anne, "PENDING_SEND", 2);

    assertThat(invitations.findLiveByAccountId(anne))
        .extracting(Invitation::getId)
        .containsExactly(pending);
  }

  @Test
  @DisplayName("an account without a live invitation has none, whatever its closed ones")
  void noLiveInvitation() {
    invitation(anne, "EXPIRED", 1);
    invitation(bruno, "SENT", 2);

    assertThat(invitations.findLiveByAccountId(anne)).isEmpty();
  }

  @Test
  @DisplayName("an account's invitations are listed newest first, without another account's")
  void accountInvitationsNewestFirst() {
    long first = invitation(anne, "SUPERSEDED", 1);
    invitation(bruno, "SENT", 2);
    long second = invitation(anne, "EXPIRED", 3);
    long third = invitation(anne, "SENT", 4);

    assertThat(invitations.findByAccountIdOrderByIdDesc(anne))
        .extracting(Invitation::getId)
        .containsExactly(third, second, first);
  }

  @Test
  @DisplayName("the invitation an issue request made is found by the request's key")
  void foundByIssueRequestKey() {
    invitation(anne, "SUPERSEDED", 1, null, 501L);
    long issued = invitation(anne, "SENT", 2, null, 502L);

    assertThat(invitations.findByIssueRequestKey(502))
        .get()
        .extracting(Invitation::getId)
        .isEqualTo(issued);
    assertThat(invitations.findByIssueRequestKey(503)).isEmpty();
  }

  @Test
  @DisplayName("an onboarding's invitations are listed newest first, without another's")
  void onboardingInvitationsNewestFirst() {
    long first = invitation(anne, "SUPERSEDED", 1, 71L, null);
    invitation(bruno, "SENT", 2, 72L, null);
    long second = invitation(anne, "SENT", 3, 71L, null);

    assertThat(invitations.findByOnboardingIdOrderByIdDesc(71))
        .extracting(Invitation::getId)
        .containsExactly(second, first);
  }

  @Test
  @DisplayName("an invitation replaces another once an earlier one is superseded by it")
  void replacesAnother() {
    long older = invitation(anne, "SUPERSEDED", 1);
    long newer = invitation(anne, "SENT", 2);
    long unrelated = invitation(bruno, "SENT", 3);
    jdbc.update("update invitation set superseded_by_id = ? where id = ?", newer, older);

    assertThat(invitations.replacesAnother(newer)).isTrue();
    assertThat(invitations.replacesAnother(older)).isFalse();
    assertThat(invitations.replacesAnother(unrelated)).isFalse();
  }
}
