package io.passerelle.engine;

import io.camunda.zeebe.logstreams.storage.LogStorageReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.NoSuchElementException;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Reads the committed blocks of a {@link DurableLogStorage} in order from where it was sought, from
 * the storage's current {@link CommittedLog} (no lock): a block is seen only once it is on disk.
 * The block itself is read from its segment file (a block, once written, never changes; a segment
 * is deleted only below the last snapshot and the projection's position, which every reader has
 * passed).
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
    CommittedLog.Segment[] segments = storage.committedLog().segments();
    long found = -1;
    for (int i = segments.length - 1; i >= 0; i--) {
      int block = segments[i].floor(position);
      if (block >= 0) {
        found = segments[i].lowest()[block];
        break;
      }
    }
    next = found;
  }

  @Override
  public boolean hasNext() {
    return locate(storage.committedLog()) >= 0;
  }

  @Override
  public DirectBuffer next() {
    CommittedLog log = storage.committedLog();
    long at = locate(log);
    if (at < 0) {
      throw new NoSuchElementException();
    }
    CommittedLog.Segment segment = log.segments()[(int) (at >>> 32)];
    int block = (int) at;
    long start = segment.offset()[block] + LogSegment.HEADER;
    int length = (int) (segment.end(block) - start);
    byte[] payload;
    try {
      payload = segment.file().read(start, length);
    } catch (IOException e) {
      throw new UncheckedIOException("The engine's log could not be read", e);
    }
    next = segment.highest()[block] + 1;
    return new UnsafeBuffer(payload);
  }

  /** The next committed block as {@code segment << 32 | block}, or -1 when there is none yet. */
  private long locate(CommittedLog log) {
    CommittedLog.Segment[] segments = log.segments();
    for (int i = 0; i < segments.length; i++) {
      CommittedLog.Segment segment = segments[i];
      if (segment.count() == 0 || segment.last() < next) {
        continue;
      }
      int block = next < 0 ? 0 : Math.max(0, segment.floor(next));
      if (segment.lowest()[block] < next && segment.highest()[block] < next) {
        block++;
      }
      return block >= segment.count() ? -1 : ((long) i << 32) | block;
    }
    return -1;
  }

  @Override
  public void close() {}
}
