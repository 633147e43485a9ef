package io.passerelle.processes;

import java.util.ArrayList;
import java.util.List;

/**
 * How a bulk invitation hands its items to {@code Process_BulkInvitation}: in batches of at most
 * {@link #SIZE}, the collection of the outer multi-instance ({@code bulkItemBatches}), each batch
 * the collection of the inner one ({@code bulkItemBatch}).
 *
 * <p>Zeebe reads a multi-instance body's whole input collection again for each element it
 * activates, so one flat list of n items costs n² element reads: 100 million for a bulk of 10,000
 * contacts, on the engine's single processing thread. In batches of 100 it costs about n × 200.
 */
public final class BulkItemBatches {

  /** Items per batch: at most this many elements are read for each contact. */
  public static final int SIZE = 100;

  private BulkItemBatches() {}

  /** The items in order, cut into consecutive batches of at most {@link #SIZE}; none empty. */
  public static List<List<Long>> of(List<Long> itemIds) {
    List<List<Long>> batches = new ArrayList<>((itemIds.size() + SIZE - 1) / SIZE);
    for (int from = 0; from < itemIds.size(); from += SIZE) {
      batches.add(List.copyOf(itemIds.subList(from, Math.min(itemIds.size(), from + SIZE))));
    }
    return batches;
  }
}
