package io.passerelle.dossiersetup;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface DossierPartnerApplicationRepository
    extends JpaRepository<DossierPartnerApplication, Long> {

  List<DossierPartnerApplication> findByDossierId(long dossierId);

  Optional<DossierPartnerApplication> findByDossierIdAndApplicationCode(
      long dossierId, String applicationCode);
}
