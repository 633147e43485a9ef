package io.passerelle.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What Linux says of a process: resident memory now and at its peak (VmRSS, VmHWM in
 * /proc/PID/status), and the CPU time it has used (utime + stime in /proc/PID/stat).
 */
record ProcessStats(long rssBytes, long peakRssBytes, double cpuSeconds) {

  private static final double CLOCK_TICKS_PER_SECOND = 100.0;

  static ProcessStats of(long pid) {
    try {
      long rss = 0;
      long peak = 0;
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith("VmRSS:")) {
          rss = kilobytes(line) * 1024;
        } else if (line.startsWith("VmHWM:")) {
          peak = kilobytes(line) * 1024;
        }
      }
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      // fields after the command name, which is in parentheses and may hold spaces
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
      return new ProcessStats(rss, peak, ticks / CLOCK_TICKS_PER_SECOND);
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("Cannot read /proc/" + pid + ": " + e, e);
    }
  }

  private static long kilobytes(String line) {
    return Long.parseLong(line.replaceAll("[^0-9]", ""));
  }
}
