package io.passerelle.mail;

/** A mail could not be delivered to the SMTP server. */
public abstract sealed class MailDeliveryException extends RuntimeException
    permits MailDeliveryException.Temporary, MailDeliveryException.Permanent {

  private MailDeliveryException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * The server is down, slow or answered 4xx: try again later (the job retries with backoff).
   * Nothing was sent.
   */
  public static final class Temporary extends MailDeliveryException {
    public Temporary(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * The server refused the address or the message for good (5xx), or the address is not one: the
   * journey takes its bounce path. Nothing was sent, and the same key is not tried again.
   */
  public static final class Permanent extends MailDeliveryException {
    public Permanent(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
