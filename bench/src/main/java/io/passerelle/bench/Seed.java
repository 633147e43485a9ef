package io.passerelle.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The data a firm already has before it invites anyone: dossiers, their contacts and the links
 * between them, written in a few set-based statements straight into the application's database
 * (thousands in a second). What the benchmark measures afterwards goes through the public API.
 */
final class Seed {

  /**
   * A group of contacts, {@code perDossier} to a dossier.
   *
   * @param contacts (dossier id, contact id) pairs in the order they were made
   */
  record Cohort(String name, List<Long> dossierIds, List<long[]> contacts) {}

  private final Connection connection;
  private final long managerId;
  private final long roleId;

  /** Cohorts made in this run, whatever the Seed: each gets SIRETs of its own. */
  private static final java.util.concurrent.atomic.AtomicInteger COHORTS =
      new java.util.concurrent.atomic.AtomicInteger();

  Seed(Connection connection) throws SQLException, InterruptedException {
    this.connection = connection;
    // the development data loads once the application is ready: wait for it
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (System.nanoTime() < deadline && !exists(DEV_DATA)) {
      Thread.sleep(100);
    }
    this.managerId = single("select id from staff_member where username = 'claire.martin'");
    this.roleId = single("select id from organisational_role where code = 'DIRIGEANT'");
  }

  private static final String DEV_DATA =
      """
      select 1 from staff_member s, organisational_role r, offer o
      where s.username = 'claire.martin' and r.code = 'DIRIGEANT' and o.code = 'START'
      """;

  private boolean exists(String sql) throws SQLException {
    try (var statement = connection.createStatement();
        var rows = statement.executeQuery(sql)) {
      return rows.next();
    }
  }

  long managerId() {
    return managerId;
  }

  /** Dossiers of {@code perDossier} new contacts each, linked read-only, none invited yet. */
  Cohort cohort(String name, int contacts, int perDossier) throws SQLException {
    int index = COHORTS.incrementAndGet();
    int dossierCount = (contacts + perDossier - 1) / perDossier;
    String[] names = new String[dossierCount];
    String[] sirets = new String[dossierCount];
    for (int i = 0; i < dossierCount; i++) {
      names[i] = "Bench " + name + " " + (i + 1);
      sirets[i] = siret(index, i);
    }
    Map<String, Long> dossierBySiret = new LinkedHashMap<>();
    try (PreparedStatement insert =
        connection.prepareStatement(
            """
            insert into dossier (company_name, siret, legal_form, city, manager_id)
            select n, s, 'SAS', 'Lyon', ? from unnest(?::text[], ?::text[]) as t(n, s)
            returning id, siret
            """)) {
      insert.setLong(1, managerId);
      insert.setArray(2, connection.createArrayOf("text", names));
      insert.setArray(3, connection.createArrayOf("text", sirets));
      try (var rows = insert.executeQuery()) {
        while (rows.next()) {
          dossierBySiret.put(rows.getString(2), rows.getLong(1));
        }
      }
    }
    List<Long> dossierIds = new ArrayList<>();
    for (String siret : sirets) {
      dossierIds.add(dossierBySiret.get(siret));
    }
    try (PreparedStatement staff =
        connection.prepareStatement(
            "insert into dossier_staff (dossier_id, staff_id) select d, ? from unnest(?::bigint[]) as t(d)")) {
      staff.setLong(1, managerId);
      staff.setArray(2, connection.createArrayOf("bigint", dossierIds.toArray()));
      staff.executeUpdate();
    }
    String[] emails = new String[contacts];
    String[] lastNames = new String[contacts];
    for (int i = 0; i < contacts; i++) {
      emails[i] = email(name, i);
      lastNames[i] = "Client " + (i + 1);
    }
    Map<String, Long> contactByEmail = new LinkedHashMap<>();
    try (PreparedStatement insert =
        connection.prepareStatement(
            """
            insert into contact (first_name, last_name, subscriber_type, email, organisational_role_id)
            select 'Bench', n, 'CLIENT', e, ? from unnest(?::text[], ?::text[]) as t(n, e)
            returning id, email
            """)) {
      insert.setLong(1, roleId);
      insert.setArray(2, connection.createArrayOf("text", lastNames));
      insert.setArray(3, connection.createArrayOf("text", emails));
      try (var rows = insert.executeQuery()) {
        while (rows.next()) {
          contactByEmail.put(rows.getString(2), rows.getLong(1));
        }
      }
    }
    List<long[]> pairs = new ArrayList<>();
    Long[] linkDossiers = new Long[contacts];
    Long[] linkContacts = new Long[contacts];
    for (int i = 0; i < contacts; i++) {
      long dossier = dossierIds.get(i / perDossier);
      long contact = contactByEmail.get(emails[i]);
      pairs.add(new long[] {dossier, contact});
      linkDossiers[i] = dossier;
      linkContacts[i] = contact;
    }
    try (PreparedStatement links =
        connection.prepareStatement(
            """
            insert into dossier_link (dossier_id, contact_id, access_level, holder)
            select d, c, 'READ_ONLY', false from unnest(?::bigint[], ?::bigint[]) as t(d, c)
            """)) {
      links.setArray(1, connection.createArrayOf("bigint", linkDossiers));
      links.setArray(2, connection.createArrayOf("bigint", linkContacts));
      links.executeUpdate();
    }
    return new Cohort(name, dossierIds, pairs);
  }

  static String email(String cohort, int index) {
    return cohort + "-" + (index + 1) + "@bench.example";
  }

  /** A valid SIRET (14 digits, Luhn) of its own for each cohort and index. */
  static String siret(int cohort, int index) {
    String body = String.format("8%02d%010d", cohort % 100, index);
    int sum = 0;
    for (int i = 0; i < 13; i++) {
      int digit = body.charAt(i) - '0';
      if (i % 2 == 0) { // positions 1, 3, … 13 from the left are doubled in a 14-digit Luhn
        digit *= 2;
        if (digit > 9) {
          digit -= 9;
        }
      }
      sum += digit;
    }
    return body + ((10 - sum % 10) % 10);
  }

  private long single(String sql) throws SQLException {
    try (var statement = connection.createStatement();
        var rows = statement.executeQuery(sql)) {
      if (!rows.next()) {
        throw new IllegalStateException(
            "Nothing for '" + sql + "': the development data (PASSERELLE_DEV_DATA) must be on");
      }
      return rows.getLong(1);
    }
  }
}
