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
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.agrona.DirectBuffer;
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
 * <p>On open, every segment is scanned; a torn tail of the last one (a crash in the middle of a
 * write) is cut off at its last whole block, with a line saying how many bytes were dropped.
 * Readers seek by position through an index held in memory (two longs and an int per block); the
 * blocks themselves are read from the file. {@link #deleteBelow} drops whole segments below a
 * position (the last snapshot's and the projection's).
 */
public final class DurableLogStorage implements LogStorage, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DurableLogStorage.class);

  static final int HEADER = 24;
  static final long DEFAULT_SEGMENT_SIZE = 64L * 1024 * 1024;
  private static final String SUFFIX = ".log";

  private final Path directory;
  private final long segmentSize;
  private final boolean groupCommit;
  private final List<Segment> segments = new ArrayList<>();
  private final Set<CommitListener> commitListeners = new CopyOnWriteArraySet<>();
  private final ArrayDeque<Pending> pending = new ArrayDeque<>();
  private final Thread flusher;
  private final CRC32C crc = new CRC32C();

  private ByteBuffer frame = ByteBuffer.allocate(64 * 1024).order(ByteOrder.LITTLE_ENDIAN);
  private long lastAppended = -1;
  private volatile long committed = -1;
  private long appendedBlocks;
  private long forces;
  private volatile boolean closed;
  private volatile IOException failure;

  private record Pending(AppendListener listener, long index, long highest) {}

  /** One segment file: its blocks' positions and offsets, in order. */
  private static final class Segment {
    final Path path;
    final FileChannel channel;
    long size;
    int count;
    long[] lowest = new long[1024];
    long[] highest = new long[1024];
    long[] offset = new long[1024];

    Segment(Path path, FileChannel channel) {
      this.path = path;
      this.channel = channel;
    }

    void add(long low, long high, long at) {
      if (count == lowest.length) {
        lowest = Arrays.copyOf(lowest, count * 2);
        highest = Arrays.copyOf(highest, count * 2);
        offset = Arrays.copyOf(offset, count * 2);
      }
      lowest[count] = low;
      highest[count] = high;
      offset[count] = at;
      count++;
    }

    long end(int block) {
      return block + 1 < count ? offset[block + 1] : size;
    }

    long first() {
      return count == 0 ? Long.MAX_VALUE : lowest[0];
    }

    long last() {
      return count == 0 ? -1 : highest[count - 1];
    }

    /** The index of the last block whose lowest position is at most {@code position}, or -1. */
    int floor(long position) {
      int found = Arrays.binarySearch(lowest, 0, count, position);
      return found >= 0 ? found : -found - 2;
    }
  }

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
    recover();
    committed = lastAppended;
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

  private void recover() throws IOException {
    List<Path> files;
    try (Stream<Path> listing = Files.list(directory)) {
      files = listing.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
    }
    long expected = -1;
    for (int i = 0; i < files.size(); i++) {
      boolean last = i == files.size() - 1;
      Segment segment = openSegment(files.get(i));
      long valid = scan(segment, expected);
      long length = segment.channel.size();
      if (valid < length) {
        if (!last) {
          throw new CorruptLogException(
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
      segment.size = valid;
      if (segment.count > 0) {
        expected = segment.last() + 1;
        lastAppended = segment.last();
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
          firstPosition(),
          lastAppended);
    }
  }

  /** Reads the blocks of a segment; returns the offset after its last whole block. */
  private long scan(Segment segment, long expectedLowest) throws IOException {
    FileChannel channel = segment.channel;
    long size = channel.size();
    long at = 0;
    ByteBuffer header = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
    ByteBuffer payload = ByteBuffer.allocate(64 * 1024);
    CRC32C check = new CRC32C();
    while (at + HEADER <= size) {
      header.clear();
      readFully(channel, header, at);
      header.flip();
      int length = header.getInt();
      int sum = header.getInt();
      long low = header.getLong();
      long high = header.getLong();
      if (length < 0 || at + HEADER + length > size || high < low) {
        break;
      }
      if (expectedLowest >= 0 && low != expectedLowest) {
        break;
      }
      if (payload.capacity() < length) {
        payload = ByteBuffer.allocate(length);
      }
      payload.clear().limit(length);
      readFully(channel, payload, at + HEADER);
      check.reset();
      check.update(header.array(), 8, 16);
      check.update(payload.array(), 0, length);
      if ((int) check.getValue() != sum) {
        break;
      }
      segment.add(low, high, at);
      expectedLowest = high + 1;
      at += HEADER + length;
    }
    return at;
  }

  private Segment openSegment(Path path) throws IOException {
    FileChannel channel =
        FileChannel.open(
            path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    return new Segment(path, channel);
  }

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
    int length = buffer.remaining();
    byte[] bytes = new byte[length];
    buffer.duplicate().get(bytes);
    append(
        lowestPosition,
        highestPosition,
        new BufferWriter() {
          @Override
          public int getLength() {
            return length;
          }

          @Override
          public int write(org.agrona.MutableDirectBuffer target, int offset) {
            target.putBytes(offset, bytes);
            return length;
          }
        },
        listener);
  }

  /** Frames and writes the payload already in {@link #frame} (guarded by this). */
  private Pending write(long low, long high, int length, AppendListener listener) {
    if (lastAppended >= 0 && low != lastAppended + 1) {
      throw new IllegalArgumentException(
          "Expected the block to start at position " + (lastAppended + 1) + ", not " + low);
    }
    try {
      Segment segment = current(low, HEADER + length);
      frame.putInt(0, length);
      frame.putLong(8, low);
      frame.putLong(16, high);
      crc.reset();
      crc.update(frame.array(), 8, 16 + length);
      frame.putInt(4, (int) crc.getValue());
      frame.position(0).limit(HEADER + length);
      long at = segment.size;
      while (frame.hasRemaining()) {
        segment.channel.write(frame, at + frame.position());
      }
      segment.size = at + HEADER + length;
      segment.add(low, high, at);
      lastAppended = high;
      Pending written = new Pending(listener, ++appendedBlocks, high);
      if (groupCommit) {
        pending.add(written);
        notifyAll();
      } else {
        segment.channel.force(false);
        forces++;
        committed = high;
      }
      return written;
    } catch (IOException e) {
      throw new UncheckedIOException("The engine's log could not be written in " + directory, e);
    }
  }

  /** The segment to append {@code bytes} to: a new one when the current one is full. */
  private Segment current(long low, int bytes) throws IOException {
    Segment last = segments.isEmpty() ? null : segments.get(segments.size() - 1);
    if (last != null && (last.count == 0 || last.size + bytes <= segmentSize)) {
      return last;
    }
    if (last != null) {
      // the next force covers only the new segment: make the old one durable now
      last.channel.force(false);
    }
    Segment created = openSegment(directory.resolve(String.format("%020d%s", low, SUFFIX)));
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
        while (!closed && lastAppended == committed) {
          try {
            wait();
          } catch (InterruptedException e) {
            return;
          }
        }
        if (lastAppended == committed) {
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
        committed = target;
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
      while (committed < target && !closed) {
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
    List<Segment> deleted = new ArrayList<>();
    synchronized (this) {
      while (segments.size() > 1 && segments.get(1).first() <= position) {
        deleted.add(segments.remove(0));
      }
    }
    for (Segment segment : deleted) {
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

  /** The position up to which the log is on disk and visible. */
  public long committedPosition() {
    return committed;
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
      for (Segment segment : segments) {
        try {
          segment.channel.force(false);
          segment.channel.close();
        } catch (IOException e) {
          LOG.warn("The log segment {} did not close cleanly: {}", segment.path, e.toString());
        }
      }
    }
  }

  private static void readFully(FileChannel channel, ByteBuffer buffer, long at)
      throws IOException {
    long position = at;
    while (buffer.hasRemaining()) {
      int read = channel.read(buffer, position);
      if (read < 0) {
        throw new IOException("Unexpected end of the log segment at byte " + position);
      }
      position += read;
    }
  }

  /** Reads committed blocks in order from where it was sought. */
  private final class Reader implements LogStorageReader {

    /** The lowest position of the next block to return; -1 = the first one kept. */
    private long next = -1;

    @Override
    public void seek(long position) {
      synchronized (DurableLogStorage.this) {
        long found = -1;
        for (int i = segments.size() - 1; i >= 0; i--) {
          Segment segment = segments.get(i);
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
      synchronized (DurableLogStorage.this) {
        return locate() != null;
      }
    }

    @Override
    public DirectBuffer next() {
      synchronized (DurableLogStorage.this) {
        long[] at = locate();
        if (at == null) {
          throw new NoSuchElementException();
        }
        Segment segment = segments.get((int) at[0]);
        int block = (int) at[1];
        long start = segment.offset[block] + HEADER;
        ByteBuffer buffer = ByteBuffer.allocate((int) (segment.end(block) - start));
        try {
          readFully(segment.channel, buffer, start);
        } catch (IOException e) {
          throw new UncheckedIOException("The engine's log could not be read", e);
        }
        next = segment.highest[block] + 1;
        return new UnsafeBuffer(buffer.array());
      }
    }

    /** {segment index, block index} of the next committed block, or null. */
    private long[] locate() {
      for (int i = 0; i < segments.size(); i++) {
        Segment segment = segments.get(i);
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
}
