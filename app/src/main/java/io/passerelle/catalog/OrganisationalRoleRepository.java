package io.passerelle.catalog;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface OrganisationalRoleRepository extends JpaRepository<OrganisationalRole, Long> {

  Optional<OrganisationalRole> findByCode(String code);

  @Query("select r from OrganisationalRole r where lower(r.label) = lower(:label)")
  Optional<OrganisationalRole> findByLabelIgnoreCase(String label);
}
