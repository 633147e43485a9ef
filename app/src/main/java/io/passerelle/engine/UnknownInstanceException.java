package io.passerelle.engine;

/** No process instance or user task with that key is known to the engine. */
public class UnknownInstanceException extends EngineException {

  public UnknownInstanceException(String message) {
    super(message);
  }
}
