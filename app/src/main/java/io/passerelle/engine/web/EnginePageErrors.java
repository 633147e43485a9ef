package io.passerelle.engine.web;

import static io.passerelle.web.pages.PageExceptionHandler.page;
import static io.passerelle.web.pages.PageExceptionHandler.retryAfter;

import io.passerelle.engine.EngineErrorCodes;
import io.passerelle.engine.EngineUnavailableException;
import io.passerelle.engine.InstanceNotIndexedException;
import io.passerelle.engine.UnknownInstanceException;
import io.passerelle.web.pages.StaffPage;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/**
 * The engine's refusals on a staff page: a readable French page with the right status (and {@code
 * Retry-After} where coming back later helps), as {@code web.pages.PageExceptionHandler} does for
 * the rest; the API's are {@link EngineErrorHandler}'s.
 */
@ControllerAdvice(annotations = StaffPage.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class EnginePageErrors {

  @ExceptionHandler(UnknownInstanceException.class)
  ModelAndView onUnknownInstance(UnknownInstanceException e) {
    return page(
        HttpStatus.NOT_FOUND,
        "Le moteur de processus ne connaît pas (ou plus) cette instance ou cette tâche.",
        EngineErrorCodes.ENGINE_UNKNOWN.code());
  }

  /** A page opened right after a start: the cluster's search shows the instance a moment later. */
  @ExceptionHandler(InstanceNotIndexedException.class)
  ModelAndView onNotIndexed(InstanceNotIndexedException e, HttpServletResponse response) {
    retryAfter(response, InstanceNotIndexedException.RETRY_AFTER);
    return page(
        HttpStatus.SERVICE_UNAVAILABLE,
        "Le moteur de processus est en train d'indexer cette instance (elle apparaît quelques"
            + " secondes après son démarrage) : rechargez la page dans un instant.",
        EngineErrorCodes.ENGINE_INDEXING.code());
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
        (e.busy() ? EngineErrorCodes.ENGINE_BUSY : EngineErrorCodes.ENGINE_UNAVAILABLE).code());
  }
}
