package io.passerelle.collaboration;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Query;

interface CollaborativeServiceRepository
    extends JpaRepository<CollaborativeService, Long>,
        JpaSpecificationExecutor<CollaborativeService> {

  // HQL rather than a derived query: Hibernate keeps the SQL of an HQL string between calls, while
  // it translates a derived (criteria) query again on every call (see README, "Benchmark")
  @Query("select s from CollaborativeService s where s.onboardingId = :onboardingId")
  Optional<CollaborativeService> findByOnboardingId(long onboardingId);

  Optional<CollaborativeService> findFirstByDossierIdAndContactIdAndOfferIdAndStatusIn(
      long dossierId, long contactId, long offerId, Collection<ServiceStatus> statuses);

  List<CollaborativeService> findByContactIdAndStatusIn(
      long contactId, Collection<ServiceStatus> statuses);

  List<CollaborativeService> findByDossierIdAndContactIdAndStatusIn(
      long dossierId, long contactId, Collection<ServiceStatus> statuses);
}
