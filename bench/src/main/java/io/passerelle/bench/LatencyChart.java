package io.passerelle.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * A PNG of latency distributions: one cumulative curve per series (x: latency in ms on a log scale,
 * y: share of requests at or below it), with p50/p95/p99 marked. Drawn with Java2D.
 */
final class LatencyChart {

  record Series(String name, Latencies latencies, Color color) {}

  private static final int WIDTH = 1000;
  private static final int HEIGHT = 600;
  private static final int LEFT = 80;
  private static final int RIGHT = 30;
  private static final int TOP = 60;
  private static final int BOTTOM = 70;

  private LatencyChart() {}

  static void write(String title, List<Series> series, Path file) throws IOException {
    var image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    var g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, WIDTH, HEIGHT);
    long max = Math.max(10, series.stream().mapToLong(s -> s.latencies().max()).max().orElse(10));
    double logMax = Math.log10(max * 1.2);
    double logMin = 0; // 1 ms
    int plotWidth = WIDTH - LEFT - RIGHT;
    int plotHeight = HEIGHT - TOP - BOTTOM;

    g.setColor(Color.DARK_GRAY);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
    g.drawString(title, LEFT, 35);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    for (int decade = 0; Math.pow(10, decade) <= max * 1.2; decade++) {
      int x = LEFT + (int) ((decade - logMin) / (logMax - logMin) * plotWidth);
      g.setColor(new Color(230, 230, 230));
      g.drawLine(x, TOP, x, TOP + plotHeight);
      g.setColor(Color.DARK_GRAY);
      g.drawString(label((long) Math.pow(10, decade)), x - 12, TOP + plotHeight + 18);
    }
    for (int pct = 0; pct <= 100; pct += 25) {
      int y = TOP + plotHeight - pct * plotHeight / 100;
      g.setColor(new Color(230, 230, 230));
      g.drawLine(LEFT, y, LEFT + plotWidth, y);
      g.setColor(Color.DARK_GRAY);
      g.drawString(pct + " %", 35, y + 4);
    }
    g.drawString(
        "latence début → invitation acceptée par le serveur SMTP (ms, échelle log)",
        LEFT,
        HEIGHT - 25);
    g.drawRect(LEFT, TOP, plotWidth, plotHeight);

    int legendY = TOP + 20;
    for (Series s : series) {
      long[] values = s.latencies().values();
      if (values.length == 0) {
        continue;
      }
      g.setColor(s.color());
      g.setStroke(new BasicStroke(2f));
      int previousX = -1;
      int previousY = -1;
      for (int i = 0; i < values.length; i++) {
        double log = Math.log10(Math.max(1, values[i]));
        int x = LEFT + (int) ((log - logMin) / (logMax - logMin) * plotWidth);
        int y = TOP + plotHeight - (int) ((i + 1) / (double) values.length * plotHeight);
        if (previousX >= 0) {
          g.drawLine(previousX, previousY, x, y);
        }
        previousX = x;
        previousY = y;
      }
      g.drawString(
          s.name()
              + " — p50 "
              + s.latencies().percentile(50)
              + " ms, p95 "
              + s.latencies().percentile(95)
              + " ms, p99 "
              + s.latencies().percentile(99)
              + " ms (n="
              + values.length
              + ")",
          LEFT + 15,
          legendY);
      legendY += 18;
    }
    g.dispose();
    ImageIO.write(image, "png", file.toFile());
  }

  private static String label(long millis) {
    return millis >= 1000 ? (millis / 1000) + " s" : millis + " ms";
  }
}
