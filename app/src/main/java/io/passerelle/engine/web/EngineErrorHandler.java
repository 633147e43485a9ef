package io.passerelle.engine.web;

import io.passerelle.engine.EngineException;
import io.passerelle.engine.EngineUnavailableException;
import io.passerelle.engine.InstanceNotIndexedException;
import io.passerelle.engine.UnknownInstanceException;
import io.passerelle.web.ApiExceptionHandler;
import io.passerelle.web.Problems;
import java.time.Duration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The cluster's errors on the API: nothing was done and the same request may come again, so a 503
 * problem+json with {@code Retry-After} and a stable code: {@code ENGINE_UNAVAILABLE} (the cluster
 * does not answer), {@code ENGINE_BUSY} (it pushes back), {@code ENGINE_INDEXING} (its search does
 * not show an instance started a moment ago yet). Ordered before {@link ApiExceptionHandler}, whose
 * {@code EngineException} handler would otherwise answer 409.
 */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class EngineErrorHandler {

  @ExceptionHandler(EngineUnavailableException.class)
  ResponseEntity<ProblemDetail> onUnavailable(EngineUnavailableException e) {
    return unavailable(
        e.busy() ? "ENGINE_BUSY" : "ENGINE_UNAVAILABLE",
        e.busy()
            ? "The process engine is busy: nothing was done, send the request again in a moment."
            : "The process engine does not answer: nothing was done, send the request again"
                + " later.",
        e.retryAfter());
  }

  @ExceptionHandler(InstanceNotIndexedException.class)
  ResponseEntity<ProblemDetail> onNotIndexed(InstanceNotIndexedException e) {
    return unavailable(
        "ENGINE_INDEXING",
        "The process engine has not indexed this process instance yet (it shows a moment after"
            + " it starts): ask again in a moment.",
        InstanceNotIndexedException.RETRY_AFTER);
  }

  @ExceptionHandler(UnknownInstanceException.class)
  ProblemDetail onUnknownInstance(UnknownInstanceException e) {
    return Problems.of(HttpStatus.NOT_FOUND, "ENGINE_NOT_FOUND", e.getMessage());
  }

  @ExceptionHandler(EngineException.class)
  ProblemDetail onEngineException(EngineException e) {
    return Problems.of(HttpStatus.CONFLICT, "ENGINE_REFUSED", e.getMessage());
  }

  static ResponseEntity<ProblemDetail> unavailable(
      String code, String detail, Duration retryAfter) {
    return Problems.withRetryAfter(
        Problems.of(HttpStatus.SERVICE_UNAVAILABLE, code, detail), retryAfter);
  }
}
