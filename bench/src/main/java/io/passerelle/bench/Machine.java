package io.passerelle.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
