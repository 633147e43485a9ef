package io.passerelle.web.pages;

import io.passerelle.domain.DomainException;
import io.passerelle.web.ApiErrors;
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
@ControllerAdvice(annotations = StaffPage.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class PageExceptionHandler {

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

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ModelAndView onBadParameter(MethodArgumentTypeMismatchException e) {
    return page(
        HttpStatus.BAD_REQUEST,
        "La valeur donnée pour « " + e.getName() + " » n'est pas valable.",
        ApiErrors.INVALID_PARAMETER.code());
  }

  public static void retryAfter(HttpServletResponse response, Duration after) {
    response.setHeader("Retry-After", String.valueOf(Math.max(1, after.toSeconds())));
  }

  /** The readable error page, with its status. */
  public static ModelAndView page(HttpStatus status, String message, String code) {
    var page =
        new ModelAndView(
            "error", Map.of("status", status.value(), "message", message, "code", code));
    page.setStatus(status);
    return page;
  }
}
