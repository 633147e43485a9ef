package io.passerelle.engine;

import io.camunda.zeebe.logstreams.storage.LogStorageReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.NoSuchElementException;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Reads the committed blocks of a {@link DurableLogStorage} in order from where it was sought,
 * under the storage's lock: a block is seen only once it is on disk.
 */
final class DurableLogReader implements LogStorageReader {

  private final DurableLogStorage storage;

  /** The lowest position of the next block to return; -1 = the first one kept. */
  private long next = -1;

  DurableLogReader(DurableLogStorage storage) {
    this.storage = storage;
  }

  @Override
  public void seek(long position) {
    synchronized (storage) {
      List<LogSegment> segments = storage.segments;
      long found = -1;
      for (int i = segments.size() - 1; i >= 0; i--) {
        LogSegment segment = segments.get(i);
        int block = segment.floor(position);
        if (block >= 0) {
          found = segment.lowest[block];
          break;
        }
      }
      next = found;
    }
  }

  @Override
  public boolean hasNext() {
    synchronized (storage) {
      return locate() != null;
    }
  }

  /**
   * The next committed block. Where it lies is looked up under the storage's lock; the block is
   * read from the file after it, so that appends do not wait for a reader's disk read (a block,
   * once written, never changes; its segment is deleted only below the last snapshot and the
   * projection's position, which every reader has passed).
   */
  @Override
  public DirectBuffer next() {
    LogSegment segment;
    long start;
    int length;
    long highest;
    synchronized (storage) {
      long[] at = locate();
      if (at == null) {
        throw new NoSuchElementException();
      }
      segment = storage.segments.get((int) at[0]);
      int block = (int) at[1];
      start = segment.offset[block] + LogSegment.HEADER;
      length = (int) (segment.end(block) - start);
      highest = segment.highest[block];
    }
    byte[] payload;
    try {
      payload = segment.read(start, length);
    } catch (IOException e) {
      throw new UncheckedIOException("The engine's log could not be read", e);
    }
    next = highest + 1;
    return new UnsafeBuffer(payload);
  }

  /** {segment index, block index} of the next committed block, or null. */
  private long[] locate() {
    List<LogSegment> segments = storage.segments;
    long committed = storage.committedPosition();
    for (int i = 0; i < segments.size(); i++) {
      LogSegment segment = segments.get(i);
      if (segment.count == 0 || segment.last() < next) {
        continue;
      }
      int block = next < 0 ? 0 : Math.max(0, segment.floor(next));
      if (segment.lowest[block] < next && segment.highest[block] < next) {
        block++;
      }
      if (block >= segment.count || segment.highest[block] > committed) {
        return null;
      }
      return new long[] {i, block};
    }
    return null;
  }

  @Override
  public void close() {}
}
