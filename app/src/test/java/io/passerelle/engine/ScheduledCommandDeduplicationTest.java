package io.passerelle.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.protocol.record.intent.JobIntent;
import io.camunda.zeebe.protocol.record.intent.MessageIntent;
import io.camunda.zeebe.protocol.record.intent.ProcessInstanceIntent;
import io.camunda.zeebe.protocol.record.intent.TimerIntent;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The stream processor's contract with its scheduled command cache, as the engine uses it. */
class ScheduledCommandDeduplicationTest {

  private final ScheduledCommandDeduplication cache =
      ScheduledCommandDeduplication.forEngineCheckers();

  @Test
  @DisplayName("a staged command is seen by its task at once, by the next task once persisted")
  void stagedThenPersisted() {
    var task = cache.stage();
    task.add(TimerIntent.TRIGGER, 7);

    assertThat(task.contains(TimerIntent.TRIGGER, 7)).isTrue();
    assertThat(cache.contains(TimerIntent.TRIGGER, 7)).isFalse();

    task.persist();

    assertThat(cache.contains(TimerIntent.TRIGGER, 7)).isTrue();
    assertThat(cache.stage().contains(TimerIntent.TRIGGER, 7)).isTrue();
    assertThat(cache.size(TimerIntent.TRIGGER)).isEqualTo(1);
  }

  @Test
  @DisplayName("once the engine processed the command it is forgotten, and may be written again")
  void removedWhenProcessed() {
    var task = cache.stage();
    task.add(TimerIntent.TRIGGER, 7);
    task.persist();

    cache.remove(TimerIntent.TRIGGER, 7);

    assertThat(cache.contains(TimerIntent.TRIGGER, 7)).isFalse();
    assertThat(cache.size(TimerIntent.TRIGGER)).isZero();
    assertThat(cache.remembered(TimerIntent.TRIGGER)).isEqualTo(1);
  }

  @Test
  @DisplayName("a task whose records were not written leaves nothing behind")
  void rolledBack() {
    var task = cache.stage();
    task.add(JobIntent.TIME_OUT, 9);
    task.persist();
    task.rollback();

    assertThat(cache.contains(JobIntent.TIME_OUT, 9)).isFalse();
    assertThat(task.contains(JobIntent.TIME_OUT, 9)).isFalse();
  }

  @Test
  @DisplayName("only the checkers' intents are remembered, each on its own")
  void onlyTheCheckersIntents() {
    cache.add(ProcessInstanceIntent.ACTIVATE_ELEMENT, 1);
    cache.add(MessageIntent.EXPIRE, 2);
    cache.add(JobIntent.RECUR_AFTER_BACKOFF, 3);

    assertThat(cache.contains(ProcessInstanceIntent.ACTIVATE_ELEMENT, 1)).isFalse();
    assertThat(cache.contains(MessageIntent.EXPIRE, 2)).isTrue();
    assertThat(cache.contains(TimerIntent.TRIGGER, 2)).isFalse();
    assertThat(cache.contains(JobIntent.RECUR_AFTER_BACKOFF, 3)).isTrue();

    cache.clear();

    assertThat(cache.contains(MessageIntent.EXPIRE, 2)).isFalse();
    assertThat(cache.size(JobIntent.RECUR_AFTER_BACKOFF)).isZero();
  }

  @Test
  @DisplayName("at most CAPACITY commands per intent: beyond, a command is simply not remembered")
  void bounded() {
    var task = cache.stage();
    for (long key = 0; key < ScheduledCommandDeduplication.CAPACITY + 10L; key++) {
      task.add(TimerIntent.TRIGGER, key);
    }
    task.persist();

    assertThat(cache.size(TimerIntent.TRIGGER)).isEqualTo(ScheduledCommandDeduplication.CAPACITY);
    assertThat(cache.contains(TimerIntent.TRIGGER, ScheduledCommandDeduplication.CAPACITY + 5L))
        .isFalse();
  }
}
