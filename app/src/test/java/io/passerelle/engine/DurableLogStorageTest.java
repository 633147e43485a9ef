package io.passerelle.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.camunda.zeebe.logstreams.storage.LogStorage.AppendListener;
import io.camunda.zeebe.logstreams.storage.LogStorageReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.agrona.DirectBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DurableLogStorageTest {

  @TempDir Path directory;
  private final List<DurableLogStorage> opened = new ArrayList<>();

  @AfterEach
  void close() {
    opened.forEach(DurableLogStorage::close);
  }

  private DurableLogStorage open(long segmentSize, boolean groupCommit) throws IOException {
    var storage = new DurableLogStorage(directory.resolve("log"), segmentSize, groupCommit);
    opened.add(storage);
    return storage;
  }

  /** Appends block {@code low..high} whose payload names its positions, and waits for commit. */
  private static void append(DurableLogStorage storage, long low, long high) {
    var committed = new AtomicLong(-1);
    storage.append(low, high, payload(low, high), committedTo(committed));
    await().atMost(Duration.ofSeconds(5)).until(() -> committed.get() == high);
  }

  private static ByteBuffer payload(long low, long high) {
    return ByteBuffer.wrap(("block " + low + "-" + high).getBytes(StandardCharsets.UTF_8));
  }

  private static AppendListener committedTo(AtomicLong committed) {
    return new AppendListener() {
      @Override
      public void onCommit(long index, long highestPosition) {
        committed.set(highestPosition);
      }
    };
  }

  private static String text(DirectBuffer buffer) {
    byte[] bytes = new byte[buffer.capacity()];
    buffer.getBytes(0, bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static List<String> readAll(LogStorageReader reader) {
    List<String> read = new ArrayList<>();
    while (reader.hasNext()) {
      read.add(text(reader.next()));
    }
    return read;
  }

  @Test
  @DisplayName("blocks are read back in order, and a seek lands on the block holding the position")
  void appendReadSeek() throws IOException {
    var storage = open(DurableLogStorage.DEFAULT_SEGMENT_SIZE, true);
    append(storage, 1, 3);
    append(storage, 4, 4);
    append(storage, 5, 9);

    var reader = storage.newReader();
    assertThat(readAll(reader)).containsExactly("block 1-3", "block 4-4", "block 5-9");
    reader.seek(7);
    assertThat(readAll(reader)).containsExactly("block 5-9");
    reader.seek(4);
    assertThat(readAll(reader)).containsExactly("block 4-4", "block 5-9");
    reader.seek(Long.MAX_VALUE);
    assertThat(readAll(reader)).containsExactly("block 5-9");
    reader.seek(0);
    assertThat(readAll(reader)).hasSize(3);
  }

  @Test
  @DisplayName("the log is forced to disk before a block is committed or visible to readers")
  void forcedBeforeCommit() throws IOException {
    var storage = open(DurableLogStorage.DEFAULT_SEGMENT_SIZE, true);
    List<Long> forcesAtCommit = new CopyOnWriteArrayList<>();
    List<Long> visibleAtCommit = new CopyOnWriteArrayList<>();
    var reader = storage.newReader();
    storage.addCommitListener(
        () -> {
          forcesAtCommit.add(storage.forceCount());
          visibleAtCommit.add(storage.committedPosition());
        });
    append(storage, 1, 2);

    assertThat(forcesAtCommit).isNotEmpty().allSatisfy(f -> assertThat(f).isPositive());
    assertThat(visibleAtCommit).contains(2L);
    assertThat(readAll(reader)).containsExactly("block 1-2");
  }

  @Test
  @DisplayName(
      "a reader beside a busy appender (segments rolling over, the index growing) reads every"
          + " block once, in order, whole, and only once it is on disk")
  void readsBesideAppends() throws Exception {
    // about 1,700 blocks a segment: the segments roll over and their index grows past 1,024
    var storage = open(64 * 1024, true);
    int blocks = 6_000;
    var reader = storage.newReader();
    List<String> read = new ArrayList<>();
    List<String> problems = new CopyOnWriteArrayList<>();
    Thread readerThread =
        Thread.ofPlatform()
            .daemon()
            .start(
                () -> {
                  while (read.size() < blocks) {
                    if (!reader.hasNext()) {
                      Thread.onSpinWait();
                      continue;
                    }
                    long committedBefore = storage.committedPosition();
                    String block = text(reader.next());
                    long high = Long.parseLong(block.substring(block.indexOf('-') + 1));
                    // committed only grows: what was read was on disk when it was read
                    if (high > storage.committedPosition()) {
                      problems.add(block + " read above " + committedBefore);
                    }
                    read.add(block);
                  }
                });
    var committed = new AtomicLong(-1);
    for (long low = 1; low <= blocks; low++) {
      storage.append(low, low, payload(low, low), committedTo(committed));
    }
    readerThread.join(Duration.ofSeconds(30));

    assertThat(problems).isEmpty();
    assertThat(storage.segmentCount()).isGreaterThan(2);
    assertThat(read).hasSize(blocks);
    for (int i = 0; i < blocks; i++) {
      assertThat(read.get(i)).isEqualTo("block " + (i + 1) + "-" + (i + 1));
    }
  }

  @Test
  @DisplayName("without group commit each append forces the log before it returns")
  void forcedPerBlock() throws IOException {
    var storage = open(DurableLogStorage.DEFAULT_SEGMENT_SIZE, false);
    var committed = new AtomicLong(-1);
    storage.append(1, 1, payload(1, 1), committedTo(committed));
    assertThat(committed.get()).isEqualTo(1);
    assertThat(storage.forceCount()).isEqualTo(1);
  }

  @Test
  @DisplayName("a block that does not follow the last one is refused")
  void contiguous() throws IOException {
    var storage = open(DurableLogStorage.DEFAULT_SEGMENT_SIZE, true);
    append(storage, 1, 2);
    assertThatThrownBy(() -> storage.append(5, 6, payload(5, 6), new AppendListener() {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("position 3");
  }

  @Test
  @DisplayName("what was committed is read back after a reopen, and appending goes on after it")
  void reopen() throws IOException {
    var storage = open(DurableLogStorage.DEFAULT_SEGMENT_SIZE, true);
    append(storage, 1, 3);
    append(storage, 4, 5);
    storage.close();

    var again = open(DurableLogStorage.DEFAULT_SEGMENT_SIZE, true);
    assertThat(again.firstPosition()).isEqualTo(1);
    assertThat(again.lastPosition()).isEqualTo(5);
    append(again, 6, 6);
    assertThat(readAll(again.newReader())).containsExactly("block 1-3", "block 4-5", "block 6-6");
  }

  @Test
  @DisplayName("a torn last block is cut off at open: the whole blocks before it stay")
  void tornTail() throws IOException {
    var storage = open(DurableLogStorage.DEFAULT_SEGMENT_SIZE, true);
    append(storage, 1, 3);
    append(storage, 4, 5);
    storage.close();
    Path segment = onlySegment();
    long whole = Files.size(segment);
    // a crash in the middle of the next append: half a header and some payload
    Files.write(segment, new byte[] {40, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7}, StandardOpenOption.APPEND);

    var again = open(DurableLogStorage.DEFAULT_SEGMENT_SIZE, true);
    assertThat(again.lastPosition()).isEqualTo(5);
    assertThat(Files.size(segment)).isEqualTo(whole);
    append(again, 6, 7);
    assertThat(readAll(again.newReader())).containsExactly("block 1-3", "block 4-5", "block 6-7");
  }

  @Test
  @DisplayName("a last block whose bytes were damaged fails its checksum and is cut off")
  void damagedTail() throws IOException {
    var storage = open(DurableLogStorage.DEFAULT_SEGMENT_SIZE, true);
    append(storage, 1, 3);
    append(storage, 4, 5);
    storage.close();
    Path segment = onlySegment();
    byte[] bytes = Files.readAllBytes(segment);
    bytes[bytes.length - 1] ^= 0x5a;
    Files.write(segment, bytes);

    var again = open(DurableLogStorage.DEFAULT_SEGMENT_SIZE, true);
    assertThat(again.lastPosition()).isEqualTo(3);
    assertThat(readAll(again.newReader())).containsExactly("block 1-3");
  }

  @Test
  @DisplayName("damage in a segment that is not the last stops the open: it is not a torn write")
  void damagedMiddle() throws IOException {
    var storage = open(64, true);
    append(storage, 1, 1);
    append(storage, 2, 2);
    append(storage, 3, 3);
    storage.close();
    Path first = segments().getFirst();
    byte[] bytes = Files.readAllBytes(first);
    bytes[bytes.length - 1] ^= 0x5a;
    Files.write(first, bytes);

    assertThatThrownBy(() -> open(64, true))
        .isInstanceOf(DurableLogStorage.CorruptLogException.class)
        .hasMessageContaining("damaged");
  }

  @Test
  @DisplayName("whole segments below a position are deleted; readers go on from what is left")
  void deleteBelow() throws IOException {
    // a segment holds one block
    var storage = open(64, true);
    for (long p = 1; p <= 10; p += 2) {
      append(storage, p, p + 1);
    }
    assertThat(storage.segmentCount()).isEqualTo(5);

    assertThat(storage.deleteBelow(6)).isEqualTo(2);

    assertThat(segments()).hasSize(3);
    assertThat(storage.firstPosition()).isEqualTo(5);
    var reader = storage.newReader();
    reader.seek(1);
    assertThat(readAll(reader)).containsExactly("block 5-6", "block 7-8", "block 9-10");
    // the last segment is always kept
    assertThat(storage.deleteBelow(Long.MAX_VALUE)).isEqualTo(2);
    assertThat(storage.firstPosition()).isEqualTo(9);
    storage.close();
    assertThat(open(64, true).firstPosition()).isEqualTo(9);
  }

  private Path onlySegment() throws IOException {
    List<Path> all = segments();
    assertThat(all).hasSize(1);
    return all.getFirst();
  }

  private List<Path> segments() throws IOException {
    try (Stream<Path> files = Files.list(directory.resolve("log"))) {
      return files.sorted().toList();
    }
  }
}
