package io.passerelle.engine;

import io.camunda.zeebe.logstreams.storage.LogStorage;
import io.camunda.zeebe.logstreams.storage.LogStorageReader;
import io.camunda.zeebe.util.buffer.BufferWriter;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.AtomicLong;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The embedded engine's log, in memory, that forgets what nobody will read again.
 *
 * <p>The test engine's own log storage keeps every record for ever (a test reads them all back), so
 * an application that runs for days grows by every job, timer and message it ever handled. Here the
 * blocks below a position are dropped once the engine has processed them and the application's
 * projection ({@link EngineRecordProjection}) has read them: {@link #trimBelow(long)}. Nothing else
 * reads the log: the engine is never replayed (its state dies with the JVM).
 */
public final class TrimmedLogStorage implements LogStorage {

  /** One appended block of records: positions {@code lowest}..{@code highest}. */
  private record Block(long lowest, long highest, ByteBuffer buffer) {}

  private final ConcurrentSkipListMap<Long, Block> blocks = new ConcurrentSkipListMap<>();
  private final Set<CommitListener> commitListeners = new CopyOnWriteArraySet<>();
  private final AtomicLong bytes = new AtomicLong();
  private final AtomicLong index = new AtomicLong();

  @Override
  public LogStorageReader newReader() {
    return new Reader();
  }

  @Override
  public void append(
      long lowestPosition,
      long highestPosition,
      BufferWriter bufferWriter,
      AppendListener listener) {
    ByteBuffer buffer = ByteBuffer.allocate(bufferWriter.getLength());
    bufferWriter.write(new UnsafeBuffer(buffer), 0);
    append(lowestPosition, highestPosition, buffer, listener);
  }

  @Override
  public void append(
      long lowestPosition, long highestPosition, ByteBuffer buffer, AppendListener listener) {
    blocks.put(lowestPosition, new Block(lowestPosition, highestPosition, buffer));
    bytes.addAndGet(buffer.remaining());
    long written = index.incrementAndGet();
    listener.onWrite(written, highestPosition);
    listener.onCommit(written, highestPosition);
    commitListeners.forEach(CommitListener::onCommit);
  }

  @Override
  public void addCommitListener(CommitListener listener) {
    commitListeners.add(listener);
  }

  @Override
  public void removeCommitListener(CommitListener listener) {
    commitListeners.remove(listener);
  }

  /**
   * Drops every block whose records all lie below {@code position}.
   *
   * @return how many blocks were dropped
   */
  public int trimBelow(long position) {
    int dropped = 0;
    for (Map.Entry<Long, Block> entry : blocks.headMap(position).entrySet()) {
      Block block = entry.getValue();
      if (block.highest() >= position) {
        break;
      }
      if (blocks.remove(entry.getKey(), block)) {
        bytes.addAndGet(-block.buffer().remaining());
        dropped++;
      }
    }
    return dropped;
  }

  /** Blocks appended since the start, kept or not. */
  public long appendedCount() {
    return index.get();
  }

  /** Blocks kept now. */
  public int blockCount() {
    return blocks.size();
  }

  /** Bytes of the blocks kept now. */
  public long byteCount() {
    return bytes.get();
  }

  /** Reads the blocks in order from where it was sought; a dropped block is skipped. */
  private final class Reader implements LogStorageReader {

    /** The lowest position of the next block to return; -1 = the first one kept. */
    private long next = -1;

    @Override
    public void seek(long position) {
      // the block that holds the position starts at or before it
      Long start = blocks.floorKey(position);
      next = start == null ? -1 : start;
    }

    @Override
    public boolean hasNext() {
      return following() != null;
    }

    @Override
    public DirectBuffer next() {
      Map.Entry<Long, Block> entry = following();
      if (entry == null) {
        throw new NoSuchElementException();
      }
      next = entry.getKey() + 1;
      return new UnsafeBuffer(entry.getValue().buffer());
    }

    @Override
    public void close() {}

    private Map.Entry<Long, Block> following() {
      return next < 0 ? blocks.firstEntry() : blocks.ceilingEntry(next);
    }
  }
}
