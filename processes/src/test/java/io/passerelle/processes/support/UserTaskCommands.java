package io.passerelle.processes.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.zeebe.logstreams.log.LogAppendEntry;
import io.camunda.zeebe.logstreams.log.LogStream;
import io.camunda.zeebe.logstreams.log.LogStreamWriter;
import io.camunda.zeebe.logstreams.log.WriteContext;
import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.protocol.impl.encoding.MsgPackConverter;
import io.camunda.zeebe.protocol.impl.record.RecordMetadata;
import io.camunda.zeebe.protocol.impl.record.value.usertask.UserTaskRecord;
import io.camunda.zeebe.protocol.record.RecordType;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.UserTaskIntent;
import java.lang.reflect.Field;
import java.util.Map;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Completes Camunda user tasks on the in-memory engine. On a cluster the COMPLETE command goes over
 * REST, which this engine does not have; its gateway writes every command it receives onto the log
 * stream, and so does this helper (the engine's log stream is a private field). The engine then
 * processes the command exactly as on a cluster: the task completes, its variables merge into the
 * process, output mappings and listeners run.
 */
final class UserTaskCommands {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final LogStreamWriter writer;

  UserTaskCommands(ZeebeTestEngine engine) {
    this.writer = logStream(engine).newLogStreamWriter();
  }

  void complete(long userTaskKey, Map<String, Object> variables) {
    var record = new UserTaskRecord().setUserTaskKey(userTaskKey).setAction("complete");
    if (!variables.isEmpty()) {
      record.setVariables(new UnsafeBuffer(MsgPackConverter.convertToMsgPack(toJson(variables))));
    }
    var metadata =
        new RecordMetadata()
            .recordType(RecordType.COMMAND)
            .valueType(ValueType.USER_TASK)
            .intent(UserTaskIntent.COMPLETE);
    synchronized (writer) {
      var result =
          writer.tryWrite(
              WriteContext.internal(), LogAppendEntry.of(userTaskKey, metadata, record));
      if (result.isLeft()) {
        throw new IllegalStateException("The engine did not take the command: " + result.getLeft());
      }
    }
  }

  private static LogStream logStream(ZeebeTestEngine engine) {
    try {
      Field field = engine.getClass().getDeclaredField("logStream");
      field.setAccessible(true);
      return (LogStream) field.get(engine);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(
          "This zeebe-process-test-engine has no 'logStream' field: align its version", e);
    }
  }

  private static String toJson(Map<String, Object> variables) {
    try {
      return JSON.writeValueAsString(variables);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Variables cannot be written as JSON: " + e, e);
    }
  }
}
