package io.passerelle.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The arithmetic of the benchmark's figures. */
class FiguresTest {

  @Test
  @DisplayName("percentiles are nearest-rank")
  void percentiles() {
    var latencies = new Latencies(new long[] {5, 1, 4, 2, 3, 10, 9, 8, 7, 6});
    assertThat(latencies.percentile(50)).isEqualTo(5);
    assertThat(latencies.percentile(95)).isEqualTo(10);
    assertThat(latencies.percentile(10)).isEqualTo(1);
    assertThat(latencies.max()).isEqualTo(10);
    assertThat(new Latencies(new long[0]).percentile(50)).isEqualTo(-1);
  }

  @Test
  @DisplayName("seeded SIRETs pass the Luhn check the database applies, one of their own each")
  void sirets() {
    for (int cohort = 1; cohort < 5; cohort++) {
      for (int index = 0; index < 1000; index += 37) {
        String siret = Seed.siret(cohort, index);
        assertThat(siret).hasSize(14).matches("[0-9]{14}");
        assertThat(luhn(siret)).as(siret).isTrue();
      }
    }
    assertThat(Seed.siret(1, 5)).isNotEqualTo(Seed.siret(2, 5));
  }

  @Test
  @DisplayName("memory per onboarding is the slope of the live heap against onboardings started")
  void slope() {
    List<Map<String, Object>> points =
        List.of(point(0, 50_000_000), point(1_000, 60_000_000), point(11_000, 160_000_000));
    var growth = Memory.growth(points);
    assertThat((long) growth.get("heapBytesPerOnboarding")).isEqualTo(10_000);
  }

  @Test
  @DisplayName(
      "the RSS after the bulk: as it ends and after a full collection; the target on the first")
  void rssAfterBulk() {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("bulk", Map.of("rssAfterMb", 1278L, "rssAfterFullGcMb", 758L));
    result.put("end", Map.of("rssMb", 826L));
    assertThat(Report.table(result))
        .contains(
            "| RSS after the bulk (as it ends / after a full collection) / at the end"
                + " | 1278 / 758 / 826 MB | ≤ 512 MB | NO |");
  }

  @Test
  @DisplayName("the table says which targets are met")
  void table() {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put(
        "bulk",
        Map.of("contacts", 10_000, "secondsUntilAllSent", 200.0, "onboardingsPerSecond", 50.0));
    result.put("baseline", Map.of("onboardingsPerSecond", 400.0));
    String table = Report.table(result);
    assertThat(table).contains("| bulk: onboardings per second | 50.0 | ≥ 40 | yes |");
    assertThat(table).contains("0.13 (baseline 400.0/s) | ≥ 0.5 | NO |");
    assertThat(table)
        .contains(
            "| bulk 10000: time until every invitation accepted by SMTP | 200.0 s | ≤ 240 s | yes |");
  }

  @Test
  @DisplayName("a smaller bulk gets the same pace as its time target: 4 minutes for 10,000")
  void scaledTimeTarget() {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("bulk", Map.of("contacts", 3_000, "secondsUntilAllSent", 80.0));
    assertThat(Report.table(result))
        .contains(
            "| bulk 3000: time until every invitation accepted by SMTP | 80.0 s | ≤ 72 s | NO |");
  }

  @Test
  @DisplayName("threads grouped without their numbers, running and waiting as shares of the phase")
  void threadShares() {
    assertThat(ThreadSchedule.group("zb-actors-0")).isEqualTo("zb-actors-#");
    assertThat(ThreadSchedule.group("pool-2-thread-13")).isEqualTo("pool-#-thread-#");
    var before =
        Map.of(
            "10", ThreadSchedule.parse("zb-actors-0", "1000000000 500000000 20\n"),
            "11", ThreadSchedule.parse("pool-2-thread-1", "0 0 0"));
    var after =
        Map.of(
            "10", ThreadSchedule.parse("zb-actors-0", "1900000000 800000000 90"),
            "11", ThreadSchedule.parse("pool-2-thread-1", "300000000 700000000 50"),
            "12", ThreadSchedule.parse("pool-2-thread-2", "200000000 900000000 50"));
    Map<String, Object> shares = ThreadSchedule.shares(before, after, 1_000_000_000L, 6);
    assertThat(shares.keySet()).containsExactly("zb-actors-#", "pool-#-thread-#");
    assertThat(shares.get("zb-actors-#")).isEqualTo(Map.of("running", 0.9, "waitingForCore", 0.3));
    assertThat(shares.get("pool-#-thread-#"))
        .isEqualTo(Map.of("running", 0.5, "waitingForCore", 1.6));
    assertThat(ThreadSchedule.shares(before, after, 1_000_000_000L, 1)).hasSize(1);

    Map<String, Object> result = new LinkedHashMap<>();
    result.put("bulk", Map.of("machineCpuBusy", 0.97, "threads", shares));
    assertThat(Report.table(result))
        .contains(
            "| bulk: cores busy; threads running / waiting for a core"
                + " | 97%; zb-actors-# 90/30%, pool-#-thread-# 50/160% |");
  }

  @Test
  @DisplayName("this process's own threads, read from Linux's scheduler statistics")
  void ownThreads() {
    var schedule = ThreadSchedule.start(ProcessHandle.current().pid());
    long end = System.nanoTime() + 200_000_000L;
    long spins = 0;
    while (System.nanoTime() < end) {
      spins++;
    }
    Map<String, Object> shares = schedule.stop(20);
    assertThat(spins).isPositive();
    // the busiest group comes first: the thread that spun (Linux names the main thread "java")
    @SuppressWarnings("unchecked")
    var busiest = (Map<String, Object>) shares.values().iterator().next();
    assertThat((Double) busiest.get("running")).isGreaterThan(0.3);
  }

  private static Map<String, Object> point(long onboardings, long heap) {
    return Map.of("onboardings", onboardings, "heapAfterGcBytes", heap, "rssBytes", heap * 3);
  }

  private static boolean luhn(String digits) {
    int sum = 0;
    for (int i = 0; i < digits.length(); i++) {
      int digit = digits.charAt(i) - '0';
      if (i % 2 == 0) {
        digit *= 2;
        if (digit > 9) {
          digit -= 9;
        }
      }
      sum += digit;
    }
    return sum % 10 == 0;
  }
}
