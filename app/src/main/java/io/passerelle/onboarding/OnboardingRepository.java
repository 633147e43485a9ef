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

  // HQL rather than a criteria query (a Specification): Hibernate keeps the SQL of an HQL string
  // between calls, while it translates a criteria query again on every call (see README,
  // "Benchmark")
  @Query("select o from Onboarding o where o.bulkItemId = :bulkItemId")
  Optional<Onboarding> findByBulkItemId(long bulkItemId);

  Optional<Onboarding> findByProcessInstanceKey(long processInstanceKey);

  Optional<Onboarding> findByInvitationProcessKey(long invitationProcessKey);

  List<Onboarding> findByAccountIdAndStatus(long accountId, OnboardingStatus status);

  List<Onboarding> findByContactIdAndStatusIn(
      long contactId, Collection<OnboardingStatus> statuses);

  @Query(
      "select o.id from Onboarding o where o.status = io.passerelle.onboarding.OnboardingStatus.STARTING"
          + " and o.createdAt < :before order by o.id")
  List<Long> startingBefore(@Param("before") Instant before);

  /** Whether an onboarding to the offer is running (OnboardingService.RUNNING) for the pair. */
  // The statuses of OnboardingService.RUNNING written out (a test checks they are the same):
  // Hibernate keeps no plan for a query with a collection parameter, whose list it expands on
  // every call
  @Query(
      "select case when count(o) > 0 then true else false end from Onboarding o"
          + " where o.dossierId = :dossierId and o.contactId = :contactId"
          + " and o.offerCode = :offerCode and o.status in"
          + " (io.passerelle.onboarding.OnboardingStatus.STARTING,"
          + " io.passerelle.onboarding.OnboardingStatus.IN_PROGRESS)")
  boolean existsRunning(long dossierId, long contactId, String offerCode);

  /** The running onboarding to the offer for the pair, if any (for the 409's link). */
  @Query(
      "select o.id from Onboarding o"
          + " where o.dossierId = :dossierId and o.contactId = :contactId"
          + " and o.offerCode = :offerCode and o.status in"
          + " (io.passerelle.onboarding.OnboardingStatus.STARTING,"
          + " io.passerelle.onboarding.OnboardingStatus.IN_PROGRESS)")
  List<Long> runningIds(long dossierId, long contactId, String offerCode);

  /**
   * The running onboarding to the offer on the dossier for this address (lower-case, trimmed):
   * proposed to a new contact not yet created ({@code new_contact}), or to the contact it created.
   */
  @Query(
      value =
          "select o.id from onboarding o left join contact c on c.id = o.contact_id"
              + " where o.dossier_id = :dossierId and o.offer_code = :offerCode"
              + " and o.status in ('STARTING', 'IN_PROGRESS')"
              + " and (lower(trim(o.new_contact ->> 'email')) = :email"
              + " or lower(trim(c.email)) = :email)"
              + " order by o.id limit 1",
      nativeQuery = true)
  List<Long> runningForAddress(long dossierId, String offerCode, String email);
}
