package io.passerelle.microsoft;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/** What the token endpoint and Graph calls share: the HTTP client, Retry-After, error bodies. */
final class GraphHttp {

  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  static final Duration READ_TIMEOUT = Duration.ofSeconds(20);

  private GraphHttp() {}

  /** A RestClient with timeouts that never follows a redirect (a token must not go elsewhere). */
  static RestClient client() {
    HttpClient http =
        HttpClient.newBuilder()
            .connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(http);
    factory.setReadTimeout(READ_TIMEOUT);
    return RestClient.builder().requestFactory(factory).build();
  }

  /** Retry-After in seconds (the form Graph and Entra ID use), or null. */
  static Duration retryAfter(HttpHeaders headers) {
    String value = headers.getFirst(HttpHeaders.RETRY_AFTER);
    if (value == null || !value.strip().matches("\\d{1,6}")) {
      return null;
    }
    return Duration.ofSeconds(Long.parseLong(value.strip()));
  }

  /** The body as JSON, or an empty object when it is not JSON. */
  static JsonNode json(ObjectMapper mapper, String body) {
    if (body == null || body.isBlank()) {
      return mapper.createObjectNode();
    }
    try {
      return mapper.readTree(body);
    } catch (java.io.IOException e) {
      return mapper.createObjectNode();
    }
  }

  /** Graph's {@code {"error":{"code":…,"message":…}}}: code and message, when present. */
  static Optional<String[]> graphError(JsonNode body) {
    JsonNode error = body.path("error");
    if (!error.isObject()) {
      return Optional.empty();
    }
    return Optional.of(
        new String[] {error.path("code").asText(""), error.path("message").asText("")});
  }

  /** A text cut to a length fit for a log line or an incident. */
  static String cut(String text, int max) {
    if (text == null) {
      return "";
    }
    String oneLine = text.replaceAll("\\s+", " ").strip();
    return oneLine.length() <= max ? oneLine : oneLine.substring(0, max - 1) + "…";
  }
}
