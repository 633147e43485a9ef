package io.passerelle.account;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Query;

interface InvitationRepository
    extends JpaRepository<Invitation, Long>, JpaSpecificationExecutor<Invitation> {

  /** The next invitation id: the token is derived from it before the row exists. */
  @Query(value = "select nextval('invitation_id_seq')", nativeQuery = true)
  long nextId();

  Optional<Invitation> findByTokenHash(byte[] tokenHash);

  // HQL rather than a derived query: Hibernate keeps the SQL of an HQL string between calls, while
  // it translates a derived (criteria) query again on every call (see README, "Benchmark")
  // The statuses of InvitationStatus.LIVE written out (a test checks they are the same): Hibernate
  // keeps no plan for a query with a collection parameter, whose list it expands on every call
  @Query(
      "select i from Invitation i where i.accountId = :accountId and i.status in"
          + " (io.passerelle.account.InvitationStatus.PENDING_SEND,"
          + " io.passerelle.account.InvitationStatus.SENT)")
  List<Invitation> findLiveByAccountId(long accountId);

  @Query("select i from Invitation i where i.accountId = :accountId order by i.id desc")
  List<Invitation> findByAccountIdOrderByIdDesc(long accountId);

  @Query("select i from Invitation i where i.issueRequestKey = :issueRequestKey")
  Optional<Invitation> findByIssueRequestKey(long issueRequestKey);

  @Query("select i from Invitation i where i.onboardingId = :onboardingId order by i.id desc")
  List<Invitation> findByOnboardingIdOrderByIdDesc(long onboardingId);

  /** Whether this invitation replaced an earlier one (resent, new address, bounce, new dossier). */
  @Query("select count(i) > 0 from Invitation i where i.supersededById = :invitationId")
  boolean replacesAnother(long invitationId);
}
