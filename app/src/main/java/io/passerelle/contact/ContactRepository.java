package io.passerelle.contact;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Query;

interface ContactRepository
    extends JpaRepository<Contact, Long>, JpaSpecificationExecutor<Contact> {

  @Query("select c from Contact c where lower(c.email) = lower(:email)")
  Optional<Contact> findByEmailIgnoreCase(String email);
}
