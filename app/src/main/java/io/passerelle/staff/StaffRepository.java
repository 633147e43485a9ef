package io.passerelle.staff;

import java.util.Optional;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface StaffRepository extends JpaRepository<StaffMember, Long> {

  // HQL rather than a derived query: Hibernate keeps the SQL of an HQL string between calls, while
  // it translates a derived (criteria) query again on every call (see README, "Benchmark")
  @Query("select s from StaffMember s where s.username = :username")
  Optional<StaffMember> findByUsername(String username);

  @Query("select s from StaffMember s where lower(s.email) = lower(:email)")
  Optional<StaffMember> findByEmailIgnoreCase(String email);

  @Query(
      "select s from StaffMember s where (:role is null or s.role = :role)"
          + " and (:active is null or s.active = :active)")
  Page<StaffMember> search(StaffRole role, Boolean active, Pageable pageable);

  long countByRoleAndActiveTrue(StaffRole role);
}
