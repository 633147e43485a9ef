package io.passerelle.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The results: {@code result.json}, {@code latency.png}, and a Markdown table on the console. */
final class Report {

  private Report() {}

  static void write(Map<String, Object> result, Map<String, Latencies> latencies, Path output)
      throws IOException {
    String table = table(result);
    result.put("table", table);
    var json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    Path file = output.resolve("result.json");
    json.writeValue(file.toFile(), result);
    List<LatencyChart.Series> series = new ArrayList<>();
    int index = 0;
    for (var entry : latencies.entrySet()) {
      if (entry.getKey().equals("warmup")) {
        continue;
      }
      series.add(
          new LatencyChart.Series(entry.getKey(), entry.getValue(), Benchmark.color(index++)));
    }
    Path chart = output.resolve("latency.png");
    LatencyChart.write(
        "Passerelle — début d'intégration → invitation acceptée par SMTP", series, chart);
    Files.writeString(output.resolve("table.md"), table);
    System.out.println();
    System.out.println(table);
    System.out.println("JSON: " + file.toAbsolutePath() + "\nchart: " + chart.toAbsolutePath());
  }

  /** The figures that the issue asks for, with their targets. */
  static String table(Map<String, Object> r) {
    var rows = new ArrayList<String[]>();
    Object bulkContacts = get(r, "bulk", "contacts");
    // the 10,000 in 4 minutes, scaled to the run's size
    long allowed =
        bulkContacts instanceof Number contacts
            ? Math.round(contacts.doubleValue() * 240 / 10_000)
            : 240;
    rows.add(
        row(
            "bulk " + bulkContacts + ": time until every invitation accepted by SMTP",
            get(r, "bulk", "secondsUntilAllSent") + " s",
            "≤ " + allowed + " s",
            le(get(r, "bulk", "secondsUntilAllSent"), allowed)));
    rows.add(
        row(
            "bulk: onboardings per second",
            String.valueOf(get(r, "bulk", "onboardingsPerSecond")),
            "≥ 40",
            ge(get(r, "bulk", "onboardingsPerSecond"), 40)));
    rows.add(
        row("bulk: start → sent p50 / p95 / p99", percentiles(r, "bulk", "startToSentMs"), "", ""));
    rows.add(
        row(
            "bulk: CPU seconds (app / PostgreSQL); per onboarding",
            get(r, "bulk", "appCpuSeconds")
                + " / "
                + get(r, "bulk", "postgresCpuSeconds")
                + " s; "
                + get(r, "bulk", "cpuMsPerOnboarding", "app")
                + " / "
                + get(r, "bulk", "cpuMsPerOnboarding", "postgres")
                + " ms",
            "",
            ""));
    rows.add(
        row(
            "bulk: cores busy; threads running / waiting for a core",
            percent(get(r, "bulk", "machineCpuBusy")) + "; " + threads(r, "bulk", 3),
            "",
            ""));
    Object baseline = get(r, "baseline", "onboardingsPerSecond");
    Object passerelle = get(r, "bulk", "onboardingsPerSecond");
    String ratio = "—";
    String ratioOk = "";
    if (baseline instanceof Number b && passerelle instanceof Number p && b.doubleValue() > 0) {
      double value = p.doubleValue() / b.doubleValue();
      ratio = String.format("%.2f (baseline %s/s)", value, b);
      ratioOk = value >= 0.5 ? "yes" : "NO";
    }
    rows.add(row("throughput Passerelle / baseline", ratio, "≥ 0.5", ratioOk));
    rows.add(
        row(
            "baseline: start → sent p50 / p95 / p99",
            percentiles(r, "baseline", "startToSentMs"),
            "",
            ""));
    rows.add(
        row(
            "steady " + get(r, "steady", "ratePerSecond") + "/s: start → sent p50",
            get(r, "steady", "startToSentMs", "p50Ms") + " ms",
            "≤ 150 ms",
            le(get(r, "steady", "startToSentMs", "p50Ms"), 150)));
    rows.add(
        row(
            "steady: start → sent p99",
            get(r, "steady", "startToSentMs", "p99Ms") + " ms",
            "≤ 1000 ms",
            le(get(r, "steady", "startToSentMs", "p99Ms"), 1000)));
    rows.add(
        row(
            "steady: API response p50 / p99",
            get(r, "steady", "apiResponseMs", "p50Ms")
                + " / "
                + get(r, "steady", "apiResponseMs", "p99Ms")
                + " ms",
            "",
            ""));
    rows.add(reminderRow(r, "remindersFewWaiting", "firstReminders"));
    rows.add(reminderRow(r, "remindersAllWaiting", "firstReminders"));
    rows.add(reminderRow(r, "remindersAllWaiting", "secondRemindersOfWarmup"));
    Object few = get(r, "remindersFewWaiting", "firstReminders", "secondsUntilAllSent");
    Object many = get(r, "remindersAllWaiting", "secondRemindersOfWarmup", "secondsUntilAllSent");
    if (few instanceof Number f && many instanceof Number m && f.doubleValue() > 0) {
      double value = m.doubleValue() / f.doubleValue();
      rows.add(
          row(
              "same reminders due, many more waiting: time ratio",
              String.format("%.2f", value),
              "≈ 1 (grows with due, not waiting)",
              value <= 1.5 ? "yes" : "NO"));
    }
    rows.add(
        row(
            "CPU while nothing is due ("
                + get(r, "remindersAllWaiting", "idle", "invitationsWaiting")
                + " waiting)",
            get(r, "remindersAllWaiting", "idle", "appCpuCores") + " cores",
            "",
            ""));
    rows.add(
        row(
            "start-up to health UP",
            get(r, "startup", "toHealthUpSeconds") + " s",
            "≤ 10 s",
            le(get(r, "startup", "toHealthUpSeconds"), 10)));
    rows.add(
        row(
            "RSS after the bulk (as it ends / after a full collection) / at the end",
            get(r, "bulk", "rssAfterMb")
                + " / "
                + get(r, "bulk", "rssAfterFullGcMb")
                + " / "
                + get(r, "end", "rssMb")
                + " MB",
            "≤ 512 MB",
            le(get(r, "bulk", "rssAfterMb"), 512)));
    rows.add(
        row(
            "peak RSS / peak heap used",
            get(r, "memory", "peakRssMb") + " / " + get(r, "memory", "peakHeapUsedMb") + " MB",
            "",
            ""));
    rows.add(
        row(
            "live heap halfway through the burst: bulk / reminders due at once",
            get(r, "bulk", "heapAfterGcHalfwayMb")
                + " / "
                + get(r, "remindersAllWaiting", "firstReminders", "heapAfterGcHalfwayMb")
                + " MB",
            "",
            ""));
    Object perOnboarding = get(r, "memory", "heapBytesPerOnboarding");
    rows.add(
        row(
            "live heap per onboarding (engine log + state)",
            perOnboarding instanceof Number n
                ? String.format("%.1f KB", n.doubleValue() / 1024)
                : "—",
            "",
            ""));
    rows.add(
        row(
            "mails lost / duplicated",
            get(r, "mails", "lost") + " / " + get(r, "mails", "duplicates"),
            "0 / 0",
            Long.valueOf(0).equals(asLong(get(r, "mails", "lost")))
                    && Long.valueOf(0).equals(asLong(get(r, "mails", "duplicates")))
                ? "yes"
                : "NO"));
    var text = new StringBuilder();
    text.append("| measure | measured | target | met |\n|---|---|---|---|\n");
    for (String[] row : rows) {
      text.append("| ")
          .append(row[0])
          .append(" | ")
          .append(row[1])
          .append(" | ")
          .append(row[2])
          .append(" | ")
          .append(row[3])
          .append(" |\n");
    }
    return text.toString();
  }

  private static String[] reminderRow(Map<String, Object> r, String group, String phase) {
    return row(
        "reminders: "
            + get(r, group, phase, "remindersDue")
            + " due, "
            + get(r, group, phase, "invitationsWaiting")
            + " waiting",
        get(r, group, phase, "secondsUntilAllSent")
            + " s ("
            + get(r, group, phase, "remindersPerSecond")
            + "/s)",
        "",
        "");
  }

  private static String percentiles(Map<String, Object> r, String phase, String what) {
    return get(r, phase, what, "p50Ms")
        + " / "
        + get(r, phase, what, "p95Ms")
        + " / "
        + get(r, phase, what, "p99Ms")
        + " ms";
  }

  private static String[] row(String measure, String value, String target, String met) {
    return new String[] {measure, value, target, met};
  }

  /** A share (0–1) as a whole percentage, or a dash. */
  static String percent(Object share) {
    return share instanceof Number ? hundredths(share) + "%" : "—";
  }

  private static String hundredths(Object share) {
    return share instanceof Number n ? String.valueOf(Math.round(n.doubleValue() * 100)) : "—";
  }

  /**
   * The phase's busiest thread groups: "name running/waiting%", as {@link ThreadSchedule} gave
   * them.
   */
  @SuppressWarnings("unchecked")
  static String threads(Map<String, Object> r, String phase, int groups) {
    if (!(get(r, phase, "threads") instanceof Map<?, ?> threads) || threads.isEmpty()) {
      return "—";
    }
    List<String> shown = new ArrayList<>();
    for (var entry : ((Map<String, Map<String, Object>>) threads).entrySet()) {
      if (shown.size() == groups) {
        break;
      }
      shown.add(
          entry.getKey()
              + " "
              + hundredths(entry.getValue().get("running"))
              + "/"
              + percent(entry.getValue().get("waitingForCore")));
    }
    return String.join(", ", shown);
  }

  @SuppressWarnings("unchecked")
  static Object get(Map<String, Object> map, String... path) {
    Object current = map;
    for (String key : path) {
      if (!(current instanceof Map<?, ?> m)) {
        return "—";
      }
      current = ((Map<String, Object>) m).get(key);
      if (current == null) {
        return "—";
      }
    }
    return current;
  }

  private static Long asLong(Object value) {
    return value instanceof Number n ? n.longValue() : null;
  }

  private static String le(Object value, double limit) {
    return value instanceof Number n ? (n.doubleValue() <= limit ? "yes" : "NO") : "";
  }

  private static String ge(Object value, double limit) {
    return value instanceof Number n ? (n.doubleValue() >= limit ? "yes" : "NO") : "";
  }
}
