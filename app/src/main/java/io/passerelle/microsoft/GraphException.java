package io.passerelle.microsoft;

import java.time.Duration;

/**
 * Microsoft Graph (or the tenant's token endpoint) did not do what was asked; see the subclasses.
 */
public abstract sealed class GraphException extends RuntimeException
    permits GraphException.Unavailable, GraphException.Refused, GraphException.CredentialsRefused {

  private static final long serialVersionUID = 1L;

  GraphException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * Throttled (429) or down (5xx, no answer): the same call may pass later.
   *
   * @see #retryAfter()
   */
  public static final class Unavailable extends GraphException {
    private static final long serialVersionUID = 1L;
    private final transient Duration retryAfter;

    Unavailable(String message, Duration retryAfter, Throwable cause) {
      super(message, cause);
      this.retryAfter = retryAfter;
    }

    /** Graph's Retry-After, or null when it gave none. */
    public Duration retryAfter() {
      return retryAfter;
    }
  }

  /**
   * Graph refused the request for its data (4xx: an invalid address, a domain blocked by the
   * tenant's cross-tenant access policy, a user that does not exist).
   */
  public static final class Refused extends GraphException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String code;

    Refused(int status, String code, String message) {
      super(message, null);
      this.status = status;
      this.code = code;
    }

    public int status() {
      return status;
    }

    /** Graph's {@code error.code}, e.g. {@code BadRequest}, {@code Request_ResourceNotFound}. */
    public String code() {
      return code;
    }
  }

  /**
   * Microsoft Entra ID refused Passerelle's credentials (or Graph its permissions): nothing works
   * until a person fixes the configuration. {@link #first()} is true for the one call that met the
   * refusal first in this run (it carries the incident); the others fail fast with the same
   * message.
   */
  public static final class CredentialsRefused extends GraphException {
    private static final long serialVersionUID = 1L;
    private final boolean first;

    CredentialsRefused(String message, boolean first) {
      super(message, null);
      this.first = first;
    }

    public boolean first() {
      return first;
    }
  }
}
