package io.passerelle.account;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

interface InvitationRepository
    extends JpaRepository<Invitation, Long>, JpaSpecificationExecutor<Invitation> {

  Optional<Invitation> findByTokenHash(byte[] tokenHash);

  List<Invitation> findByAccountIdAndStatusIn(
      long accountId, Collection<InvitationStatus> statuses);

  List<Invitation> findByAccountIdOrderByIdDesc(long accountId);
}
