package io.passerelle.account;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface ClientAccountRepository
    extends JpaRepository<ClientAccount, Long>, JpaSpecificationExecutor<ClientAccount> {

  // HQL rather than a derived query: Hibernate keeps the SQL of an HQL string between calls, while
  // it translates a derived (criteria) query again on every call (see README, "Benchmark")
  @Query("select a from ClientAccount a where a.contactId = :contactId")
  Optional<ClientAccount> findByContactId(long contactId);

  @Query("select a from ClientAccount a where lower(a.email) = lower(:email)")
  Optional<ClientAccount> findByEmailIgnoreCase(String email);

  /**
   * The account whose address, lower-cased, is this one ({@link
   * io.passerelle.domain.EmailAddresses#comparable} of a valid address: ASCII, which Java and
   * PostgreSQL lower-case alike).
   */
  // findByEmailIgnoreCase without lower() around the parameter: Hibernate keeps no plan for a query
  // with a parameter as the last argument of a function (it might be bound to a list, in the
  // function's varargs), and every account creation runs this one
  @Query("select a from ClientAccount a where lower(a.email) = :lowerCaseEmail")
  Optional<ClientAccount> findByLowerCaseEmail(String lowerCaseEmail);

  @Query("select a from ClientAccount a where a.microsoftOid = :oid")
  Optional<ClientAccount> findByMicrosoftOid(String oid);

  /**
   * Forgets the Microsoft object id kept for this account, if any: 1 when one was cleared, 0 when
   * none was kept (so that the same request twice clears once).
   */
  @Modifying(clearAutomatically = true, flushAutomatically = true)
  @Query(
      "update ClientAccount a set a.microsoftOid = null, a.updatedAt = :now,"
          + " a.version = a.version + 1 where a.id = :id and a.microsoftOid is not null")
  int forgetMicrosoftOid(long id, java.time.Instant now);
}
