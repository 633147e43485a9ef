package io.passerelle.web;

import io.passerelle.domain.ErrorCode;

/**
 * The codes the HTTP kernel gives by itself: malformed requests, security, idempotency, and an HTTP
 * status's name when nothing more precise is known.
 */
public enum ApiErrors implements ErrorCode {
  AUTHENTICATION_REQUIRED,
  BAD_REQUEST,
  CONCURRENT_UPDATE,
  CONFLICT,
  CSRF_REJECTED,
  DUPLICATE_KEY,
  ERROR,
  FORBIDDEN,
  IDEMPOTENCY_KEY_INVALID,
  IDEMPOTENCY_KEY_REUSED,
  INTERNAL_ERROR,
  INVALID_FORMAT,
  INVALID_PAGING,
  INVALID_PARAMETER,
  INVALID_VALUE,
  MALFORMED_REQUEST,
  METHOD_NOT_ALLOWED,
  NOT_ACCEPTABLE,
  NOT_FOUND,
  OUT_OF_RANGE,
  PAYLOAD_TOO_LARGE,
  SERVICE_UNAVAILABLE,
  TOO_MANY_REQUESTS,
  TOO_SHORT,
  TRAILING_DATA,
  UNAUTHORIZED,
  UNSUPPORTED_MEDIA_TYPE
}
