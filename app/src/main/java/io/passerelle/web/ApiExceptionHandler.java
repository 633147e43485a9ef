package io.passerelle.web;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.passerelle.domain.CommonErrors;
import io.passerelle.domain.DomainException;
import io.passerelle.domain.ErrorCode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.hibernate.exception.ConstraintViolationException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.mapping.PropertyReferenceException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.lang.Nullable;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.validation.FieldError;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every API error is an RFC 9457 problem+json with a stable {@code code} and, when input fields are
 * at fault, {@code errors: [{field, code, message}]}. Spring MVC's own errors (malformed JSON,
 * wrong method, missing parameter) keep their standard problem form and get a code too.
 *
 * <p>It answers for the {@code @RestController}s only: an error on a page, or before any controller
 * was chosen (404, 405, 415 of the mapping), goes to the container's error page, {@link
 * ErrorPages}, which answers problem+json under {@code /api/} and the French page elsewhere.
 */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.LOWEST_PRECEDENCE - 1)
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

  private static final java.util.regex.Pattern CONSTRAINT_IN_MESSAGE =
      java.util.regex.Pattern.compile("constraint \"([a-z0-9_]+)\"");

  /** Unique indexes and checks of the schema → the code the services would have given. */
  private static final Map<String, ErrorCode> CONSTRAINT_CODES =
      Map.ofEntries(
          Map.entry("contact_email_uq", CommonErrors.CONTACT_EMAIL_TAKEN),
          Map.entry("client_account_email_uq", CommonErrors.ACCOUNT_EMAIL_TAKEN),
          Map.entry("dossier_siret_uq", CommonErrors.SIRET_ALREADY_USED),
          Map.entry("dossier_siret_valid", CommonErrors.INVALID_SIRET),
          Map.entry("staff_member_username_uq", CommonErrors.USERNAME_TAKEN),
          Map.entry("staff_member_email_uq", CommonErrors.STAFF_EMAIL_TAKEN),
          Map.entry("organisational_role_code_uq", CommonErrors.ROLE_CODE_TAKEN),
          Map.entry("organisational_role_label_uq", CommonErrors.ROLE_LABEL_TAKEN),
          Map.entry("dossier_offer_uq", CommonErrors.OFFER_ALREADY_ACTIVE),
          Map.entry("dossier_link_live_uq", CommonErrors.LINK_EXISTS),
          Map.entry("collaborative_service_live_uq", CommonErrors.SERVICE_EXISTS),
          Map.entry("collaborative_service_onboarding_uq", CommonErrors.SERVICE_EXISTS),
          Map.entry("invitation_live_uq", CommonErrors.INVITATION_LIVE),
          Map.entry("fiscal_year_start_uq", CommonErrors.FISCAL_YEAR_OVERLAP));

  @ExceptionHandler(ApiException.class)
  ProblemDetail onApiException(ApiException e) {
    return Problems.of(e.status(), e.code().code(), e.getMessage());
  }

  @ExceptionHandler(DomainException.class)
  ProblemDetail onDomainException(DomainException e) {
    HttpStatus status =
        switch (e.kind()) {
          case INVALID -> HttpStatus.BAD_REQUEST;
          case NOT_FOUND -> HttpStatus.NOT_FOUND;
          case FORBIDDEN -> HttpStatus.FORBIDDEN;
          case CONFLICT -> HttpStatus.CONFLICT;
          case RULE -> HttpStatus.UNPROCESSABLE_ENTITY;
        };
    ProblemDetail problem = Problems.of(status, e.errorCode(), e.getMessage());
    e.properties().forEach(problem::setProperty);
    if (!e.fieldErrors().isEmpty()) {
      problem.setProperty(
          "errors",
          e.fieldErrors().stream()
              .map(f -> Problems.fieldError(f.field(), f.code(), f.message()))
              .toList());
    }
    return problem;
  }

  @ExceptionHandler(DataIntegrityViolationException.class)
  ProblemDetail onIntegrity(DataIntegrityViolationException e) {
    String constraint = constraintName(e);
    ErrorCode code = constraint == null ? null : CONSTRAINT_CODES.get(constraint);
    return Problems.of(
        HttpStatus.CONFLICT,
        code == null ? ApiErrors.CONFLICT : code,
        "The request collides with data recorded meanwhile"
            + (constraint == null ? "" : " (" + constraint + ")")
            + ": reload and try again.");
  }

  @ExceptionHandler(ObjectOptimisticLockingFailureException.class)
  ProblemDetail onConcurrentUpdate(ObjectOptimisticLockingFailureException e) {
    return Problems.of(
        HttpStatus.CONFLICT,
        ApiErrors.CONCURRENT_UPDATE,
        "Someone changed this at the same time: reload and try again.");
  }

  @ExceptionHandler(PropertyReferenceException.class)
  ProblemDetail onUnknownProperty(PropertyReferenceException e) {
    ProblemDetail problem =
        Problems.of(
            HttpStatus.BAD_REQUEST,
            CommonErrors.INVALID_SORT,
            "Unknown sort property: " + e.getPropertyName());
    problem.setProperty(
        "errors", List.of(Problems.fieldError("sort", CommonErrors.INVALID_SORT, e.getMessage())));
    return problem;
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ProblemDetail onTypeMismatch(MethodArgumentTypeMismatchException e) {
    String expected =
        e.getRequiredType() != null && e.getRequiredType().isEnum()
            ? "one of "
                + Arrays.stream(e.getRequiredType().getEnumConstants())
                    .map(String::valueOf)
                    .collect(Collectors.joining(", "))
            : (e.getRequiredType() == null ? "another value" : e.getRequiredType().getSimpleName());
    String message = "'" + e.getValue() + "' is not valid here: expected " + expected + ".";
    ProblemDetail problem =
        Problems.of(HttpStatus.BAD_REQUEST, ApiErrors.INVALID_PARAMETER, message);
    problem.setProperty(
        "errors", List.of(Problems.fieldError(e.getName(), ApiErrors.INVALID_VALUE, message)));
    return problem;
  }

  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(
      MethodArgumentNotValidException e,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    List<Map<String, Object>> errors = new ArrayList<>();
    for (FieldError field : e.getBindingResult().getFieldErrors()) {
      errors.add(
          Problems.fieldError(
              field.getField(),
              code(field.getCode(), field.getRejectedValue(), field.getArguments()),
              field.getDefaultMessage()));
    }
    e.getBindingResult()
        .getGlobalErrors()
        .forEach(
            g ->
                errors.add(
                    Problems.fieldError(
                        null, code(g.getCode(), null, null), g.getDefaultMessage())));
    return validationFailed(errors, headers);
  }

  @Override
  protected ResponseEntity<Object> handleHandlerMethodValidationException(
      HandlerMethodValidationException e,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    List<Map<String, Object>> errors = new ArrayList<>();
    e.getParameterValidationResults()
        .forEach(
            result -> {
              String name = result.getMethodParameter().getParameterName();
              for (MessageSourceResolvable r : result.getResolvableErrors()) {
                String code =
                    r.getCodes() == null || r.getCodes().length == 0 ? null : last(r.getCodes());
                errors.add(
                    Problems.fieldError(
                        name,
                        code(code, result.getArgument(), r.getArguments()),
                        r.getDefaultMessage()));
              }
            });
    return validationFailed(errors, headers);
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException e,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BodySizeLimit.TooLarge tooLarge) {
        return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE)
            .headers(headers)
            .body(
                Problems.of(
                    HttpStatus.PAYLOAD_TOO_LARGE,
                    ApiErrors.PAYLOAD_TOO_LARGE,
                    tooLarge.getMessage() + ": send less."));
      }
    }
    return ResponseEntity.badRequest().headers(headers).body(unreadable(e));
  }

  /** Why a body that fits could not be read: a field twice, data after the value, a bad value. */
  private static ProblemDetail unreadable(HttpMessageNotReadableException e) {
    if (e.getCause() instanceof JsonParseException parse
        && parse.getOriginalMessage() != null
        && parse.getOriginalMessage().startsWith("Duplicate field")) {
      return Problems.of(
          HttpStatus.BAD_REQUEST,
          ApiErrors.DUPLICATE_KEY,
          "The JSON body names a field twice ("
              + parse.getOriginalMessage().substring("Duplicate field ".length())
              + "): send each field once.");
    }
    if (e.getCause() instanceof MismatchedInputException trailing
        && trailing.getOriginalMessage() != null
        && trailing.getOriginalMessage().startsWith("Trailing token")) {
      return Problems.of(
          HttpStatus.BAD_REQUEST,
          ApiErrors.TRAILING_DATA,
          "The request body has data after its JSON value: send one JSON value.");
    }
    ProblemDetail problem =
        Problems.of(
            HttpStatus.BAD_REQUEST,
            ApiErrors.MALFORMED_REQUEST,
            "The request body is not the JSON expected.");
    if (e.getCause() instanceof MismatchedInputException mismatch
        && !mismatch.getPath().isEmpty()) {
      String field =
          mismatch.getPath().stream()
              .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
              .collect(Collectors.joining("."));
      String message = invalidValue(mismatch);
      problem.setDetail(message);
      problem.setProperty(
          "errors", List.of(Problems.fieldError(field, ApiErrors.INVALID_VALUE, message)));
    }
    return problem;
  }

  private static String invalidValue(MismatchedInputException mismatch) {
    if (mismatch instanceof InvalidFormatException format
        && format.getTargetType() != null
        && format.getTargetType().isEnum()) {
      return "'"
          + format.getValue()
          + "' is not one of "
          + Arrays.stream(format.getTargetType().getEnumConstants())
              .map(String::valueOf)
              .collect(Collectors.joining(", "))
          + ".";
    }
    return "This value is not valid here.";
  }

  @Override
  protected ResponseEntity<Object> handleExceptionInternal(
      Exception e,
      @Nullable Object body,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    if (body == null && e instanceof ErrorResponse response) {
      // Spring passes no body for some (406): the standard one, with our code
      body = response.updateAndGetBody(getMessageSource(), LocaleContextHolder.getLocale());
    }
    if (body instanceof ProblemDetail problem
        && (problem.getProperties() == null || !problem.getProperties().containsKey("code"))) {
      HttpStatus known = HttpStatus.resolve(status.value());
      problem.setProperty("code", known == null ? ApiErrors.ERROR.code() : known.name());
    }
    return super.handleExceptionInternal(e, body, headers, status, request);
  }

  private ResponseEntity<Object> validationFailed(
      List<Map<String, Object>> errors, HttpHeaders headers) {
    String summary =
        errors.isEmpty()
            ? "The request is not valid."
            : errors.stream()
                .map(
                    err ->
                        (err.get("field") == null ? "" : err.get("field") + ": ")
                            + err.get("message"))
                .collect(Collectors.joining("; "));
    ProblemDetail problem =
        Problems.of(HttpStatus.BAD_REQUEST, CommonErrors.VALIDATION_FAILED, summary);
    problem.setProperty("errors", errors);
    return ResponseEntity.badRequest().headers(headers).body(problem);
  }

  /** Bean Validation constraint → the API's field error code. */
  static String code(String constraint, Object rejected, Object[] arguments) {
    if (constraint == null) {
      return CommonErrors.INVALID.code();
    }
    return switch (constraint) {
      case "NotBlank", "NotNull", "NotEmpty" -> CommonErrors.REQUIRED.code();
      case "Size", "Length" ->
          (tooLong(rejected, arguments) ? CommonErrors.TOO_LONG : ApiErrors.TOO_SHORT).code();
      case "Email", "ValidEmail" -> CommonErrors.INVALID_EMAIL.code();
      case "ValidSiret" -> CommonErrors.INVALID_SIRET.code();
      case "PlainText" -> CommonErrors.CONTROL_CHARACTER.code();
      case "Pattern" -> ApiErrors.INVALID_FORMAT.code();
      case "Min", "Max", "Positive", "PositiveOrZero", "DecimalMin", "DecimalMax" ->
          ApiErrors.OUT_OF_RANGE.code();
      default -> constraint.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    };
  }

  private static boolean tooLong(Object rejected, Object[] arguments) {
    int length =
        rejected instanceof CharSequence text
            ? text.length()
            : rejected instanceof Collection<?> collection ? collection.size() : -1;
    if (length < 0 || arguments == null) {
      return true;
    }
    // Size's arguments after the field name are its attributes in name order: max, min
    Integer max = null;
    for (Object argument : arguments) {
      if (argument instanceof Integer number) {
        max = number;
        break;
      }
    }
    return max == null || length > max;
  }

  private static String last(String[] codes) {
    String code = codes[codes.length - 1];
    int dot = code.lastIndexOf('.');
    return dot < 0 ? code : code.substring(dot + 1);
  }

  private static String constraintName(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ConstraintViolationException violation
          && violation.getConstraintName() != null) {
        return violation.getConstraintName();
      }
      var named = t.getMessage() == null ? null : CONSTRAINT_IN_MESSAGE.matcher(t.getMessage());
      if (named != null && named.find()) {
        return named.group(1);
      }
    }
    return null;
  }
}
