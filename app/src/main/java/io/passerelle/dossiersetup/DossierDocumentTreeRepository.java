package io.passerelle.dossiersetup;

import org.springframework.data.jpa.repository.JpaRepository;

interface DossierDocumentTreeRepository extends JpaRepository<DossierDocumentTree, Long> {}
