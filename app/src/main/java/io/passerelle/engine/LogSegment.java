package io.passerelle.engine;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * One segment file of the engine's log ({@link DurableLogStorage}): the blocks' frame, and an index
 * of their positions and offsets in the file, in order.
 *
 * <p>A block's frame is {@code [int length][int crc32c][long lowest][long highest][payload]},
 * little-endian, the checksum covering the positions and the payload. Not thread-safe: the storage
 * guards its segments with its own lock.
 */
final class LogSegment {

  static final int HEADER = 24;
  static final String SUFFIX = ".log";

  final Path path;
  final FileChannel channel;
  long size;
  int count;
  long[] lowest = new long[1024];
  long[] highest = new long[1024];
  long[] offset = new long[1024];

  private LogSegment(Path path, FileChannel channel) {
    this.path = path;
    this.channel = channel;
  }

  /** Opens (or creates) the segment file; its index is empty until {@link #scan}. */
  static LogSegment open(Path path) throws IOException {
    FileChannel channel =
        FileChannel.open(
            path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    return new LogSegment(path, channel);
  }

  /** The file name of the segment whose first block starts at {@code lowest}. */
  static String fileName(long lowest) {
    return String.format("%020d%s", lowest, SUFFIX);
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

  /**
   * Frames the payload that {@code frame} holds after its header room, appends it at the end of the
   * file and indexes it (not forced).
   */
  void append(ByteBuffer frame, long low, long high, int length, CRC32C crc) throws IOException {
    frame.putInt(0, length);
    frame.putLong(8, low);
    frame.putLong(16, high);
    crc.reset();
    crc.update(frame.array(), 8, 16 + length);
    frame.putInt(4, (int) crc.getValue());
    frame.position(0).limit(HEADER + length);
    long at = size;
    while (frame.hasRemaining()) {
      channel.write(frame, at + frame.position());
    }
    size = at + HEADER + length;
    add(low, high, at);
  }

  /**
   * {@code length} bytes from {@code start}: positional reads, safe beside appends and other reads
   * without the storage's lock.
   */
  byte[] read(long start, int length) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(length);
    readFully(channel, buffer, start);
    return buffer.array();
  }

  /**
   * Reads and indexes the whole blocks of the file, checking each one's length, checksum and that
   * its positions follow on (from {@code expectedLowest}, unless negative); returns the offset
   * after the last whole block.
   */
  long scan(long expectedLowest) throws IOException {
    long fileSize = channel.size();
    long at = 0;
    ByteBuffer header = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
    ByteBuffer payload = ByteBuffer.allocate(64 * 1024);
    CRC32C check = new CRC32C();
    while (at + HEADER <= fileSize) {
      header.clear();
      readFully(channel, header, at);
      header.flip();
      int length = header.getInt();
      int sum = header.getInt();
      long low = header.getLong();
      long high = header.getLong();
      if (length < 0 || at + HEADER + length > fileSize || high < low) {
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
      add(low, high, at);
      expectedLowest = high + 1;
      at += HEADER + length;
    }
    return at;
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
}
