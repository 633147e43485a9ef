package io.passerelle.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * How the application's threads shared the cores during a phase, from Linux's scheduler statistics
 * ({@code /proc/PID/task/TID/schedstat}: the time a thread ran, and the time it was ready to run
 * but waited for a core). Threads are grouped by name without their numbers ({@code zb-actors-0} →
 * {@code zb-actors-#}); both times are given as a share of the phase, so a group of eight threads
 * can reach 8. It tells whether a phase is limited by one thread (running nearly all the time) or
 * by the cores (its threads waiting for one).
 */
final class ThreadSchedule {

  /** What one thread had used when the phase started. */
  record Times(String group, long runningNanos, long waitingNanos) {}

  private final long pid;
  private final Map<String, Times> atStart;
  private final long startNanos;

  private ThreadSchedule(long pid) {
    this.pid = pid;
    this.atStart = read(pid);
    this.startNanos = System.nanoTime();
  }

  static ThreadSchedule start(long pid) {
    return new ThreadSchedule(pid);
  }

  /**
   * The groups that ran the most, busiest first, each with {@code running} and {@code
   * waitingForCore} as shares of the phase; empty where the kernel keeps no scheduler statistics.
   */
  Map<String, Object> stop(int groups) {
    return shares(atStart, read(pid), System.nanoTime() - startNanos, groups);
  }

  /**
   * The groups' shares between two readings {@code elapsedNanos} apart; a thread started since the
   * first counts whole.
   */
  static Map<String, Object> shares(
      Map<String, Times> before, Map<String, Times> after, long elapsedNanos, int groups) {
    Map<String, long[]> byGroup = new HashMap<>();
    after.forEach(
        (tid, now) -> {
          Times then = before.get(tid);
          long[] sum = byGroup.computeIfAbsent(now.group(), g -> new long[2]);
          sum[0] += now.runningNanos() - (then == null ? 0 : then.runningNanos());
          sum[1] += now.waitingNanos() - (then == null ? 0 : then.waitingNanos());
        });
    Map<String, Object> shares = new LinkedHashMap<>();
    byGroup.entrySet().stream()
        .sorted(Comparator.comparingLong((Map.Entry<String, long[]> e) -> -e.getValue()[0]))
        .limit(groups)
        .forEach(
            e -> {
              Map<String, Object> share = new LinkedHashMap<>();
              share.put("running", Benchmark.round((double) e.getValue()[0] / elapsedNanos));
              share.put("waitingForCore", Benchmark.round((double) e.getValue()[1] / elapsedNanos));
              shares.put(e.getKey(), share);
            });
    return shares;
  }

  /** A thread's group: its name without digits, runs of them as one {@code #}. */
  static String group(String threadName) {
    return threadName.replaceAll("[0-9]+", "#");
  }

  /** The schedstat line: nanoseconds running, nanoseconds waiting to run, time slices. */
  static Times parse(String threadName, String schedstat) {
    String[] fields = schedstat.trim().split("\\s+");
    return new Times(group(threadName), Long.parseLong(fields[0]), Long.parseLong(fields[1]));
  }

  private static Map<String, Times> read(long pid) {
    Map<String, Times> threads = new HashMap<>();
    Path tasks = Path.of("/proc/" + pid + "/task");
    try (Stream<Path> list = Files.list(tasks)) {
      list.forEach(
          task -> {
            try {
              threads.put(
                  task.getFileName().toString(),
                  parse(
                      Files.readString(task.resolve("comm")).trim(),
                      Files.readString(task.resolve("schedstat"))));
            } catch (IOException | RuntimeException gone) {
              // the thread ended between the listing and the read, or no scheduler statistics
            }
          });
    } catch (IOException e) {
      // the process is gone: nothing to tell
    }
    return threads;
  }
}
