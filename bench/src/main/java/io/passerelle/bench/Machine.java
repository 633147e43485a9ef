package io.passerelle.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the numbers were measured on. */
final class Machine {

  private Machine() {}

  static Map<String, Object> facts(BenchOptions options) {
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("cores", Runtime.getRuntime().availableProcessors());
    facts.put("cpu", cpuModel());
    facts.put("memoryTotalMb", memTotalMb());
    facts.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    facts.put(
        "java",
        System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    facts.put("loadAverageAtStart", loadAverage());
    String commit = System.getenv("PASSERELLE_BENCH_COMMIT");
    if (commit != null && !commit.isBlank()) {
      facts.put("gitCommit", commit);
    }
    facts.put("database", options.jdbcUrl(options.database()));
    return facts;
  }

  /**
   * Waits, at most {@code patience}, until the machine is quiet: two seconds in a row in which the
   * CPUs were busy less than a quarter of the time (the build that scripts/bench runs just before
   * otherwise still weighs on the start-up time). Returns the busy share last seen (0–1), or -1
   * where /proc/stat cannot be read.
   */
  static double awaitQuiet(Duration patience) throws InterruptedException {
    long deadline = System.nanoTime() + patience.toNanos();
    int quietSeconds = 0;
    double busy = -1;
    long[] before = cpuTicks();
    while (before != null && System.nanoTime() < deadline && quietSeconds < 2) {
      Thread.sleep(1000);
      long[] after = cpuTicks();
      if (after == null) {
        return -1;
      }
      busy = busyShare(before, after);
      quietSeconds = busy < 0.25 ? quietSeconds + 1 : 0;
      before = after;
    }
    return busy;
  }

  /** The share (0–1) of the CPU ticks between two {@link #cpuTicks()} readings that were busy. */
  static double busyShare(long[] before, long[] after) {
    long total = after[0] - before[0];
    return total <= 0 ? 0 : (double) (after[1] - before[1]) / total;
  }

  /** All CPU ticks and the busy ones (all but idle and iowait), from /proc/stat; null if absent. */
  static long[] cpuTicks() {
    try {
      String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      long total = 0;
      for (int i = 1; i < fields.length; i++) {
        total += Long.parseLong(fields[i]);
      }
      long idle = Long.parseLong(fields[4]) + (fields.length > 5 ? Long.parseLong(fields[5]) : 0);
      return new long[] {total, total - idle};
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static String cpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
          .filter(line -> line.startsWith("model name"))
          .map(line -> line.substring(line.indexOf(':') + 1).trim())
          .findFirst()
          .orElse("unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static long memTotalMb() {
    try {
      return Files.readAllLines(Path.of("/proc/meminfo")).stream()
              .filter(line -> line.startsWith("MemTotal:"))
              .mapToLong(line -> Long.parseLong(line.replaceAll("[^0-9]", "")))
              .findFirst()
              .orElse(0)
          / 1024;
    } catch (IOException e) {
      return 0;
    }
  }
}
