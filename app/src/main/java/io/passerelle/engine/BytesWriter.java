package io.passerelle.engine;

import io.camunda.zeebe.util.buffer.BufferWriter;
import org.agrona.MutableDirectBuffer;

/** Bytes in hand as the engine's {@link BufferWriter}: a block appended from a byte buffer. */
record BytesWriter(byte[] bytes) implements BufferWriter {

  @Override
  public int getLength() {
    return bytes.length;
  }

  @Override
  public int write(MutableDirectBuffer target, int offset) {
    target.putBytes(offset, bytes);
    return bytes.length;
  }
}
