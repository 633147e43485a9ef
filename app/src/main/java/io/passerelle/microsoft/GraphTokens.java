package io.passerelle.microsoft;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * Application tokens for Microsoft Graph: OAuth 2.0 client credentials against the tenant's token
 * endpoint ({@code {authority}/{tenant}/oauth2/v2.0/token}, scope {@code
 * https://graph.microsoft.com/.default}), kept until a minute before they expire.
 *
 * <p>A circuit for refused credentials: once Entra ID (or Graph) has refused them, every call fails
 * fast with the same message for {@link #RECHECK} without asking again; only the first refusal of
 * the run is {@link GraphException.CredentialsRefused#first() first} (it becomes the one incident);
 * a token obtained later closes the circuit.
 */
@Component
class GraphTokens {

  static final Duration RECHECK = Duration.ofMinutes(1);
  private static final Duration EARLY = Duration.ofMinutes(1);
  private static final Logger LOG = LoggerFactory.getLogger(GraphTokens.class);

  private final MicrosoftProperties properties;
  private final ObjectMapper json;
  private final Clock clock;
  private final RestClient http = GraphHttp.client();

  private String token;
  private Instant expiresAt = Instant.MIN;
  private String refusal;
  private Instant refusedAt;
  private boolean reported;

  GraphTokens(MicrosoftProperties properties, ObjectMapper json, Clock clock) {
    this.properties = properties;
    this.json = json;
    this.clock = clock;
  }

  /** A valid application token for Graph. */
  synchronized String bearer() {
    Instant now = clock.instant();
    if (refusal != null && now.isBefore(refusedAt.plus(RECHECK))) {
      throw new GraphException.CredentialsRefused(refusal, false);
    }
    if (token != null && now.isBefore(expiresAt)) {
      return token;
    }
    if (!properties.configured()) {
      throw refuse(
          "The firm's Microsoft Entra ID tenant is not configured: set "
              + String.join(", ", properties.missing())
              + " and restart Passerelle.");
    }
    return fetch(now);
  }

  /** Forgets the token (Graph answered 401: it may have been revoked). */
  synchronized void forget() {
    token = null;
  }

  /** Opens the circuit with this message; the returned exception is the one to throw. */
  synchronized GraphException.CredentialsRefused refuse(String message) {
    boolean first = !reported;
    reported = true;
    refusal = message;
    refusedAt = clock.instant();
    token = null;
    if (first) {
      LOG.error("Microsoft Graph cannot be used: {}", message);
    }
    return new GraphException.CredentialsRefused(message, first);
  }

  /** The current refusal, for the health endpoint. */
  synchronized Optional<String> refusal() {
    return Optional.ofNullable(refusal);
  }

  private String fetch(Instant now) {
    MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
    form.add("client_id", properties.clientId().strip());
    form.add("client_secret", properties.clientSecret());
    form.add("scope", MicrosoftProperties.GRAPH_SCOPE);
    form.add("grant_type", "client_credentials");
    Answer answer;
    try {
      answer =
          http.post()
              .uri(properties.tokenEndpoint())
              .contentType(MediaType.APPLICATION_FORM_URLENCODED)
              .accept(MediaType.APPLICATION_JSON)
              .body(form)
              .exchange(
                  (request, response) ->
                      new Answer(
                          response.getStatusCode().value(),
                          GraphHttp.retryAfter(response.getHeaders()),
                          new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8)));
    } catch (ResourceAccessException e) {
      throw new GraphException.Unavailable(
          "The Microsoft identity platform did not answer (" + e.getMessage() + ")", null, e);
    }
    JsonNode body = GraphHttp.json(json, answer.body());
    if (answer.status() == 200 && body.hasNonNull("access_token")) {
      token = body.get("access_token").asText();
      long seconds = body.path("expires_in").asLong(3599);
      expiresAt = now.plusSeconds(seconds).minus(EARLY);
      refusal = null;
      reported = false;
      return token;
    }
    if (answer.status() == 429 || answer.status() >= 500) {
      throw new GraphException.Unavailable(
          "The Microsoft identity platform answered " + answer.status() + " to the token request",
          answer.retryAfter(),
          null);
    }
    throw refuse(
        "Microsoft Entra ID refused Passerelle's credentials for tenant "
            + properties.tenantId().strip()
            + " ("
            + body.path("error").asText("HTTP " + answer.status())
            + ": "
            + GraphHttp.cut(body.path("error_description").asText(""), 200)
            + "). Check PASSERELLE_MICROSOFT_TENANT_ID, PASSERELLE_MICROSOFT_CLIENT_ID and"
            + " PASSERELLE_MICROSOFT_CLIENT_SECRET (a client secret expires: create a new one in"
            + " the app registration), restart Passerelle, then retry this job; the other"
            + " onboardings wait and go on by themselves.");
  }

  private record Answer(int status, Duration retryAfter, String body) {}
}
