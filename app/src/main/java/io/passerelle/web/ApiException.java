package io.passerelle.web;

import io.passerelle.domain.ErrorCode;
import org.springframework.http.HttpStatus;

/**
 * A request the API refuses, with a stable machine-readable {@code code} and a sentence for people.
 * Rendered as RFC 9457 problem+json by {@link ApiExceptionHandler}.
 */
public class ApiException extends RuntimeException {

  private final HttpStatus status;
  private final String code;

  public ApiException(HttpStatus status, ErrorCode code, String detail) {
    this(status, code.code(), detail);
  }

  public ApiException(HttpStatus status, String code, String detail) {
    super(detail);
    this.status = status;
    this.code = code;
  }

  public HttpStatus status() {
    return status;
  }

  public String code() {
    return code;
  }
}
