package io.passerelle.web;

import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.ModelAndView;

/**
 * A {@link ResponseStatusException} out of a page controller (the development tools, a page of
 * another feature) is the French error page with its status and reason — the API's controllers are
 * answered first by {@link ApiExceptionHandler}, ordered before this.
 */
@ControllerAdvice(annotations = Controller.class)
@Order(Ordered.LOWEST_PRECEDENCE)
class PageErrorAdvice {

  @ExceptionHandler(ResponseStatusException.class)
  ModelAndView onStatus(ResponseStatusException e) {
    HttpStatus status = HttpStatus.resolve(e.getStatusCode().value());
    int code = e.getStatusCode().value();
    String message = e.getReason() != null ? e.getReason() : ErrorPages.message(code);
    var page =
        new ModelAndView(
            "error",
            Map.of("status", code, "message", message, "code", ErrorPages.defaultCode(code)));
    page.setStatus(status == null ? HttpStatus.INTERNAL_SERVER_ERROR : status);
    return page;
  }
}
