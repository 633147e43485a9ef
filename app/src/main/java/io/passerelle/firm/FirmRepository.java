package io.passerelle.firm;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface FirmRepository extends JpaRepository<Firm, Short> {

  /** Creates or updates the firm's row in one statement (safe when two instances start). */
  @Modifying
  @Query(
      value =
          """
          insert into firm (id, name, sender_email) values (1, :name, :senderEmail)
          on conflict (id) do update set name = excluded.name, sender_email = excluded.sender_email
          """,
      nativeQuery = true)
  void upsert(String name, String senderEmail);
}
