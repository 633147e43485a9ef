package io.passerelle.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.passerelle.support.RepositoryTest;
import io.passerelle.support.SliceRows;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The client accounts' queries on real PostgreSQL (a JPA slice; each test rolls back). */
@RepositoryTest
class ClientAccountRepositoryTest {

  static final String ANNES_OID = "0a1b2c3d-0000-4000-8000-00000000000a";
  static final String BRUNOS_OID = "0a1b2c3d-0000-4000-8000-00000000000b";

  @Autowired ClientAccountRepository accounts;
  @Autowired JdbcTemplate jdbc;

  SliceRows rows;
  long anneContact;
  long anne;
  long bruno;

  @BeforeEach
  void twoAccounts() {
    rows = new SliceRows(jdbc);
    anneContact = rows.contact("Anne.Account@Account.example");
    anne = rows.account(anneContact);
    bruno = rows.account(rows.contact("bruno.account@account.example"));
  }

  /** Makes the account an active Microsoft one that keeps this object id. */
  void microsoft(long account, String oid) {
    jdbc.update(
        "update client_account set identity = 'MICROSOFT', status = 'ACTIVE',"
            + " activated_at = now(), microsoft_oid = ? where id = ?",
        oid,
        account);
  }

  @Test
  @DisplayName("an account is found by its contact, and none for a contact without one")
  void findByContactId() {
    long withoutAccount = rows.contact("chloe.account@account.example");

    assertThat(accounts.findByContactId(anneContact))
        .get()
        .extracting(ClientAccount::getId)
        .isEqualTo(anne);
    assertThat(accounts.findByContactId(withoutAccount)).isEmpty();
  }

  @Test
  @DisplayName("an account is found by e-mail whatever the case of the stored and asked address")
  void findByEmailIgnoreCase() {
    assertThat(accounts.findByEmailIgnoreCase("ANNE.account@account.EXAMPLE"))
        .get()
        .extracting(ClientAccount::getId)
        .isEqualTo(anne);
    assertThat(accounts.findByEmailIgnoreCase("anne@account.example")).isEmpty();
  }

  @Test
  @DisplayName("an account is found by its address lower-cased, the stored one in any case")
  void findByLowerCaseEmail() {
    assertThat(accounts.findByLowerCaseEmail("anne.account@account.example"))
        .get()
        .extracting(ClientAccount::getId)
        .isEqualTo(anne);
    assertThat(accounts.findByLowerCaseEmail("bruno.account@account.example"))
        .get()
        .extracting(ClientAccount::getId)
        .isEqualTo(bruno);
  }

  @Test
  @DisplayName("the lower-case lookup does not lower-case what it is given (callers do)")
  void findByLowerCaseEmailTakesItAsIs() {
    assertThat(accounts.findByLowerCaseEmail("Anne.Account@Account.example")).isEmpty();
  }

  @Test
  @DisplayName("an account is found by the Microsoft object id it keeps")
  void findByMicrosoftOid() {
    microsoft(anne, ANNES_OID);
    microsoft(bruno, BRUNOS_OID);

    assertThat(accounts.findByMicrosoftOid(BRUNOS_OID))
        .get()
        .extracting(ClientAccount::getId)
        .isEqualTo(bruno);
    assertThat(accounts.findByMicrosoftOid("0a1b2c3d-0000-4000-8000-00000000000c")).isEmpty();
  }

  @Test
  @DisplayName(
      "forgetting the object id clears it once: 1 with the account's time and version moved on,"
          + " then 0")
  void forgetMicrosoftOid() {
    microsoft(anne, ANNES_OID);
    microsoft(bruno, BRUNOS_OID);
    long version =
        jdbc.queryForObject("select version from client_account where id = ?", Long.class, anne);
    Instant now = Instant.parse("2030-01-02T03:04:05Z");

    assertThat(accounts.forgetMicrosoftOid(anne, now)).isEqualTo(1);
    Map<String, Object> row =
        jdbc.queryForMap(
            "select microsoft_oid, updated_at, version from client_account where id = ?", anne);
    assertThat(row.get("microsoft_oid")).isNull();
    assertThat(((Timestamp) row.get("updated_at")).toInstant()).isEqualTo(now);
    assertThat(row.get("version")).isEqualTo(version + 1);
    assertThat(accounts.forgetMicrosoftOid(anne, now.plusSeconds(1))).isZero();
    assertThat(accounts.findByMicrosoftOid(BRUNOS_OID)).isPresent();
  }

  @Test
  @DisplayName("forgetting the object id of an account that keeps none changes nothing")
  void forgetMicrosoftOidWithoutOne() {
    assertThat(accounts.forgetMicrosoftOid(bruno, Instant.now())).isZero();
    assertThat(
            jdbc.queryForObject(
                "select version from client_account where id = ?", Long.class, bruno))
        .isZero();
  }
}
