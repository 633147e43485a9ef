package io.passerelle.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** A set of latencies in milliseconds and their percentiles (nearest-rank). */
final class Latencies {

  private final long[] sorted;

  Latencies(long[] millis) {
    this.sorted = millis.clone();
    Arrays.sort(sorted);
  }

  int count() {
    return sorted.length;
  }

  long percentile(double p) {
    if (sorted.length == 0) {
      return -1;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
  }

  long max() {
    return sorted.length == 0 ? -1 : sorted[sorted.length - 1];
  }

  long[] values() {
    return sorted.clone();
  }

  Map<String, Object> summary() {
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("count", count());
    summary.put("p50Ms", percentile(50));
    summary.put("p95Ms", percentile(95));
    summary.put("p99Ms", percentile(99));
    summary.put("maxMs", max());
    return summary;
  }
}
