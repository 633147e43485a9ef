package io.passerelle.account;

import java.util.Collection;
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

  List<Invitation> findByAccountIdAndStatusIn(
      long accountId, Collection<InvitationStatus> statuses);

  List<Invitation> findByAccountIdOrderByIdDesc(long accountId);

  Optional<Invitation> findByIssueRequestKey(long issueRequestKey);

  List<Invitation> findByOnboardingIdOrderByIdDesc(long onboardingId);
}
