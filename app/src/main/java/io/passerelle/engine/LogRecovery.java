package io.passerelle.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the engine log's segments at start ({@link DurableLogStorage}): every segment is scanned; a
 * torn tail of the last one (a crash in the middle of a write) is cut off at its last whole block
 * with a line saying how many bytes were dropped; damage in any other segment stops the start.
 */
final class LogRecovery {

  private static final Logger LOG = LoggerFactory.getLogger(DurableLogStorage.class);

  private LogRecovery() {}

  /**
   * The segments of {@code directory}, in order, scanned and indexed (empty segments other than the
   * last deleted).
   *
   * @throws DurableLogStorage.CorruptLogException when a segment other than the last is damaged
   */
  static List<LogSegment> recover(Path directory) throws IOException {
    List<Path> files;
    try (Stream<Path> listing = Files.list(directory)) {
      files =
          listing
              .filter(p -> p.getFileName().toString().endsWith(LogSegment.SUFFIX))
              .sorted()
              .toList();
    }
    List<LogSegment> segments = new ArrayList<>();
    long expected = -1;
    for (int i = 0; i < files.size(); i++) {
      boolean last = i == files.size() - 1;
      LogSegment segment = LogSegment.open(files.get(i));
      long valid = segment.scan(expected);
      long length = segment.channel.size();
      if (valid < length) {
        cutTornTail(segment, valid, length, last, expected);
      }
      segment.size = valid;
      if (segment.count > 0) {
        expected = segment.last() + 1;
      }
      if (segment.count == 0 && !last) {
        segment.channel.close();
        Files.delete(segment.path);
        continue;
      }
      segments.add(segment);
    }
    if (!segments.isEmpty()) {
      LOG.info(
          "The engine's log: {} segment(s), positions {} to {}",
          segments.size(),
          segments.get(0).count == 0 ? -1 : segments.get(0).first(),
          lastPosition(segments));
    }
    return segments;
  }

  /** The position of the last block of these segments, or -1 when they hold none. */
  static long lastPosition(List<LogSegment> segments) {
    for (int i = segments.size() - 1; i >= 0; i--) {
      if (segments.get(i).count > 0) {
        return segments.get(i).last();
      }
    }
    return -1;
  }

  private static void cutTornTail(
      LogSegment segment, long valid, long length, boolean last, long expected) throws IOException {
    if (!last) {
      throw new DurableLogStorage.CorruptLogException(
          "The engine's log segment "
              + segment.path
              + " is damaged at byte "
              + valid
              + " of "
              + length
              + " (it is not the last segment, so this is not a write torn by a crash)");
    }
    segment.channel.truncate(valid);
    segment.channel.force(true);
    LOG.warn(
        "The engine's log ended with a torn write (a crash in the middle of an append): {}"
            + " bytes dropped from {}, the log now ends at position {}",
        length - valid,
        segment.path.getFileName(),
        segment.count == 0 ? expected - 1 : segment.last());
  }
}
