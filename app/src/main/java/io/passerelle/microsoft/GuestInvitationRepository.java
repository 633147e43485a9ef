package io.passerelle.microsoft;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface GuestInvitationRepository extends JpaRepository<GuestInvitation, Long> {

  @Lock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
  @Query("select g from GuestInvitation g where g.onboardingId = :onboardingId")
  Optional<GuestInvitation> lockById(long onboardingId);

  @Query("select g from GuestInvitation g where g.onboardingId in :ids")
  List<GuestInvitation> findAllByIds(Collection<Long> ids);

  @Query("select g.onboardingId from GuestInvitation g where g.processInstanceKey = :key")
  Optional<Long> onboardingOfProcess(long key);

  @Query("select g.onboardingId from GuestInvitation g where g.failureCode = :code")
  List<Long> onboardingsWithFailure(String code);
}
