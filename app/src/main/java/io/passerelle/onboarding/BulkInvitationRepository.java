package io.passerelle.onboarding;

import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface BulkInvitationRepository extends JpaRepository<BulkInvitation, Long> {

  @Lock(LockModeType.PESSIMISTIC_WRITE)
  @Query("select b from BulkInvitation b where b.id = :id")
  Optional<BulkInvitation> lockById(@Param("id") long id);

  @Query(
      "select b.id from BulkInvitation b where b.status ="
          + " io.passerelle.onboarding.BulkInvitation.Status.STARTING and b.createdAt < :before"
          + " order by b.id")
  List<Long> startingBefore(@Param("before") Instant before);
}
