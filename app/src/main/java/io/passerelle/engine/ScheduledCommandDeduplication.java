package io.passerelle.engine;

import io.camunda.zeebe.protocol.record.intent.Intent;
import io.camunda.zeebe.protocol.record.intent.JobIntent;
import io.camunda.zeebe.protocol.record.intent.MessageIntent;
import io.camunda.zeebe.protocol.record.intent.TimerIntent;
import io.camunda.zeebe.stream.api.scheduling.ScheduledCommandCache.StageableScheduledCommandCache;
import io.camunda.zeebe.stream.api.scheduling.ScheduledCommandCache.StagedScheduledCommandCache;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The commands the engine's periodic checkers have written and the engine has not processed yet, so
 * that a checker does not write them again: the embedded engine's counterpart of the scheduled
 * command cache a Zeebe broker gives its stream processor (without one, the stream processor's
 * default remembers nothing).
 *
 * <p>Why it matters: the due-date checker runs every 100 ms and writes a {@code TIMER TRIGGER} for
 * every timer that is due and still in the state. When thousands of reminders fall due at once (the
 * engine clock moved a week on, or the application back after a night off), the engine takes longer
 * than 100 ms to process the triggers, so each pass wrote the same triggers again: the log grew by
 * thousands of duplicates a second, each one held in memory until the engine rejected it. The same
 * holds for job time-outs, job back-offs and message expiries (the intents a broker deduplicates).
 *
 * <p>The stream processor stages what a scheduled task writes ({@link #stage()}), keeps it once the
 * task's records are on the log ({@code persist}) and forgets a command when it processes it
 * ({@link #remove}). At most {@link #CAPACITY} commands are remembered per intent: beyond that a
 * command may be written twice, as without this cache, and the engine rejects the second one.
 */
public final class ScheduledCommandDeduplication implements StageableScheduledCommandCache {

  /** Commands remembered per intent (a key is a long: about 5 MB at most per intent). */
  public static final int CAPACITY = 100_000;

  /** What an intent that is not deduplicated gets: it remembers nothing. */
  private static final Remembered NOTHING = new Remembered(0);

  private final Map<Intent, Remembered> byIntent = new HashMap<>();

  private ScheduledCommandDeduplication(Set<Intent> intents) {
    intents.forEach(intent -> byIntent.put(intent, new Remembered(CAPACITY)));
  }

  /**
   * For the intents a broker deduplicates: timer triggers, job time-outs and back-offs, expiries.
   */
  public static ScheduledCommandDeduplication forEngineCheckers() {
    return new ScheduledCommandDeduplication(
        Set.of(
            TimerIntent.TRIGGER,
            JobIntent.TIME_OUT,
            JobIntent.RECUR_AFTER_BACKOFF,
            MessageIntent.EXPIRE));
  }

  private Remembered of(Intent intent) {
    return byIntent.getOrDefault(intent, NOTHING);
  }

  @Override
  public void add(Intent intent, long key) {
    of(intent).add(key);
  }

  @Override
  public boolean contains(Intent intent, long key) {
    return of(intent).keys.contains(key);
  }

  @Override
  public void remove(Intent intent, long key) {
    of(intent).remove(key);
  }

  @Override
  public void clear() {
    byIntent.values().forEach(Remembered::clear);
  }

  /** How many commands of that intent are remembered now. */
  public int size(Intent intent) {
    return of(intent).keys.size();
  }

  /** How many commands of that intent were remembered since the start. */
  public long remembered(Intent intent) {
    return of(intent).total.get();
  }

  @Override
  public StagedScheduledCommandCache stage() {
    return new Staged();
  }

  /** One intent's keys; the stream processor's thread and a checker's may use it at once. */
  private static final class Remembered {
    private final int capacity;
    private final Set<Long> keys = ConcurrentHashMap.newKeySet();
    private final AtomicLong total = new AtomicLong();

    Remembered(int capacity) {
      this.capacity = capacity;
    }

    void add(long key) {
      if (keys.size() < capacity && keys.add(key)) {
        total.incrementAndGet();
      }
    }

    void remove(long key) {
      keys.remove(key);
    }

    void clear() {
      keys.clear();
    }
  }

  /** What one scheduled task writes, kept apart until its records are on the log. */
  private final class Staged implements StagedScheduledCommandCache {
    private final Map<Intent, Set<Long>> staged = new HashMap<>();

    @Override
    public void add(Intent intent, long key) {
      if (byIntent.containsKey(intent)) {
        staged.computeIfAbsent(intent, ignored -> new HashSet<>()).add(key);
      }
    }

    @Override
    public boolean contains(Intent intent, long key) {
      Set<Long> keys = staged.get(intent);
      return (keys != null && keys.contains(key))
          || ScheduledCommandDeduplication.this.contains(intent, key);
    }

    @Override
    public void remove(Intent intent, long key) {
      Set<Long> keys = staged.get(intent);
      if (keys != null) {
        keys.remove(key);
      }
    }

    @Override
    public void clear() {
      staged.clear();
    }

    @Override
    public void persist() {
      staged.forEach(
          (intent, keys) ->
              keys.forEach(key -> ScheduledCommandDeduplication.this.add(intent, key)));
    }

    /** The records were not written: forget them, wherever they were kept already. */
    @Override
    public void rollback() {
      staged.forEach(
          (intent, keys) ->
              keys.forEach(key -> ScheduledCommandDeduplication.this.remove(intent, key)));
      staged.clear();
    }
  }
}
