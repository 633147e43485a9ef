package io.passerelle.workers.support;

import java.util.Objects;

/**
 * An expected business outcome that the process models as an error boundary event (for example an
 * unknown offer or an invalid e-mail address). The application's port implementations throw it with
 * one of the codes of {@code ProcessNames.Errors}; the workers turn it into a BPMN error with that
 * code. Anything else a port throws is a technical failure: the job is retried, then an incident.
 */
public class BusinessRuleException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String code;

  public BusinessRuleException(String code, String message) {
    super(message);
    this.code = Objects.requireNonNull(code, "code");
  }

  /** The BPMN error code, e.g. {@code INVALID_EMAIL}. */
  public String getCode() {
    return code;
  }
}
