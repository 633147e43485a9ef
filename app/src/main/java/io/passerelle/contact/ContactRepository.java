package io.passerelle.contact;

import jakarta.persistence.LockModeType;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface ContactRepository
    extends JpaRepository<Contact, Long>, JpaSpecificationExecutor<Contact> {

  @Query("select c from Contact c where lower(c.email) = lower(:email)")
  Optional<Contact> findByEmailIgnoreCase(String email);

  /**
   * The contact, its row locked until the transaction ends: concurrent changes of one contact's
   * identity run one after the other, each on fresh data.
   */
  @Lock(LockModeType.PESSIMISTIC_WRITE)
  @Query("select c from Contact c where c.id = :id")
  Optional<Contact> findForUpdate(long id);
}
