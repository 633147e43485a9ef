package io.passerelle.dossier;

import io.passerelle.domain.DomainException;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

interface DossierRepository
    extends JpaRepository<Dossier, Long>, JpaSpecificationExecutor<Dossier> {

  Optional<Dossier> findBySiret(String siret);

  /** The dossier, or {@code DOSSIER_UNKNOWN}. */
  default Dossier require(long id) {
    return findById(id)
        .orElseThrow(
            () -> DomainException.notFound("DOSSIER_UNKNOWN", "No dossier has the id " + id + "."));
  }
}
