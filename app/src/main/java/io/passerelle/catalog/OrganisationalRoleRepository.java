package io.passerelle.catalog;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface OrganisationalRoleRepository extends JpaRepository<OrganisationalRole, Long> {

  // HQL rather than a derived query: Hibernate keeps the SQL of an HQL string between calls, while
  // it translates a derived (criteria) query again on every call (see README, "Benchmark")
  @Query("select r from OrganisationalRole r where r.code = :code")
  Optional<OrganisationalRole> findByCode(String code);

  @Query("select r from OrganisationalRole r where lower(r.label) = lower(:label)")
  Optional<OrganisationalRole> findByLabelIgnoreCase(String label);
}
