package io.passerelle.catalog;

import io.passerelle.microsoft.Identity;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface OfferRepository extends JpaRepository<Offer, Long> {

  // HQL rather than a derived query: Hibernate keeps the SQL of an HQL string between calls, while
  // it translates a derived (criteria) query again on every call (see README, "Benchmark")
  @Query("select o from Offer o where o.code = :code")
  Optional<Offer> findByCode(String code);

  @Query(
      "select o.code from Offer o where o.identity = :identity and o.active = true order by o.code")
  List<String> activeCodesWithIdentity(Identity identity);
}
