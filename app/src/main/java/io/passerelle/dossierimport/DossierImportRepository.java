package io.passerelle.dossierimport;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface DossierImportRepository extends JpaRepository<DossierImport, Long> {

  Optional<DossierImport> findByFileSha256(byte[] fileSha256);
}
