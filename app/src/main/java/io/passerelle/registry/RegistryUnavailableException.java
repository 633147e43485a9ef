package io.passerelle.registry;

/**
 * The registry did not answer usefully after every attempt: down, too slow, rate-limited or
 * answering nonsense. The message says which, for the incident an operator reads.
 */
public class RegistryUnavailableException extends RuntimeException {

  public RegistryUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
