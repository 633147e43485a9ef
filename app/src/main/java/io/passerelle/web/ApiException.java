package io.passerelle.web;

import io.passerelle.domain.ErrorCode;
import org.springframework.http.HttpStatus;

/**
 * A request the API refuses, with a code of the catalogue ({@link ErrorCode}: stable, with its
 * texts in the bundles) and a sentence for people. Rendered as RFC 9457 problem+json by {@link
 * ApiExceptionHandler}.
 */
public class ApiException extends RuntimeException {

  private final HttpStatus status;
  private final ErrorCode code;

  public ApiException(HttpStatus status, ErrorCode code, String detail) {
    super(detail);
    this.status = status;
    this.code = code;
  }

  public HttpStatus status() {
    return status;
  }

  public ErrorCode code() {
    return code;
  }
}
