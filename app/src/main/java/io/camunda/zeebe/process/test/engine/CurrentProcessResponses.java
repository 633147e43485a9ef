package io.camunda.zeebe.process.test.engine;

import io.camunda.zeebe.protocol.record.RecordType;
import io.camunda.zeebe.protocol.record.RejectionType;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.Intent;
import io.camunda.zeebe.stream.api.CommandResponseWriter;
import io.camunda.zeebe.util.buffer.BufferWriter;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The stream processor's response writer, in front of the test engine's {@link GrpcResponseWriter}:
 *
 * <ul>
 *   <li>it answers only the requests of this process: a command written by an earlier one (its
 *       caller is gone) is processed, and its answer dropped instead of failing on a request this
 *       gateway never had;
 *   <li>it hands an answer over whole, under one lock for the JVM: {@code GrpcResponseWriter} keeps
 *       the answer's key, intent and value in <em>static</em> fields, so two engines in one JVM
 *       (the test suite's application contexts, each with its own) overwrote each other's answer
 *       between the setters and the write ("Could not read property 'variables'" on a start's
 *       answer, its caller timing out). The setters are kept here, the value copied, and all of it
 *       given to the delegate at once in {@link #tryWriteResponse}.
 * </ul>
 */
final class CurrentProcessResponses implements CommandResponseWriter {

  /** Guards the delegate's static fields across the engines of one JVM. */
  private static final Object ANSWERS = new Object();

  private final CommandResponseWriter delegate;
  private final long firstRequestId;

  private int partitionId;
  private long key;
  private Intent intent;
  private RecordType recordType;
  private ValueType valueType;
  private RejectionType rejectionType;
  private final MutableDirectBuffer rejectionReason = new ExpandableArrayBuffer();
  private int rejectionReasonLength;
  private final MutableDirectBuffer value = new ExpandableArrayBuffer();
  private int valueLength;

  CurrentProcessResponses(CommandResponseWriter delegate, long firstRequestId) {
    this.delegate = delegate;
    this.firstRequestId = firstRequestId;
  }

  @Override
  public CommandResponseWriter partitionId(int partitionId) {
    this.partitionId = partitionId;
    return this;
  }

  @Override
  public CommandResponseWriter key(long key) {
    this.key = key;
    return this;
  }

  @Override
  public CommandResponseWriter intent(Intent intent) {
    this.intent = intent;
    return this;
  }

  @Override
  public CommandResponseWriter recordType(RecordType type) {
    this.recordType = type;
    return this;
  }

  @Override
  public CommandResponseWriter valueType(ValueType valueType) {
    this.valueType = valueType;
    return this;
  }

  @Override
  public CommandResponseWriter rejectionType(RejectionType rejectionType) {
    this.rejectionType = rejectionType;
    return this;
  }

  @Override
  public CommandResponseWriter rejectionReason(DirectBuffer reason) {
    rejectionReasonLength = reason.capacity();
    rejectionReason.putBytes(0, reason, 0, rejectionReasonLength);
    return this;
  }

  @Override
  public CommandResponseWriter valueWriter(BufferWriter writer) {
    valueLength = writer.getLength();
    writer.write(value, 0);
    return this;
  }

  @Override
  public void tryWriteResponse(int requestStreamId, long requestId) {
    if (requestId < firstRequestId) {
      return;
    }
    synchronized (ANSWERS) {
      delegate
          .partitionId(partitionId)
          .key(key)
          .intent(intent)
          .recordType(recordType)
          .valueType(valueType)
          .rejectionType(rejectionType)
          .rejectionReason(new UnsafeBuffer(rejectionReason, 0, rejectionReasonLength))
          .valueWriter(new Copied(value, valueLength));
      delegate.tryWriteResponse(requestStreamId, requestId);
    }
  }

  /** The value as it was when the stream processor gave it. */
  private record Copied(DirectBuffer bytes, int length) implements BufferWriter {

    @Override
    public int getLength() {
      return length;
    }

    @Override
    public int write(MutableDirectBuffer buffer, int offset) {
      buffer.putBytes(offset, bytes, 0, length);
      return length;
    }
  }
}
