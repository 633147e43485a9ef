package io.passerelle.engine;

import io.passerelle.domain.ErrorCode;

/** The engine's codes (its own name: {@code EngineErrors} translates the engine's refusals). */
public enum EngineErrorCodes implements ErrorCode {
  CLOCK_DURATION_INVALID,
  CLOCK_DURATION_NOT_POSITIVE,
  ENGINE_BUSY,
  ENGINE_INDEXING,
  ENGINE_REFUSED,
  ENGINE_UNAVAILABLE,
  ENGINE_UNKNOWN,
  INCIDENT_RETRY_MANAGER_ONLY
}
