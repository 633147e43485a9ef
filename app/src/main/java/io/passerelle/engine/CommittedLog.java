package io.passerelle.engine;

import java.util.Arrays;
import java.util.List;

/**
 * What the readers of a {@link DurableLogStorage} see: the index of the committed blocks (on disk),
 * segment by segment, immutable. The storage publishes a new one at each commit (a volatile write,
 * after the force), and a reader takes the current one without any lock, so that the stream
 * processor reading the log never waits for an append nor makes the appender wait (with one lock
 * for both, the monitor's hand-overs cost more than the appends themselves on two cores).
 *
 * <p>It shares the segments' index arrays: an append writes only past the blocks counted here, and
 * a segment's index grows by copying into new arrays, so what a view counts never changes.
 */
record CommittedLog(long committed, Segment[] segments) {

  /** One segment's committed blocks: the first {@code count} of its index. */
  record Segment(
      LogSegment file, long[] lowest, long[] highest, long[] offset, int count, long end) {

    /** The index of the last block whose lowest position is at most {@code position}, or -1. */
    int floor(long position) {
      int found = Arrays.binarySearch(lowest, 0, count, position);
      return found >= 0 ? found : -found - 2;
    }

    long last() {
      return count == 0 ? -1 : highest[count - 1];
    }

    /** Where block {@code block}'s frame ends in the file. */
    long end(int block) {
      return block + 1 < count ? offset[block + 1] : end;
    }
  }

  /**
   * The blocks of {@code segments} up to position {@code upTo} (the highest position of a block):
   * called under the storage's lock, which orders it after the appends it counts.
   */
  static CommittedLog of(List<LogSegment> segments, long upTo) {
    Segment[] views = new Segment[segments.size()];
    for (int i = 0; i < views.length; i++) {
      LogSegment s = segments.get(i);
      int count = s.count == 0 || s.last() <= upTo ? s.count : s.floor(upTo) + 1;
      long end = count == s.count ? s.size : s.offset[count];
      views[i] = new Segment(s, s.lowest, s.highest, s.offset, count, end);
    }
    return new CommittedLog(upTo, views);
  }
}
