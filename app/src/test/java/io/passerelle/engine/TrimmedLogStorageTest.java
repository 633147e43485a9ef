package io.passerelle.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.logstreams.storage.LogStorage;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.agrona.DirectBuffer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The embedded engine's log: read in order, sought by position, trimmed below a position. */
class TrimmedLogStorageTest {

  private final TrimmedLogStorage storage = new TrimmedLogStorage();
  private final List<long[]> acknowledged = new ArrayList<>();

  private final LogStorage.AppendListener listener =
      new LogStorage.AppendListener() {
        @Override
        public void onCommit(long index, long highestPosition) {
          acknowledged.add(new long[] {index, highestPosition});
        }
      };

  @Test
  @DisplayName("blocks are committed at once and read back in order, from the start or a position")
  void readsInOrder() {
    AtomicInteger commits = new AtomicInteger();
    storage.addCommitListener(commits::incrementAndGet);
    append(1, 3, "a");
    append(4, 4, "b");
    append(5, 9, "c");

    assertThat(acknowledged).extracting(a -> a[1]).containsExactly(3L, 4L, 9L);
    assertThat(commits).hasValue(3);
    assertThat(read(storage.newReader())).containsExactly("a", "b", "c");
    var reader = storage.newReader();
    reader.seek(6); // inside block c
    assertThat(read(reader)).containsExactly("c");
    reader.seek(4);
    assertThat(read(reader)).containsExactly("b", "c");
    reader.seek(100);
    assertThat(read(reader)).containsExactly("c");
  }

  @Test
  @DisplayName("trimming forgets the blocks entirely below the position, never one still needed")
  void trims() {
    append(1, 3, "a");
    append(4, 4, "b");
    append(5, 9, "c");
    long before = storage.byteCount();

    assertThat(storage.trimBelow(5)).isEqualTo(2);
    assertThat(storage.trimBelow(7)).isZero(); // block c holds 7: kept
    assertThat(storage.blockCount()).isEqualTo(1);
    assertThat(storage.byteCount()).isEqualTo(before - 2);
    assertThat(read(storage.newReader())).containsExactly("c");
  }

  @Test
  @DisplayName("a reader left behind a trim goes on with the first block kept")
  void readerBehindTrim() {
    append(1, 3, "a");
    var reader = storage.newReader();
    assertThat(read(reader)).containsExactly("a");
    append(4, 4, "b");
    append(5, 9, "c");
    append(10, 12, "d");
    storage.trimBelow(5);

    assertThat(read(reader)).containsExactly("c", "d");
  }

  private void append(long lowest, long highest, String content) {
    storage.append(lowest, highest, ByteBuffer.wrap(content.getBytes()), listener);
  }

  private static List<String> read(java.util.Iterator<DirectBuffer> reader) {
    List<String> contents = new ArrayList<>();
    while (reader.hasNext()) {
      DirectBuffer buffer = reader.next();
      byte[] bytes = new byte[buffer.capacity()];
      buffer.getBytes(0, bytes);
      contents.add(new String(bytes));
    }
    return contents;
  }
}
