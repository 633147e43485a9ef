package io.passerelle.onboarding;

import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface BulkInvitationItemRepository
    extends JpaRepository<BulkInvitationItem, Long>, JpaSpecificationExecutor<BulkInvitationItem> {

  @Lock(LockModeType.PESSIMISTIC_WRITE)
  @Query("select i from BulkInvitationItem i where i.id = :id")
  Optional<BulkInvitationItem> lockById(@Param("id") long id);

  Page<BulkInvitationItem> findByBulkIdOrderById(long bulkId, Pageable pageable);

  @Query(
      "select i.id from BulkInvitationItem i where i.bulkId = :bulkId and i.status ="
          + " io.passerelle.onboarding.BulkInvitationItem.Status.PENDING order by i.id")
  List<Long> pendingIds(@Param("bulkId") long bulkId);

  @Query(
      "select i.status, count(i) from BulkInvitationItem i where i.bulkId = :bulkId group by"
          + " i.status")
  List<Object[]> countByStatus(@Param("bulkId") long bulkId);

  /** The onboardings the bulk started, by where they stand (the clients still to activate). */
  @Query(
      "select o.status, count(o) from BulkInvitationItem i, Onboarding o where o.id ="
          + " i.onboardingId and i.bulkId = :bulkId group by o.status")
  List<Object[]> countOnboardingsByStatus(@Param("bulkId") long bulkId);
}
