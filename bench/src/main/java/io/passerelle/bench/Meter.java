package io.passerelle.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU used during a phase: by the application's process, and by the PostgreSQL backends that serve
 * its database (from /proc, so it counts what the database does for Passerelle too); how busy the
 * machine's cores were, and how the application's threads shared them ({@link ThreadSchedule}).
 */
final class Meter {

  /** How many groups of the application's threads a phase reports, the busiest first. */
  private static final int THREAD_GROUPS = 6;

  private final AppMonitor monitor;
  private final Connection db;
  private final String database;
  private final double appCpu;
  private final Map<Long, Double> backendCpu;
  private final long[] machineTicks;
  private final ThreadSchedule schedule;

  private Meter(AppMonitor monitor, Connection db, String database) throws SQLException {
    this.monitor = monitor;
    this.db = db;
    this.database = database;
    this.appCpu = monitor.stats().cpuSeconds();
    this.backendCpu = backends(db, database);
    this.machineTicks = Machine.cpuTicks();
    this.schedule = ThreadSchedule.start(monitor.pid());
  }

  static Meter start(AppMonitor monitor, Connection db, String database) throws SQLException {
    return new Meter(monitor, db, database);
  }

  /** What was used since the start; {@code seconds} is the phase's length, for the averages. */
  Map<String, Object> stop(double seconds) throws SQLException {
    double app = monitor.stats().cpuSeconds() - appCpu;
    double database = 0;
    for (var entry : backends(db, this.database).entrySet()) {
      database += entry.getValue() - backendCpu.getOrDefault(entry.getKey(), 0.0);
    }
    Map<String, Object> used = new LinkedHashMap<>();
    used.put("appCpuSeconds", Benchmark.round(app));
    used.put("appCpuCores", Benchmark.round(seconds > 0 ? app / seconds : 0));
    used.put("postgresCpuSeconds", Benchmark.round(database));
    long[] ticks = Machine.cpuTicks();
    if (machineTicks != null && ticks != null) {
      used.put("machineCpuBusy", Benchmark.round(Machine.busyShare(machineTicks, ticks)));
    }
    used.put("threads", schedule.stop(THREAD_GROUPS));
    return used;
  }

  /** CPU seconds of each backend connected to the database, but this benchmark's own. */
  static Map<Long, Double> backends(Connection db, String database) throws SQLException {
    Map<Long, Double> cpu = new HashMap<>();
    try (var statement =
        db.prepareStatement(
            "select pid from pg_stat_activity where datname = ? and pid <> pg_backend_pid()")) {
      statement.setString(1, database);
      try (var rows = statement.executeQuery()) {
        while (rows.next()) {
          long pid = rows.getLong(1);
          try {
            cpu.put(pid, ProcessStats.of(pid).cpuSeconds());
          } catch (IllegalStateException gone) {
            // the backend ended between the query and the read
          }
        }
      }
    }
    return cpu;
  }
}
