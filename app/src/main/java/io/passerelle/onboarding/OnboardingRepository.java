package io.passerelle.onboarding;

import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface OnboardingRepository
    extends JpaRepository<Onboarding, Long>, JpaSpecificationExecutor<Onboarding> {

  /** The row, locked until the transaction ends (one starter, one step at a time). */
  @Lock(LockModeType.PESSIMISTIC_WRITE)
  @Query("select o from Onboarding o where o.id = :id")
  Optional<Onboarding> lockById(@Param("id") long id);

  Optional<Onboarding> findByProcessInstanceKey(long processInstanceKey);

  Optional<Onboarding> findByInvitationProcessKey(long invitationProcessKey);

  List<Onboarding> findByAccountIdAndStatus(long accountId, OnboardingStatus status);

  List<Onboarding> findByContactIdAndStatusIn(
      long contactId, Collection<OnboardingStatus> statuses);

  @Query(
      "select o.id from Onboarding o where o.status = io.passerelle.onboarding.OnboardingStatus.STARTING"
          + " and o.createdAt < :before order by o.id")
  List<Long> startingBefore(@Param("before") Instant before);

  // HQL rather than a derived query: Hibernate keeps the SQL of an HQL string between calls, while
  // it translates a derived (criteria) query again on every call (see README, "Benchmark")
  @Query(
      "select case when count(o) > 0 then true else false end from Onboarding o"
          + " where o.dossierId = :dossierId and o.contactId = :contactId"
          + " and o.offerCode = :offerCode and o.status in :statuses")
  boolean existsByDossierIdAndContactIdAndOfferCodeAndStatusIn(
      long dossierId, long contactId, String offerCode, Collection<OnboardingStatus> statuses);
}
