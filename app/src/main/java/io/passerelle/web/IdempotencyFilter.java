package io.passerelle.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.passerelle.domain.ErrorCode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * The {@code Idempotency-Key} header of the API's commands (POST). The first request under a key
 * runs in one database transaction with the key's row: the business rows and the stored response
 * commit together, or neither does. A request with the same key, caller and body gets the stored
 * response again ({@code Idempotent-Replayed: true}) and creates nothing; a concurrent one waits on
 * the key's row until the first commits, then gets its response. The same key with another body or
 * endpoint is refused with 422 {@code IDEMPOTENCY_KEY_REUSED}. Only successes (2xx) are kept: a
 * refused request can be corrected and sent again under the same key. Keys live 24 hours.
 */
class IdempotencyFilter extends OncePerRequestFilter {

  static final String HEADER = "Idempotency-Key";
  static final String REPLAYED = "Idempotent-Replayed";
  static final int MAX_KEY_LENGTH = 200;

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transactions;
  private final ObjectMapper json;
  private final ObjectMapper canonical;

  IdempotencyFilter(JdbcTemplate jdbc, TransactionTemplate transactions, ObjectMapper json) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.json = json;
    this.canonical = json.copy().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !"POST".equals(request.getMethod()) || request.getHeader(HEADER) == null;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String key = request.getHeader(HEADER).strip();
    if (key.isEmpty()
        || key.length() > MAX_KEY_LENGTH
        || !key.chars().allMatch(c -> c > 32 && c < 127)) {
      problem(
          request,
          response,
          HttpStatus.BAD_REQUEST,
          ApiErrors.IDEMPOTENCY_KEY_INVALID,
          "An Idempotency-Key is 1 to " + MAX_KEY_LENGTH + " visible ASCII characters (a UUID).");
      return;
    }
    var authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication == null || !authentication.isAuthenticated()) {
      chain.doFilter(request, response);
      return;
    }
    String principal = authentication.getName();
    boolean multipart =
        request.getContentType() != null
            && request.getContentType().toLowerCase(java.util.Locale.ROOT).startsWith("multipart/");
    byte[] body;
    HttpServletRequest forwarded;
    if (multipart) {
      // A file upload: the container parses the parts (and keeps them for the controller); the
      // key covers each part's name, file name and content, not the random boundary around them.
      try {
        body = parts(request);
      } catch (IllegalStateException tooLarge) {
        problem(
            request,
            response,
            HttpStatus.PAYLOAD_TOO_LARGE,
            ApiErrors.PAYLOAD_TOO_LARGE,
            "The upload is larger than the server accepts.");
        return;
      }
      forwarded = request;
    } else {
      try {
        body = request.getInputStream().readAllBytes();
      } catch (BodySizeLimit.TooLarge tooLarge) {
        problem(
            request,
            response,
            HttpStatus.PAYLOAD_TOO_LARGE,
            ApiErrors.PAYLOAD_TOO_LARGE,
            tooLarge.getMessage() + ": send less.");
        return;
      }
      forwarded = new CachedBodyRequest(request, body);
    }
    byte[] hash = requestHash(request, body);
    var cachedRequest = forwarded;
    var cachedResponse = new ContentCachingResponseWrapper(response);

    Outcome outcome =
        transactions.execute(
            status -> {
              jdbc.update(
                  "delete from idempotency_key where principal = ? and idempotency_key = ?"
                      + " and created_at < now() - interval '24 hours'",
                  principal,
                  key);
              int inserted =
                  jdbc.update(
                      "insert into idempotency_key (principal, idempotency_key, request_hash,"
                          + " method, path, response_status) values (?, ?, ?, ?, ?, 0)"
                          + " on conflict (principal, idempotency_key) do nothing",
                      principal,
                      key,
                      hash,
                      request.getMethod(),
                      abbreviate(request.getRequestURI(), 500));
              if (inserted == 0) {
                return jdbc.queryForObject(
                    "select request_hash, response_status, content_type, location, response_body"
                        + " from idempotency_key where principal = ? and idempotency_key = ?",
                    (rs, n) ->
                        new Outcome(
                            rs.getBytes(1),
                            rs.getInt(2),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getString(5)),
                    principal,
                    key);
              }
              try {
                chain.doFilter(cachedRequest, cachedResponse);
              } catch (IOException | ServletException e) {
                throw new IllegalStateException(e);
              }
              int code = cachedResponse.getStatus();
              if (code >= 200 && code < 300) {
                jdbc.update(
                    "update idempotency_key set response_status = ?, content_type = ?,"
                        + " location = ?, response_body = ? where principal = ? and"
                        + " idempotency_key = ?",
                    code,
                    cachedResponse.getContentType(),
                    cachedResponse.getHeader(HttpHeaders.LOCATION),
                    new String(cachedResponse.getContentAsByteArray(), StandardCharsets.UTF_8),
                    principal,
                    key);
              } else {
                status.setRollbackOnly();
              }
              return null;
            });

    if (outcome == null) {
      cachedResponse.copyBodyToResponse();
      return;
    }
    if (!Arrays.equals(outcome.hash(), hash)) {
      problem(
          request,
          response,
          HttpStatus.UNPROCESSABLE_ENTITY,
          ApiErrors.IDEMPOTENCY_KEY_REUSED,
          "This Idempotency-Key was used for another request: use a new key for a new request.");
      return;
    }
    response.setStatus(outcome.status());
    response.setHeader(REPLAYED, "true");
    if (outcome.location() != null) {
      response.setHeader(HttpHeaders.LOCATION, outcome.location());
    }
    if (outcome.contentType() != null) {
      response.setContentType(outcome.contentType());
    }
    if (outcome.body() != null && !outcome.body().isEmpty()) {
      response.getOutputStream().write(outcome.body().getBytes(StandardCharsets.UTF_8));
    }
  }

  /** Each part's name, file name and content, in order: what a multipart request says. */
  private static byte[] parts(HttpServletRequest request) throws IOException, ServletException {
    var out = new java.io.ByteArrayOutputStream();
    for (jakarta.servlet.http.Part part : request.getParts()) {
      out.write(part.getName().getBytes(StandardCharsets.UTF_8));
      out.write(0);
      if (part.getSubmittedFileName() != null) {
        out.write(part.getSubmittedFileName().getBytes(StandardCharsets.UTF_8));
      }
      out.write(0);
      try (var in = part.getInputStream()) {
        in.transferTo(out);
      }
      out.write(0);
    }
    return out.toByteArray();
  }

  private byte[] requestHash(HttpServletRequest request, byte[] body) {
    byte[] content = body;
    if (body.length > 0) {
      try {
        Object parsed = json.readValue(body, Object.class);
        content = canonical.writeValueAsBytes(parsed);
      } catch (IOException notJson) {
        content = body;
      }
    }
    try {
      var digest = MessageDigest.getInstance("SHA-256");
      digest.update(
          (request.getMethod()
                  + " "
                  + request.getRequestURI()
                  + "?"
                  + request.getQueryString()
                  + "\n")
              .getBytes(StandardCharsets.UTF_8));
      digest.update(content);
      return digest.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private void problem(
      HttpServletRequest request,
      HttpServletResponse response,
      HttpStatus status,
      ErrorCode code,
      String detail)
      throws IOException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "about:blank");
    body.put("title", status.getReasonPhrase());
    body.put("status", status.value());
    body.put("detail", detail);
    body.put("instance", request.getRequestURI());
    body.put("code", code.code());
    response.setStatus(status.value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    try {
      response.getOutputStream().write(json.writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String abbreviate(String text, int max) {
    return text.length() > max ? text.substring(0, max) : text;
  }

  private record Outcome(
      byte[] hash, int status, String contentType, String location, String body) {}
}
