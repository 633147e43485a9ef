package io.passerelle.db;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.passerelle.support.PasserelleSpringTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;

/** The schema holds the rules too, for whatever writes to it besides the services. */
@PasserelleSpringTest
class SchemaConstraintsTest {

  @Autowired JdbcTemplate jdbc;

  long manager() {
    return jdbc.queryForObject(
        "select id from staff_member where username = 'claire.martin'", Long.class);
  }

  long role() {
    return jdbc.queryForObject(
        "select id from organisational_role where code = 'DIRIGEANT'", Long.class);
  }

  @Test
  @DisplayName("a SIRET with a wrong Luhn digit is refused by the database")
  void siretCheck() {
    assertThatThrownBy(
            () ->
                jdbc.update(
                    "insert into dossier (company_name, siret, manager_id) values ('X', '73282932000075', ?)",
                    manager()))
        .isInstanceOf(DataIntegrityViolationException.class)
        .hasMessageContaining("dossier_siret_valid");
  }

  @Test
  @DisplayName("a contact e-mail differing only in case is refused by the unique index")
  void contactEmailUnique() {
    jdbc.update(
        "insert into contact (last_name, subscriber_type, email, organisational_role_id) values ('A', 'CLIENT', 'Schema.Unique@Test.example', ?)",
        role());
    assertThatThrownBy(
            () ->
                jdbc.update(
                    "insert into contact (last_name, subscriber_type, email, organisational_role_id) values ('B', 'CLIENT', 'schema.unique@test.EXAMPLE', ?)",
                    role()))
        .hasMessageContaining("contact_email_uq");
  }

  @Test
  @DisplayName("an advisor needs an advisor type; a client cannot have one")
  void advisorTypeCheck() {
    assertThatThrownBy(
            () ->
                jdbc.update(
                    "insert into contact (last_name, subscriber_type, email, organisational_role_id) values ('C', 'ADVISOR', 'schema.advisor@test.example', ?)",
                    role()))
        .hasMessageContaining("contact_advisor_type_iff_advisor");
  }

  @Test
  @DisplayName("an unknown staff role, and a username an assignee cannot carry, are refused")
  void staffChecks() {
    assertThatThrownBy(
            () ->
                jdbc.update(
                    "insert into staff_member (username, email, first_name, last_name, role, password_hash) values ('x.y', 'x@y.example', 'X', 'Y', 'BOSS', 'h')"))
        .hasMessageContaining("staff_member_role_check");
    assertThatThrownBy(
            () ->
                jdbc.update(
                    "insert into staff_member (username, email, first_name, last_name, role, password_hash) values ('Jean Dupont', 'j@y.example', 'X', 'Y', 'STAFF', 'h')"))
        .hasMessageContaining("staff_member_username_format");
  }

  @Test
  @DisplayName("a fiscal year that ends before it starts is refused")
  void fiscalYearCheck() {
    long dossier =
        jdbc.queryForObject(
            "insert into dossier (company_name, manager_id) values ('FY', ?) returning id",
            Long.class,
            manager());
    assertThatThrownBy(
            () ->
                jdbc.update(
                    "insert into fiscal_year (dossier_id, start_date, end_date) values (?, '2026-01-01', '2025-12-31')",
                    dossier))
        .hasMessageContaining("fiscal_year_dates");
  }
}
