package io.passerelle.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;

/**
 * The one place an API error's body is made: an RFC 9457 problem+json ({@code type, title, status,
 * detail, instance}) with Passerelle's stable {@code code}, and, when input fields are at fault,
 * {@code errors: [{field, code, message}]}. Controller advice returns {@link #of}; a filter, a
 * security handler or the error page writes it with {@link #write}; Tomcat's valve takes {@link
 * #json}. Every hand-written body goes through one mapper, configured as the application's
 * (HTML-safe escapes, the {@link ProblemDetail} mix-in Spring MVC uses), so all read the same.
 */
public final class Problems {

  /** {@code application/problem+json}. */
  public static final String MEDIA_TYPE = MediaType.APPLICATION_PROBLEM_JSON_VALUE;

  private static final ObjectMapper JSON =
      JsonMapper.builder().addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class).build();

  static {
    JSON.getFactory().setCharacterEscapes(new JsonConfiguration.HtmlSafe());
  }

  private Problems() {}

  /** A problem with the status's title, the detail and the stable {@code code}. */
  public static ProblemDetail of(HttpStatus status, String code, String detail) {
    var problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setProperty("code", code);
    return problem;
  }

  /** {@link #of(HttpStatus, String, String)} for any status number ("Error" when unknown). */
  public static ProblemDetail of(int status, String code, String detail) {
    HttpStatus known = HttpStatus.resolve(status);
    if (known != null) {
      return of(known, code, detail);
    }
    var problem = ProblemDetail.forStatus(status);
    problem.setTitle("Error");
    problem.setDetail(detail);
    problem.setProperty("code", code);
    return problem;
  }

  /** {@link #of(HttpStatus, String, String)} naming the request's URI as its {@code instance}. */
  public static ProblemDetail of(
      HttpServletRequest request, HttpStatus status, String code, String detail) {
    return at(of(status, code, detail), request.getRequestURI());
  }

  /** The problem with {@code instance} set to the URI as the request gave it. */
  public static ProblemDetail at(ProblemDetail problem, String uri) {
    if (uri != null) {
      problem.setInstance(instance(uri));
    }
    return problem;
  }

  /** One entry of a problem's {@code errors}: the field at fault, its code and the message. */
  public static Map<String, Object> fieldError(String field, String code, String message) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("field", field);
    error.put("code", code);
    error.put("message", message);
    return error;
  }

  /** The problem with {@code Retry-After} (whole seconds, at least 1), as a controller answers. */
  public static ResponseEntity<ProblemDetail> withRetryAfter(
      ProblemDetail problem, Duration retryAfter) {
    return ResponseEntity.status(problem.getStatus())
        .header(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfterSeconds(retryAfter)))
        .body(problem);
  }

  /** Sets {@code Retry-After} on a response a filter writes (whole seconds, at least 1). */
  public static void retryAfter(HttpServletResponse response, Duration retryAfter) {
    response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfterSeconds(retryAfter)));
  }

  static long retryAfterSeconds(Duration retryAfter) {
    return Math.max(1, retryAfter.toSeconds());
  }

  /**
   * Writes the problem as the whole answer: its status, problem+json in UTF-8, its length, and
   * flushes it (a client still sending a body the server will not read, a 413, gets it at once).
   */
  public static void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
    byte[] bytes = bytes(problem);
    response.setStatus(problem.getStatus());
    response.setContentType(MEDIA_TYPE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.setContentLength(bytes.length);
    response.getOutputStream().write(bytes);
    response.flushBuffer();
  }

  /** The problem's JSON text (for a writer outside Spring MVC, Tomcat's error report). */
  public static String json(ProblemDetail problem) {
    return new String(bytes(problem), StandardCharsets.UTF_8);
  }

  private static byte[] bytes(ProblemDetail problem) {
    try {
      return JSON.writeValueAsBytes(problem);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write a problem+json body", e);
    }
  }

  /** The URI as given; one a strict parser refuses is quoted rather than dropped. */
  private static URI instance(String uri) {
    try {
      return URI.create(uri);
    } catch (IllegalArgumentException notStrict) {
      try {
        return new URI(null, null, uri, null);
      } catch (URISyntaxException unusable) {
        return null;
      }
    }
  }
}
