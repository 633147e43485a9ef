package io.passerelle.account;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Query;

interface ClientAccountRepository
    extends JpaRepository<ClientAccount, Long>, JpaSpecificationExecutor<ClientAccount> {

  // HQL rather than a derived query: Hibernate keeps the SQL of an HQL string between calls, while
  // it translates a derived (criteria) query again on every call (see README, "Benchmark")
  @Query("select a from ClientAccount a where a.contactId = :contactId")
  Optional<ClientAccount> findByContactId(long contactId);

  @Query("select a from ClientAccount a where lower(a.email) = lower(:email)")
  Optional<ClientAccount> findByEmailIgnoreCase(String email);
}
