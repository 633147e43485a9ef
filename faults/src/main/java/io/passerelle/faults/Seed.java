package io.passerelle.faults;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The dossiers and contacts a firm has before it invites them, written straight into the database
 * in a few set-based statements (as the benchmark does): two contacts a dossier, linked read-only,
 * none invited yet. Everything the suite then checks goes through the application.
 */
final class Seed {

  private static final String DEV_DATA =
      """
      select s.id, r.id from staff_member s, organisational_role r, offer o
      where s.username = 'claire.martin' and r.code = 'DIRIGEANT' and o.code = 'START'
      """;

  /** A run's contacts: the dossiers to invite and the contacts' e-mail addresses. */
  record Cohort(List<Long> dossierIds, List<String> emails) {}

  private Seed() {}

  /** Waits for the development data (loaded once the application is ready). */
  static long[] managerAndRole(Connection db) throws SQLException, InterruptedException {
    long deadline = System.nanoTime() + 120_000_000_000L;
    while (true) {
      try (var statement = db.createStatement();
          var rows = statement.executeQuery(DEV_DATA)) {
        if (rows.next()) {
          return new long[] {rows.getLong(1), rows.getLong(2)};
        }
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("no development data (PASSERELLE_DEV_DATA must be on)");
      }
      Thread.sleep(200);
    }
  }

  static Cohort cohort(Connection db, long[] managerAndRole, int run, int contacts)
      throws SQLException {
    int dossiers = (contacts + 1) / 2;
    String[] names = new String[dossiers];
    String[] sirets = new String[dossiers];
    for (int i = 0; i < dossiers; i++) {
      names[i] = "Faults run " + run + " dossier " + (i + 1);
      sirets[i] = siret(run, i);
    }
    List<Long> dossierIds = new ArrayList<>();
    try (var insert =
        db.prepareStatement(
            """
            insert into dossier (company_name, siret, legal_form, city, manager_id)
            select n, s, 'SAS', 'Lyon', ? from unnest(?::text[], ?::text[]) with ordinality as t(n, s, o)
            order by o returning id
            """)) {
      insert.setLong(1, managerAndRole[0]);
      insert.setArray(2, db.createArrayOf("text", names));
      insert.setArray(3, db.createArrayOf("text", sirets));
      try (var rows = insert.executeQuery()) {
        while (rows.next()) {
          dossierIds.add(rows.getLong(1));
        }
      }
    }
    try (var staff =
        db.prepareStatement(
            "insert into dossier_staff (dossier_id, staff_id) select d, ? from unnest(?::bigint[]) as t(d)")) {
      staff.setLong(1, managerAndRole[0]);
      staff.setArray(2, db.createArrayOf("bigint", dossierIds.toArray()));
      staff.executeUpdate();
    }
    String[] emails = new String[contacts];
    String[] lastNames = new String[contacts];
    Long[] linkDossiers = new Long[contacts];
    for (int i = 0; i < contacts; i++) {
      emails[i] = "bulk" + run + "-" + (i + 1) + "@faults.example";
      lastNames[i] = "Run " + run + " client " + (i + 1);
      linkDossiers[i] = dossierIds.get(i / 2);
    }
    try (var insert =
        db.prepareStatement(
            """
            with c as (
              insert into contact (first_name, last_name, subscriber_type, email, organisational_role_id)
              select 'Faults', n, 'CLIENT', e, ? from unnest(?::text[], ?::text[]) as t(n, e)
              returning id, email)
            insert into dossier_link (dossier_id, contact_id, access_level, holder)
            select l.d, c.id, 'READ_ONLY', false
            from c join unnest(?::text[], ?::bigint[]) as l(e, d) on l.e = c.email
            """)) {
      insert.setLong(1, managerAndRole[1]);
      insert.setArray(2, db.createArrayOf("text", lastNames));
      insert.setArray(3, db.createArrayOf("text", emails));
      insert.setArray(4, db.createArrayOf("text", emails));
      insert.setArray(5, db.createArrayOf("bigint", linkDossiers));
      insert.executeUpdate();
    }
    return new Cohort(dossierIds, List.of(emails));
  }

  /** A valid SIRET (14 digits, Luhn) of its own for each run and index. */
  static String siret(int run, int index) {
    String body = String.format("7%03d%09d", run % 1000, index);
    int sum = 0;
    for (int i = 0; i < 13; i++) {
      int digit = body.charAt(i) - '0';
      if (i % 2 == 0) {
        digit *= 2;
        if (digit > 9) {
          digit -= 9;
        }
      }
      sum += digit;
    }
    return body + ((10 - sum % 10) % 10);
  }
}
