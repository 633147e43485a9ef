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
  private final transient Object variables;

  public BusinessRuleException(String code, String message) {
    this(code, message, null);
  }

  /**
   * @param variables what the catching scope needs besides the code (a record or map whose field
   *     names are process variables, e.g. who gets the staff task), or null
   */
  public BusinessRuleException(String code, String message, Object variables) {
    super(message);
    this.code = Objects.requireNonNull(code, "code");
    this.variables = variables;
  }

  /** The variables the BPMN error carries, or null. */
  public Object getVariables() {
    return variables;
  }

  /** The BPMN error code, e.g. {@code INVALID_EMAIL}. */
  public String getCode() {
    return code;
  }
}
