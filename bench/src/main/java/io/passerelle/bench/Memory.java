package io.passerelle.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How memory grows with the onboardings: the in-memory engine keeps its whole log and every waiting
 * instance, so the live heap grows with each onboarding started. A least-squares line through the
 * checkpoints (live heap after a full collection against onboardings started) gives the bytes per
 * onboarding; the same for the resident set.
 */
final class Memory {

  private Memory() {}

  static Map<String, Object> growth(List<Map<String, Object>> checkpoints) {
    Map<String, Object> growth = new LinkedHashMap<>();
    // from the first checkpoint with onboardings: start-up allocations are not per onboarding
    List<Map<String, Object>> points =
        checkpoints.stream().filter(p -> ((Number) p.get("onboardings")).longValue() > 0).toList();
    if (points.size() < 2) {
      return growth;
    }
    growth.put("heapBytesPerOnboarding", Math.round(slope(points, "heapAfterGcBytes")));
    growth.put("rssBytesPerOnboarding", Math.round(slope(points, "rssBytes")));
    return growth;
  }

  static double slope(List<Map<String, Object>> points, String key) {
    int n = points.size();
    double sx = 0;
    double sy = 0;
    double sxx = 0;
    double sxy = 0;
    for (var p : points) {
      double x = ((Number) p.get("onboardings")).doubleValue();
      double y = ((Number) p.get(key)).doubleValue();
      sx += x;
      sy += y;
      sxx += x * x;
      sxy += x * y;
    }
    double denominator = n * sxx - sx * sx;
    return denominator == 0 ? 0 : (n * sxy - sx * sy) / denominator;
  }
}
