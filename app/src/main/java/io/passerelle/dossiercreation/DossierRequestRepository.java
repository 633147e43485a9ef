package io.passerelle.dossiercreation;

import io.passerelle.domain.DomainException;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface DossierRequestRepository
    extends JpaRepository<DossierRequest, Long>, JpaSpecificationExecutor<DossierRequest> {

  /** The row, locked until the transaction ends: one step at a time per request. */
  @Lock(LockModeType.PESSIMISTIC_WRITE)
  @Query("select r from DossierRequest r where r.id = :id")
  Optional<DossierRequest> findForUpdate(@Param("id") long id);

  @Query(
      "select r from DossierRequest r where (:status is null or r.status = :status)"
          + " and (:requestedBy is null or r.requestedByStaffId = :requestedBy)")
  Page<DossierRequest> search(
      @Param("status") DossierRequestStatus status,
      @Param("requestedBy") Long requestedBy,
      Pageable pageable);

  @Query(
      "select r.id from DossierRequest r where r.processInstanceKey is null"
          + " and r.createdAt < :before order by r.createdAt")
  List<Long> notStartedBefore(@Param("before") Instant before, Pageable pageable);

  /** The request, or {@code DOSSIER_REQUEST_NOT_FOUND}. */
  default DossierRequest require(long id) {
    return findById(id).orElseThrow(() -> notFound(id));
  }

  /** The request locked until the transaction ends, or {@code DOSSIER_REQUEST_NOT_FOUND}. */
  default DossierRequest requireForUpdate(long id) {
    return findForUpdate(id).orElseThrow(() -> notFound(id));
  }

  private static DomainException notFound(long id) {
    return DomainException.notFound(
        "DOSSIER_REQUEST_NOT_FOUND", "No dossier request has the id " + id + ".");
  }
}
