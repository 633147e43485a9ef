package io.passerelle.processes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class BulkItemBatchesTest {

  private static List<Long> ids(long from, long to) {
    return LongStream.rangeClosed(from, to).boxed().toList();
  }

  @Test
  void cutsTheItemsInOrderIntoFullBatchesAndARemainder() {
    var batches = BulkItemBatches.of(ids(1, 250));

    assertThat(batches).hasSize(3);
    assertThat(batches.get(0)).isEqualTo(ids(1, 100));
    assertThat(batches.get(1)).isEqualTo(ids(101, 200));
    assertThat(batches.get(2)).isEqualTo(ids(201, 250));
  }

  @Test
  void anExactMultipleHasNoEmptyBatch() {
    assertThat(BulkItemBatches.of(ids(1, 200)))
        .hasSize(2)
        .allSatisfy(b -> assertThat(b).hasSize(100));
  }

  @Test
  void noItemsNoBatch() {
    assertThat(BulkItemBatches.of(List.of())).isEmpty();
    assertThat(BulkItemBatches.of(List.of(7L))).containsExactly(List.of(7L));
  }
}
