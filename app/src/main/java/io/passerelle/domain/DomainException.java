package io.passerelle.domain;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A business rule refused a request. {@link #code()}, one constant of the {@link ErrorCode}
 * catalogue, is stable (API clients and process workers branch on it), the message is a sentence
 * for people, {@link #kind()} says what sort of refusal it is (the web layer turns it into an HTTP
 * status), and {@link #fieldErrors()} name the input fields at fault, if any.
 */
public class DomainException extends RuntimeException {

  /** The sort of refusal. */
  public enum Kind {
    /** the input is malformed (400) */
    INVALID,
    /** the thing named in the path does not exist (404) */
    NOT_FOUND,
    /** the actor may not do this; the message says who can (403) */
    FORBIDDEN,
    /** the request collides with the current state, e.g. a duplicate (409) */
    CONFLICT,
    /** well-formed but breaks a rule, e.g. names a role that does not exist (422) */
    RULE
  }

  /** One input field at fault; its code is one of the catalogue's, as a string. */
  public record FieldError(String field, String code, String message) {

    public FieldError(String field, ErrorCode code, String message) {
      this(field, code.code(), message);
    }
  }

  private final Kind kind;
  private final ErrorCode errorCode;
  // the code as a string, also for reflective readers of the field (AssertJ's properties)
  private final String code;
  private final transient List<FieldError> fieldErrors;
  private final transient Map<String, Object> properties = new LinkedHashMap<>();

  public DomainException(Kind kind, ErrorCode code, String message) {
    this(kind, code, message, List.of());
  }

  public DomainException(Kind kind, ErrorCode code, String message, List<FieldError> fieldErrors) {
    super(message);
    this.kind = kind;
    this.errorCode = code;
    this.code = code.code();
    this.fieldErrors = List.copyOf(fieldErrors);
  }

  public static DomainException notFound(ErrorCode code, String message) {
    return new DomainException(Kind.NOT_FOUND, code, message);
  }

  public static DomainException forbidden(ErrorCode code, String message) {
    return new DomainException(Kind.FORBIDDEN, code, message);
  }

  public static DomainException conflict(ErrorCode code, String message) {
    return new DomainException(Kind.CONFLICT, code, message);
  }

  public static DomainException conflict(ErrorCode code, String field, String message) {
    return new DomainException(
        Kind.CONFLICT, code, message, List.of(new FieldError(field, code.code(), message)));
  }

  public static DomainException rule(ErrorCode code, String message) {
    return new DomainException(Kind.RULE, code, message);
  }

  public static DomainException rule(ErrorCode code, String field, String message) {
    return new DomainException(
        Kind.RULE, code, message, List.of(new FieldError(field, code.code(), message)));
  }

  public static DomainException invalid(ErrorCode code, String field, String message) {
    return new DomainException(
        Kind.INVALID, code, message, List.of(new FieldError(field, code.code(), message)));
  }

  /**
   * Adds a property the API answer carries beside {@code code} (e.g. the link to the onboarding a
   * duplicate collides with).
   */
  public DomainException with(String name, Object value) {
    properties.put(name, value);
    return this;
  }

  /** The properties added with {@link #with}, in order. */
  public Map<String, Object> properties() {
    return Collections.unmodifiableMap(properties);
  }

  public Kind kind() {
    return kind;
  }

  /** The code as a string, as the API answers it. */
  public String code() {
    return code;
  }

  /** The code, typed: one constant of the catalogue. */
  public ErrorCode errorCode() {
    return errorCode;
  }

  /** Whether this refusal has this code. */
  public boolean is(ErrorCode code) {
    return errorCode.is(code.code());
  }

  public List<FieldError> fieldErrors() {
    return fieldErrors;
  }
}
