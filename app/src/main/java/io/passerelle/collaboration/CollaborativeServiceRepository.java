package io.passerelle.collaboration;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

interface CollaborativeServiceRepository
    extends JpaRepository<CollaborativeService, Long>,
        JpaSpecificationExecutor<CollaborativeService> {

  Optional<CollaborativeService> findByOnboardingId(long onboardingId);

  Optional<CollaborativeService> findFirstByDossierIdAndContactIdAndOfferIdAndStatusIn(
      long dossierId, long contactId, long offerId, Collection<ServiceStatus> statuses);

  List<CollaborativeService> findByContactIdAndStatusIn(
      long contactId, Collection<ServiceStatus> statuses);

  List<CollaborativeService> findByDossierIdAndContactIdAndStatusIn(
      long dossierId, long contactId, Collection<ServiceStatus> statuses);
}
