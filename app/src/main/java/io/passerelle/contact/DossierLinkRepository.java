package io.passerelle.contact;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface DossierLinkRepository extends JpaRepository<DossierLink, Long> {

  @Query(
      "select l from DossierLink l where l.dossierId = :dossierId and l.contactId = :contactId"
          + " and l.withdrawnAt is null")
  Optional<DossierLink> findLive(long dossierId, long contactId);

  @Query("select l from DossierLink l where l.dossierId = :dossierId order by l.id")
  List<DossierLink> findByDossier(long dossierId);

  @Query("select l from DossierLink l where l.contactId = :contactId order by l.id")
  List<DossierLink> findByContact(long contactId);

  boolean existsByContactId(long contactId);
}
