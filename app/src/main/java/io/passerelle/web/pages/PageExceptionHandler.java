package io.passerelle.web.pages;

import io.passerelle.domain.DomainException;
import io.passerelle.engine.EngineUnavailableException;
import io.passerelle.engine.InstanceNotIndexedException;
import io.passerelle.engine.UnknownInstanceException;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;

/**
 * A refusal on a staff page is a readable French page with the right status, never problem+json
 * (which is the API's answer, {@code web.ApiExceptionHandler}).
 */
@ControllerAdvice(basePackages = "io.passerelle.web.pages")
@Order(Ordered.HIGHEST_PRECEDENCE)
class PageExceptionHandler {

  @ExceptionHandler(DomainException.class)
  ModelAndView onDomainException(DomainException e) {
    HttpStatus status =
        switch (e.kind()) {
          case INVALID -> HttpStatus.BAD_REQUEST;
          case NOT_FOUND -> HttpStatus.NOT_FOUND;
          case FORBIDDEN -> HttpStatus.FORBIDDEN;
          case CONFLICT -> HttpStatus.CONFLICT;
          case RULE -> HttpStatus.UNPROCESSABLE_ENTITY;
        };
    return page(status, FrenchMessages.of(e), e.code());
  }

  @ExceptionHandler(UnknownInstanceException.class)
  ModelAndView onUnknownInstance(UnknownInstanceException e) {
    return page(
        HttpStatus.NOT_FOUND,
        "Le moteur de processus ne connaît pas (ou plus) cette instance ou cette tâche.",
        "ENGINE_UNKNOWN");
  }

  /** A page opened right after a start: the cluster's search shows the instance a moment later. */
  @ExceptionHandler(InstanceNotIndexedException.class)
  ModelAndView onNotIndexed(InstanceNotIndexedException e, HttpServletResponse response) {
    retryAfter(response, InstanceNotIndexedException.RETRY_AFTER);
    return page(
        HttpStatus.SERVICE_UNAVAILABLE,
        "Le moteur de processus est en train d'indexer cette instance (elle apparaît quelques"
            + " secondes après son démarrage) : rechargez la page dans un instant.",
        "ENGINE_INDEXING");
  }

  @ExceptionHandler(EngineUnavailableException.class)
  ModelAndView onEngineUnavailable(EngineUnavailableException e, HttpServletResponse response) {
    retryAfter(response, e.retryAfter());
    return page(
        HttpStatus.SERVICE_UNAVAILABLE,
        e.busy()
            ? "Le moteur de processus est très occupé : rien n'a été fait, réessayez dans un"
                + " instant."
            : "Le moteur de processus ne répond pas : rien n'a été fait. Réessayez dans quelques"
                + " minutes ; si cela dure, prévenez l'administrateur du cabinet.",
        e.busy() ? "ENGINE_BUSY" : "ENGINE_UNAVAILABLE");
  }

  private static void retryAfter(HttpServletResponse response, Duration after) {
    response.setHeader("Retry-After", String.valueOf(Math.max(1, after.toSeconds())));
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ModelAndView onBadParameter(MethodArgumentTypeMismatchException e) {
    return page(
        HttpStatus.BAD_REQUEST,
        "La valeur donnée pour « " + e.getName() + " » n'est pas valable.",
        "INVALID_PARAMETER");
  }

  private static ModelAndView page(HttpStatus status, String message, String code) {
    var page =
        new ModelAndView(
            "error", Map.of("status", status.value(), "message", message, "code", code));
    page.setStatus(status);
    return page;
  }
}
