package io.passerelle.web;

import io.passerelle.engine.EngineException;
import io.passerelle.engine.UnknownInstanceException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every API error is an RFC 9457 problem+json with a stable {@code code}; Spring MVC's own errors
 * (malformed JSON, wrong method, missing parameter) keep their standard problem form.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

  @ExceptionHandler(ApiException.class)
  ProblemDetail onApiException(ApiException e) {
    return problem(e.status(), e.code(), e.getMessage());
  }

  @ExceptionHandler(UnknownInstanceException.class)
  ProblemDetail onUnknownInstance(UnknownInstanceException e) {
    return problem(HttpStatus.NOT_FOUND, "ENGINE_NOT_FOUND", e.getMessage());
  }

  @ExceptionHandler(EngineException.class)
  ProblemDetail onEngineException(EngineException e) {
    return problem(HttpStatus.CONFLICT, "ENGINE_REFUSED", e.getMessage());
  }

  static ProblemDetail problem(HttpStatus status, String code, String detail) {
    var problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setProperty("code", code);
    return problem;
  }
}
