package io.passerelle.reporting.web;

import java.util.ArrayList;
import java.util.List;

/**
 * A bar chart drawn as SVG by the template (no JavaScript): the geometry is computed here, the same
 * numbers are given as a table for screen readers.
 *
 * @param horizontal bars from the left (a funnel), else columns from the bottom (a series)
 */
record BarChart(String title, boolean horizontal, List<Bar> bars, int width, int height) {

  /** One bar: its label, value and place in the drawing. */
  record Bar(String label, long value, int x, int y, int w, int h, int labelX, int labelY) {}

  static final int WIDTH = 480;
  private static final int LABEL_SPACE = 130;
  private static final int ROW = 34;
  private static final int COLUMN_AREA = 180;

  static BarChart horizontal(String title, List<String> labels, List<Long> values) {
    long max = Math.max(1, values.stream().mapToLong(Long::longValue).max().orElse(1));
    List<Bar> bars = new ArrayList<>();
    int room = WIDTH - LABEL_SPACE - 60;
    for (int i = 0; i < labels.size(); i++) {
      long value = values.get(i);
      int w = (int) Math.round(room * (double) value / max);
      int y = 10 + i * ROW;
      bars.add(
          new Bar(
              labels.get(i),
              value,
              LABEL_SPACE,
              y,
              Math.max(w, 1),
              ROW - 10,
              LABEL_SPACE + w + 6,
              y + 17));
    }
    return new BarChart(title, true, bars, WIDTH, 20 + labels.size() * ROW);
  }

  static BarChart columns(String title, List<String> labels, List<Long> values) {
    long max = Math.max(1, values.stream().mapToLong(Long::longValue).max().orElse(1));
    List<Bar> bars = new ArrayList<>();
    int n = Math.max(1, labels.size());
    int slot = (WIDTH - 20) / n;
    for (int i = 0; i < labels.size(); i++) {
      long value = values.get(i);
      int h = (int) Math.round(COLUMN_AREA * (double) value / max);
      int x = 10 + i * slot;
      int y = 20 + COLUMN_AREA - h;
      bars.add(
          new Bar(labels.get(i), value, x + 3, y, Math.max(slot - 6, 2), h, x + slot / 2, y - 4));
    }
    return new BarChart(title, false, bars, WIDTH, COLUMN_AREA + 50);
  }
}
