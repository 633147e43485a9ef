package io.passerelle.dossier;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

interface DossierRepository
    extends JpaRepository<Dossier, Long>, JpaSpecificationExecutor<Dossier> {

  Optional<Dossier> findBySiret(String siret);
}
