package io.passerelle.engine;

import io.camunda.client.api.command.ClientException;
import io.camunda.client.api.command.ClientHttpException;
import io.camunda.client.api.command.ClientStatusException;
import io.camunda.client.api.command.ProblemException;
import io.grpc.Status;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The engine's errors, recognised on both transports. In remote mode the client talks REST and a
 * refusal is a {@link ProblemException} (an RFC 9457 answer: 404 NOT_FOUND, 409 ALREADY_EXISTS or
 * INVALID_STATE, 429 RESOURCE_EXHAUSTED, 503); the embedded engine answers over gRPC with a {@link
 * ClientStatusException}. Both become the same outcome here, so the rest of the application never
 * sees a transport.
 */
final class EngineErrors {

  /** What an engine error means to the application. */
  enum Kind {
    /** The engine does not know the key (an instance, a task, an incident already resolved). */
    NOT_FOUND,
    /** The thing exists already (a message with that messageId is still buffered). */
    ALREADY_EXISTS,
    /** The engine refused the command in the state the thing is in (a task already completed). */
    REFUSED,
    /** Back-pressure: the engine answered but takes no more work for now. */
    BUSY,
    /** The engine does not answer (down, unreachable, timed out). */
    UNAVAILABLE,
    /** Anything else: a bug or a misconfiguration, not retried. */
    OTHER
  }

  static final Duration RETRY_UNAVAILABLE = Duration.ofSeconds(10);
  static final Duration RETRY_BUSY = Duration.ofSeconds(2);

  private EngineErrors() {}

  static Kind kind(Throwable error) {
    for (Throwable e = error; e != null; e = e.getCause()) {
      if (e instanceof ProblemException problem) {
        return ofHttp(
            problem.code(), problem.details() == null ? null : problem.details().getTitle());
      }
      if (e instanceof ClientStatusException status) {
        return ofGrpc(status.getStatusCode());
      }
      if (e instanceof ClientHttpException http) {
        return ofHttp(http.code(), null);
      }
      if (e instanceof ConnectException
          || e instanceof UnknownHostException
          || e instanceof UnresolvedAddressException
          || e instanceof TimeoutException
          || e instanceof java.net.SocketTimeoutException
          || e instanceof java.net.NoRouteToHostException
          || e instanceof org.apache.hc.core5.http.ConnectionClosedException
          || e instanceof CancellationException) {
        return Kind.UNAVAILABLE;
      }
      if (e.getCause() == e) {
        break;
      }
    }
    return Kind.OTHER;
  }

  static Kind ofHttp(int status, String title) {
    if (title != null) {
      switch (title) {
        case "NOT_FOUND":
          return Kind.NOT_FOUND;
        case "ALREADY_EXISTS":
          return Kind.ALREADY_EXISTS;
        case "RESOURCE_EXHAUSTED":
          return Kind.BUSY;
        case "INVALID_STATE":
          return Kind.REFUSED;
        default:
          break;
      }
    }
    return switch (status) {
      case 404 -> Kind.NOT_FOUND;
      case 409 -> Kind.REFUSED;
      case 429 -> Kind.BUSY;
      case 502, 503, 504 -> Kind.UNAVAILABLE;
      default -> Kind.OTHER;
    };
  }

  static Kind ofGrpc(Status.Code code) {
    return switch (code) {
      case NOT_FOUND -> Kind.NOT_FOUND;
      case ALREADY_EXISTS -> Kind.ALREADY_EXISTS;
      case FAILED_PRECONDITION, INVALID_ARGUMENT -> Kind.REFUSED;
      case RESOURCE_EXHAUSTED -> Kind.BUSY;
      case UNAVAILABLE, DEADLINE_EXCEEDED, CANCELLED -> Kind.UNAVAILABLE;
      default -> Kind.OTHER;
    };
  }

  /**
   * Runs one engine call and turns what the client throws into the application's exceptions: {@link
   * EngineUnavailableException} (nothing done, try again later), {@link UnknownInstanceException}
   * (the key is not known), {@link EngineException} (refused). Callers that give NOT_FOUND or
   * ALREADY_EXISTS a meaning of their own (a second publication, an incident already resolved) ask
   * {@link #kind} themselves first.
   */
  static <T> T call(String what, Supplier<T> call) {
    try {
      return call.get();
    } catch (RuntimeException e) {
      if (e instanceof ClientException || kind(e) != Kind.OTHER) {
        throw translate(what, e);
      }
      throw e;
    }
  }

  static void run(String what, Runnable call) {
    call(
        what,
        () -> {
          call.run();
          return null;
        });
  }

  static RuntimeException translate(String what, RuntimeException e) {
    if (e instanceof EngineException already) {
      return already;
    }
    return switch (kind(e)) {
      case UNAVAILABLE ->
          new EngineUnavailableException(
              "The process engine does not answer (" + what + "): " + reason(e),
              false,
              RETRY_UNAVAILABLE,
              e);
      case BUSY ->
          new EngineUnavailableException(
              "The process engine is busy and takes no more work for now (" + what + ")",
              true,
              RETRY_BUSY,
              e);
      case NOT_FOUND ->
          new UnknownInstanceException("The engine does not know it (" + what + "): " + reason(e));
      case ALREADY_EXISTS, REFUSED ->
          new EngineException("The engine refused to " + what + ": " + reason(e), e);
      case OTHER -> new EngineException("The engine failed to " + what + ": " + reason(e), e);
    };
  }

  static String reason(Throwable e) {
    if (e instanceof ProblemException problem && problem.details() != null) {
      var details = problem.details();
      return details.getTitle() + " " + (details.getDetail() == null ? "" : details.getDetail());
    }
    if (e instanceof ClientStatusException status) {
      return status.getStatusCode() + " " + status.getMessage();
    }
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName()
        + (root.getMessage() == null ? "" : " " + root.getMessage());
  }
}
