package io.passerelle.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Rows of the journey's tables, to show that the baseline writes what Passerelle writes. */
final class Rows {

  static final List<String> TABLES =
      List.of(
          "onboarding",
          "bulk_invitation_item",
          "dossier_offer",
          "client_account",
          "collaborative_service",
          "invitation",
          "mail_log",
          "activity",
          "staff_notification");

  private Rows() {}

  static Map<String, Long> count(Connection db) throws SQLException {
    Map<String, Long> counts = new LinkedHashMap<>();
    try (var statement = db.createStatement()) {
      for (String table : TABLES) {
        try (var rows = statement.executeQuery("select count(*) from " + table)) {
          rows.next();
          counts.put(table, rows.getLong(1));
        }
      }
    }
    return counts;
  }

  /** Rows added per item between two counts, per table. */
  static Map<String, Double> perItem(Map<String, Long> before, Map<String, Long> after, int items) {
    Map<String, Double> per = new LinkedHashMap<>();
    for (String table : TABLES) {
      per.put(table, Benchmark.round((after.get(table) - before.get(table)) / (double) items));
    }
    return per;
  }

  /** Activity entries by type added since {@code sinceId}, for the baseline to mirror. */
  static Map<String, Long> activityTypes(Connection db, long sinceId) throws SQLException {
    Map<String, Long> types = new LinkedHashMap<>();
    try (var statement =
        db.prepareStatement(
            "select type, count(*) from activity where id > ? group by type order by type")) {
      statement.setLong(1, sinceId);
      try (var rows = statement.executeQuery()) {
        while (rows.next()) {
          types.put(rows.getString(1), rows.getLong(2));
        }
      }
    }
    return types;
  }
}
