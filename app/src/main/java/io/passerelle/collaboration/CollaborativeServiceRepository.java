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

  /**
   * The live service (ServiceStatus.LIVE) of the dossier, contact and offer. The database holds at
   * most one (collaborative_service_live_uq, on the same statuses): the first row that a findFirst
   * took is the only one, and HQL puts no limit without an order.
   */
  // The statuses of ServiceStatus.LIVE written out (a test checks they are the same): Hibernate
  // keeps no plan for a query with a collection parameter, whose list it expands on every call
  @Query(
      "select s from CollaborativeService s where s.dossierId = :dossierId"
          + " and s.contactId = :contactId and s.offerId = :offerId and s.status in"
          + " (io.passerelle.collaboration.ServiceStatus.PROPOSED,"
          + " io.passerelle.collaboration.ServiceStatus.INVITED,"
          + " io.passerelle.collaboration.ServiceStatus.ACTIVE)")
  Optional<CollaborativeService> findLive(long dossierId, long contactId, long offerId);

  List<CollaborativeService> findByContactIdAndStatusIn(
      long contactId, Collection<ServiceStatus> statuses);

  List<CollaborativeService> findByDossierIdAndContactIdAndStatusIn(
      long dossierId, long contactId, Collection<ServiceStatus> statuses);
}
