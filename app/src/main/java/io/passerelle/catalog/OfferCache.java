package io.passerelle.catalog;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The offers by code, kept a few seconds: every step of every journey (an activation, a proposal,
 * an invitation, each reminder) reads its offer, and the catalogue changes a few times a year. A
 * change made through {@link CatalogService} forgets its offer once committed; another instance of
 * Passerelle sees it after {@link #TTL} at most. A missing code is not kept (an offer defined just
 * after is found at once).
 */
final class OfferCache {

  static final Duration TTL = Duration.ofSeconds(10);

  /** {@code until}: {@link System#nanoTime()} (the engine clock moves in development). */
  private record Entry(OfferView offer, long until) {}

  private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

  Optional<OfferView> get(String code, Supplier<Optional<OfferView>> load) {
    long now = System.nanoTime();
    Entry entry = entries.get(code);
    if (entry != null && now - entry.until() < 0) {
      return Optional.of(entry.offer());
    }
    Optional<OfferView> loaded = load.get();
    loaded.ifPresentOrElse(
        offer -> entries.put(code, new Entry(offer, now + TTL.toNanos())),
        () -> entries.remove(code));
    return loaded;
  }

  /** Forgets the offer now and, when a transaction is under way, once more after its commit. */
  void forgetAfterCommit(String code) {
    entries.remove(code);
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
              entries.remove(code);
            }
          });
    }
  }
}
