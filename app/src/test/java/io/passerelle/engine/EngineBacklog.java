package io.passerelle.engine;

import io.camunda.zeebe.logstreams.log.LogAppendEntry;
import io.camunda.zeebe.logstreams.log.WriteContext;
import io.camunda.zeebe.protocol.impl.record.RecordMetadata;
import io.camunda.zeebe.protocol.impl.record.value.message.MessageRecord;
import io.camunda.zeebe.protocol.record.RecordType;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.MessageIntent;
import java.util.ArrayList;
import java.util.List;

/**
 * A burst for the tests: commands written straight onto the embedded engine's log, as its own
 * periodic checkers write theirs (ten thousand reminders due at once), past the gateway and its
 * back-pressure. Each is a message published to nobody with no time to live: a few positions of
 * real work for the engine, nothing left behind.
 */
public final class EngineBacklog {

  private static final int BATCH = 100;

  private EngineBacklog() {}

  /** Writes {@code commands} commands; returns once they are on the log (not processed). */
  public static void fill(EmbeddedZeebeEngine engine, int commands) {
    var writer = engine.logStream().newLogStreamWriter();
    var metadata =
        new RecordMetadata()
            .recordType(RecordType.COMMAND)
            .valueType(ValueType.MESSAGE)
            .intent(MessageIntent.PUBLISH);
    for (int written = 0; written < commands; ) {
      List<LogAppendEntry> batch = new ArrayList<>(BATCH);
      for (int i = 0; i < BATCH && written < commands; i++, written++) {
        batch.add(
            LogAppendEntry.of(
                -1,
                metadata,
                new MessageRecord()
                    .setName("backlog-fill")
                    .setCorrelationKey("fill-" + written)
                    .setTimeToLive(0)));
      }
      var result = writer.tryWrite(WriteContext.internal(), batch);
      if (result.isLeft()) {
        throw new IllegalStateException("The log refused the burst: " + result.getLeft());
      }
    }
  }
}
