package io.passerelle.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
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
    if (!validKey(key)) {
      refuse(
          request,
          response,
          HttpStatus.BAD_REQUEST,
          "IDEMPOTENCY_KEY_INVALID",
          "An Idempotency-Key is 1 to " + MAX_KEY_LENGTH + " visible ASCII characters (a UUID).");
      return;
    }
    var authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication == null || !authentication.isAuthenticated()) {
      chain.doFilter(request, response);
      return;
    }
    ReadBody read = readBody(request, response);
    if (read == null) {
      return; // refused as too large
    }
    var claim = new Claim(authentication.getName(), key, requestHash(request, read.body()));
    var cachedResponse = new ContentCachingResponseWrapper(response);
    Outcome stored =
        transactions.execute(
            status -> {
              Outcome earlier = claim(claim, request);
              if (earlier != null) {
                return earlier;
              }
              if (!runAndRecord(claim, read.forwarded(), cachedResponse, chain)) {
                status.setRollbackOnly();
              }
              return null;
            });
    if (stored == null) {
      cachedResponse.copyBodyToResponse();
      return;
    }
    replay(request, response, stored, claim.hash());
  }

  /** Step 1, the key: 1 to {@link #MAX_KEY_LENGTH} visible ASCII characters. */
  private static boolean validKey(String key) {
    return !key.isEmpty()
        && key.length() <= MAX_KEY_LENGTH
        && key.chars().allMatch(c -> c > 32 && c < 127);
  }

  /**
   * Step 2, what the key covers: the body read once (and handed on as read), or, for a file upload,
   * each part's name, file name and content, not the random boundary around them (the container
   * parses the parts and keeps them for the controller). Null when it is too large: the 413 is
   * written.
   */
  private ReadBody readBody(HttpServletRequest request, HttpServletResponse response)
      throws IOException, ServletException {
    boolean multipart =
        request.getContentType() != null
            && request.getContentType().toLowerCase(java.util.Locale.ROOT).startsWith("multipart/");
    if (multipart) {
      try {
        return new ReadBody(parts(request), request);
      } catch (IllegalStateException tooLarge) {
        refuse(
            request,
            response,
            HttpStatus.PAYLOAD_TOO_LARGE,
            "PAYLOAD_TOO_LARGE",
            "The upload is larger than the server accepts.");
        return null;
      }
    }
    try {
      byte[] body = request.getInputStream().readAllBytes();
      return new ReadBody(body, new CachedBodyRequest(request, body));
    } catch (BodySizeLimit.TooLarge tooLarge) {
      refuse(
          request,
          response,
          HttpStatus.PAYLOAD_TOO_LARGE,
          "PAYLOAD_TOO_LARGE",
          tooLarge.getMessage() + ": send less.");
      return null;
    }
  }

  /**
   * Step 3, the in-flight claim, in the request's transaction: a key older than 24 hours is
   * forgotten, then the key's row is inserted. When another request holds it, this waits on its row
   * until that one commits and returns what it stored; null when the key is now this request's.
   */
  private Outcome claim(Claim claim, HttpServletRequest request) {
    jdbc.update(
        "delete from idempotency_key where principal = ? and idempotency_key = ?"
            + " and created_at < now() - interval '24 hours'",
        claim.principal(),
        claim.key());
    int inserted =
        jdbc.update(
            "insert into idempotency_key (principal, idempotency_key, request_hash,"
                + " method, path, response_status) values (?, ?, ?, ?, ?, 0)"
                + " on conflict (principal, idempotency_key) do nothing",
            claim.principal(),
            claim.key(),
            claim.hash(),
            request.getMethod(),
            abbreviate(request.getRequestURI(), 500));
    if (inserted > 0) {
      return null;
    }
    return jdbc.queryForObject(
        "select request_hash, response_status, content_type, location, response_body"
            + " from idempotency_key where principal = ? and idempotency_key = ?",
        (rs, n) ->
            new Outcome(
                rs.getBytes(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getString(5)),
        claim.principal(),
        claim.key());
  }

  /**
   * Step 4, the request itself and the recording of its answer: a success (2xx) is stored with the
   * key and commits with the business rows (true); anything else is not kept (false: the caller
   * rolls back, and the request may be corrected and sent again under the same key).
   */
  private boolean runAndRecord(
      Claim claim,
      HttpServletRequest request,
      ContentCachingResponseWrapper response,
      FilterChain chain) {
    try {
      chain.doFilter(request, response);
    } catch (IOException | ServletException e) {
      throw new IllegalStateException(e);
    }
    int code = response.getStatus();
    if (code < 200 || code >= 300) {
      return false;
    }
    jdbc.update(
        "update idempotency_key set response_status = ?, content_type = ?,"
            + " location = ?, response_body = ? where principal = ? and"
            + " idempotency_key = ?",
        code,
        response.getContentType(),
        response.getHeader(HttpHeaders.LOCATION),
        new String(response.getContentAsByteArray(), StandardCharsets.UTF_8),
        claim.principal(),
        claim.key());
    return true;
  }

  /**
   * Step 5, the replay of a stored answer ({@code Idempotent-Replayed: true}), or 422 {@code
   * IDEMPOTENCY_KEY_REUSED} when the key was used for another request.
   */
  private static void replay(
      HttpServletRequest request, HttpServletResponse response, Outcome stored, byte[] hash)
      throws IOException {
    if (!Arrays.equals(stored.hash(), hash)) {
      refuse(
          request,
          response,
          HttpStatus.UNPROCESSABLE_ENTITY,
          "IDEMPOTENCY_KEY_REUSED",
          "This Idempotency-Key was used for another request: use a new key for a new request.");
      return;
    }
    response.setStatus(stored.status());
    response.setHeader(REPLAYED, "true");
    if (stored.location() != null) {
      response.setHeader(HttpHeaders.LOCATION, stored.location());
    }
    if (stored.contentType() != null) {
      response.setContentType(stored.contentType());
    }
    if (stored.body() != null && !stored.body().isEmpty()) {
      response.getOutputStream().write(stored.body().getBytes(StandardCharsets.UTF_8));
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

  private static void refuse(
      HttpServletRequest request,
      HttpServletResponse response,
      HttpStatus status,
      String code,
      String detail)
      throws IOException {
    Problems.write(response, Problems.of(request, status, code, detail));
  }

  private static String abbreviate(String text, int max) {
    return text.length() > max ? text.substring(0, max) : text;
  }

  /** The body the key covers, and the request to hand on (its body still readable). */
  private record ReadBody(byte[] body, HttpServletRequest forwarded) {}

  /** Who claims which key, for which request (its hash). */
  private record Claim(String principal, String key, byte[] hash) {}

  /** What the key's row holds: the first request's hash and its stored answer. */
  private record Outcome(
      byte[] hash, int status, String contentType, String location, String body) {}
}
