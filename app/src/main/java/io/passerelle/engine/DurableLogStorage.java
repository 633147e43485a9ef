package io.passerelle.engine;

import io.camunda.zeebe.logstreams.storage.LogStorage;
import io.camunda.zeebe.logstreams.storage.LogStorageReader;
import io.camunda.zeebe.util.buffer.BufferWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.zip.CRC32C;
import org.agrona.concurrent.UnsafeBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded engine's log on disk: append-only segment files, each block framed with its length,
 * a CRC32C and its positions, forced to the disk before the engine is told it is committed.
 *
 * <p>A block is one atomic batch of records the engine's sequencer appends (a command, or a
 * command's events and follow-up commands). Its frame is {@code [int length][int crc32c][long
 * lowest][long highest][payload]}, the checksum covering the positions and the payload. A block is
 * <em>committed</em> once its segment has been forced ({@link FileChannel#force}): only then are
 * the append listener's {@code onCommit}, the commit listeners (which wake the stream processor)
 * called and the readers allowed to see it. So the engine processes a command, and answers its
 * caller, only once the command survives a kill -9.
 *
 * <p>Group commit: appends only write; a flusher thread forces once for every block appended since
 * its last force. A bulk then pays one disk sync per batch of blocks, not one per block (an fsync
 * takes about 2 ms here). {@code groupCommit = false} forces in every append (for comparison).
 *
 * <p>On open ({@link LogRecovery}), every segment is scanned; a torn tail of the last one (a crash
 * in the middle of a write) is cut off at its last whole block, with a line saying how many bytes
 * were dropped. Readers ({@link DurableLogReader}) seek by position through each {@link
 * LogSegment}'s index held in memory (three longs per block); the blocks themselves are read from
 * the file. {@link #deleteBelow} drops whole segments below a position (the last snapshot's and the
 * projection's). This class keeps the appends, the group commit and the segments' lifecycle.
 */
public final class DurableLogStorage implements LogStorage, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DurableLogStorage.class);

  static final int HEADER = LogSegment.HEADER;
  static final long DEFAULT_SEGMENT_SIZE = 64L * 1024 * 1024;

  private final Path directory;
  private final long segmentSize;
  private final boolean groupCommit;

  /** Guarded by this; readers see {@link #view} instead. */
  final List<LogSegment> segments = new ArrayList<>();

  private final Set<CommitListener> commitListeners = new CopyOnWriteArraySet<>();
  private final ArrayDeque<Pending> pending = new ArrayDeque<>();
  private final Thread flusher;
  private final CRC32C crc = new CRC32C();

  private ByteBuffer frame = ByteBuffer.allocate(64 * 1024).order(ByteOrder.LITTLE_ENDIAN);
  private long lastAppended = -1;

  /**
   * True while the flusher waits (guarded by this): an append wakes it only then, not once per
   * append (a wake-up per append cost more than the write); while it forces, it sees them after.
   */
  private boolean flusherIdle;

  /**
   * The committed blocks as readers see them, replaced at each commit ({@link CommittedLog}); its
   * position is the log's committed one.
   */
  private volatile CommittedLog view;

  private long appendedBlocks;
  private long forces;
  private volatile boolean closed;
  private volatile IOException failure;

  private record Pending(AppendListener listener, long index, long highest) {}

  /**
   * Opens (and recovers) the log in {@code directory}, creating it if needed.
   *
   * @throws CorruptLogException when a segment other than the last is damaged
   */
  public static DurableLogStorage open(Path directory, boolean groupCommit) throws IOException {
    return new DurableLogStorage(directory, DEFAULT_SEGMENT_SIZE, groupCommit);
  }

  DurableLogStorage(Path directory, long segmentSize, boolean groupCommit) throws IOException {
    this.directory = directory;
    this.segmentSize = segmentSize;
    this.groupCommit = groupCommit;
    Files.createDirectories(directory);
    segments.addAll(LogRecovery.recover(directory));
    lastAppended = LogRecovery.lastPosition(segments);
    view = CommittedLog.of(segments, lastAppended);
    this.flusher = Thread.ofPlatform().name("engine-log-flusher").daemon().unstarted(this::flush);
    if (groupCommit) {
      flusher.start();
    }
  }

  /** Thrown on open when a segment that is not the last one is damaged: not a torn write. */
  public static final class CorruptLogException extends IOException {
    CorruptLogException(String message) {
      super(message);
    }
  }

  @Override
  public LogStorageReader newReader() {
    return new DurableLogReader(this);
  }

  @Override
  public void append(
      long lowestPosition,
      long highestPosition,
      BufferWriter bufferWriter,
      AppendListener listener) {
    int length = bufferWriter.getLength();
    Pending written;
    synchronized (this) {
      ensureOpen();
      if (frame.capacity() < HEADER + length) {
        frame = ByteBuffer.allocate(Integer.highestOneBit(HEADER + length) * 2);
        frame.order(ByteOrder.LITTLE_ENDIAN);
      }
      frame.clear();
      bufferWriter.write(new UnsafeBuffer(frame.array(), HEADER, length), 0);
      written = write(lowestPosition, highestPosition, length, listener);
    }
    listener.onWrite(written.index(), highestPosition);
    if (!groupCommit) {
      listener.onCommit(written.index(), highestPosition);
      commitListeners.forEach(CommitListener::onCommit);
    }
  }

  @Override
  public void append(
      long lowestPosition, long highestPosition, ByteBuffer buffer, AppendListener listener) {
    byte[] bytes = new byte[buffer.remaining()];
    buffer.duplicate().get(bytes);
    append(lowestPosition, highestPosition, new BytesWriter(bytes), listener);
  }

  /** Frames and writes the payload already in {@link #frame} (guarded by this). */
  private Pending write(long low, long high, int length, AppendListener listener) {
    if (lastAppended >= 0 && low != lastAppended + 1) {
      throw new IllegalArgumentException(
          "Expected the block to start at position " + (lastAppended + 1) + ", not " + low);
    }
    try {
      LogSegment segment = current(low, HEADER + length);
      segment.append(frame, low, high, length, crc);
      lastAppended = high;
      Pending written = new Pending(listener, ++appendedBlocks, high);
      if (groupCommit) {
        pending.add(written);
        if (flusherIdle) {
          flusherIdle = false;
          notifyAll();
        }
      } else {
        segment.channel.force(false);
        forces++;
        view = CommittedLog.of(segments, high);
      }
      return written;
    } catch (IOException e) {
      throw new UncheckedIOException("The engine's log could not be written in " + directory, e);
    }
  }

  /** The segment to append {@code bytes} to: a new one when the current one is full. */
  private LogSegment current(long low, int bytes) throws IOException {
    LogSegment last = segments.isEmpty() ? null : segments.get(segments.size() - 1);
    if (last != null && (last.count == 0 || last.size + bytes <= segmentSize)) {
      return last;
    }
    if (last != null) {
      // the next force covers only the new segment: make the old one durable now
      last.channel.force(false);
    }
    LogSegment created = LogSegment.open(directory.resolve(LogSegment.fileName(low)));
    segments.add(created);
    // the new file's directory entry must survive a crash too (forcing the file does not promise
    // it); once per segment
    forceDirectory();
    return created;
  }

  private void forceDirectory() {
    try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException e) {
      // not every file system lets a directory be opened for reading
      LOG.debug("Could not force the directory {}: {}", directory, e.toString());
    }
  }

  /** The flusher's loop: one force for every block appended since the last one. */
  private void flush() {
    while (true) {
      long target;
      FileChannel channel;
      synchronized (this) {
        while (!closed && lastAppended == view.committed()) {
          flusherIdle = true;
          try {
            wait();
          } catch (InterruptedException e) {
            return;
          }
        }
        flusherIdle = false;
        if (lastAppended == view.committed()) {
          return;
        }
        target = lastAppended;
        channel = segments.get(segments.size() - 1).channel;
      }
      try {
        channel.force(false);
      } catch (IOException e) {
        failure = e;
        LOG.error(
            "The engine's log could not be forced to disk in {}: {}", directory, e.toString());
        sleepQuietly();
        continue;
      }
      failure = null;
      List<Pending> done = new ArrayList<>();
      synchronized (this) {
        forces++;
        view = CommittedLog.of(segments, target);
        while (!pending.isEmpty() && pending.peek().highest() <= target) {
          done.add(pending.poll());
        }
        notifyAll();
      }
      for (Pending p : done) {
        p.listener().onCommit(p.index(), p.highest());
      }
      commitListeners.forEach(CommitListener::onCommit);
    }
  }

  private static void sleepQuietly() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Waits until everything appended so far is on disk. */
  public void awaitDurable() {
    synchronized (this) {
      long target = lastAppended;
      while (view.committed() < target && !closed) {
        try {
          wait(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
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
   * Deletes every segment whose records all lie below {@code position}; the last segment is kept.
   *
   * @return how many segments were deleted
   */
  public int deleteBelow(long position) {
    List<LogSegment> deleted = new ArrayList<>();
    synchronized (this) {
      while (segments.size() > 1 && segments.get(1).first() <= position) {
        deleted.add(segments.remove(0));
      }
      if (!deleted.isEmpty()) {
        view = CommittedLog.of(segments, view.committed());
      }
    }
    for (LogSegment segment : deleted) {
      try {
        segment.channel.close();
        Files.deleteIfExists(segment.path);
      } catch (IOException e) {
        LOG.warn("The log segment {} was not deleted: {}", segment.path, e.toString());
      }
    }
    if (!deleted.isEmpty()) {
      LOG.debug("Deleted {} log segment(s) below position {}", deleted.size(), position);
    }
    return deleted.size();
  }

  /** The position of the first record kept (-1 when the log is empty). */
  public synchronized long firstPosition() {
    return segments.isEmpty() || segments.get(0).count == 0 ? -1 : segments.get(0).first();
  }

  /** The position of the last record appended (-1 when the log is empty). */
  public synchronized long lastPosition() {
    return lastAppended;
  }

  /** The committed blocks, for the readers (no lock). */
  CommittedLog committedLog() {
    return view;
  }

  /** The position up to which the log is on disk and visible. */
  public long committedPosition() {
    return view.committed();
  }

  /** Blocks appended since the log was opened. */
  public synchronized long appendedCount() {
    return appendedBlocks;
  }

  /** Times the log was forced to disk since it was opened. */
  public synchronized long forceCount() {
    return forces;
  }

  public synchronized int segmentCount() {
    return segments.size();
  }

  /** Bytes in the segment files. */
  public synchronized long byteCount() {
    return segments.stream().mapToLong(s -> s.size).sum();
  }

  /** The last failure to force the log, if any (the engine is then stalled). */
  public IOException failure() {
    return failure;
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("The engine's log is closed");
    }
  }

  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      notifyAll();
    }
    if (groupCommit) {
      try {
        flusher.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    synchronized (this) {
      for (LogSegment segment : segments) {
        try {
          segment.channel.force(false);
          segment.channel.close();
        } catch (IOException e) {
          LOG.warn("The log segment {} did not close cleanly: {}", segment.path, e.toString());
        }
      }
    }
  }
}
