package io.passerelle.microsoft;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * The few Microsoft Graph v1.0 calls the guest invitation needs, over Spring's {@link RestClient}
 * with an application token ({@link GraphTokens}): find a user by address, invite a guest, read a
 * user, delete a pending guest. Failures are classified ({@link GraphException}): 429 and 5xx (or
 * no answer) are {@code Unavailable} with Graph's Retry-After; 401 (after one new token) and 403
 * {@code Authorization_RequestDenied} mean Passerelle's credentials or permissions are refused
 * ({@code CredentialsRefused}, one circuit with the token endpoint); other 4xx are {@code Refused}
 * (the data: an invalid address, a domain blocked by the cross-tenant access policy).
 */
@Component
public class GraphClient {

  private static final String SELECT = "id,mail,otherMails,userType,externalUserState";

  private final MicrosoftProperties properties;
  private final GraphTokens tokens;
  private final ObjectMapper json;
  private final RestClient http = GraphHttp.client();

  GraphClient(MicrosoftProperties properties, GraphTokens tokens, ObjectMapper json) {
    this.properties = properties;
    this.tokens = tokens;
    this.json = json;
  }

  /**
   * The tenant's user with this address ({@code mail} or one of {@code otherMails}), if any: {@code
   * GET /users?$filter=mail eq '…' or otherMails/any(m:m eq '…')}, an advanced query ({@code
   * ConsistencyLevel: eventual}, {@code $count=true}).
   */
  public Optional<GraphUser> findUser(String email) {
    String literal = "'" + email.strip().replace("'", "''") + "'";
    String filter = "mail eq " + literal + " or otherMails/any(m:m eq " + literal + ")";
    URI uri =
        URI.create(
            properties.graphBase()
                + "/users?$filter="
                + encode(filter)
                + "&$select="
                + SELECT
                + "&$count=true");
    JsonNode body = call(HttpMethod.GET, uri, null, true);
    for (JsonNode user : body.path("value")) {
      return Optional.of(user(user));
    }
    return Optional.empty();
  }

  /**
   * Invites a guest ({@code POST /invitations}); Microsoft sends the invitation mail with the
   * staff's message. Invites again (and mails again) when the guest exists and has not accepted.
   *
   * @return the invited user's object id
   */
  public String invite(String email, URI redirectUrl, String customMessage) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("invitedUserEmailAddress", email.strip());
    body.put("inviteRedirectUrl", redirectUrl.toString());
    body.put("sendInvitationMessage", true);
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("messageLanguage", "fr-FR");
    if (customMessage != null && !customMessage.isBlank()) {
      info.put("customizedMessageBody", customMessage);
    }
    body.put("invitedUserMessageInfo", info);
    JsonNode answer =
        call(HttpMethod.POST, URI.create(properties.graphBase() + "/invitations"), body, false);
    String id = answer.path("invitedUser").path("id").asText(null);
    if (id == null) {
      throw new GraphException.Unavailable(
          "Microsoft Graph's invitation answer has no invitedUser.id", null, null);
    }
    return id;
  }

  /** The user with this object id ({@code GET /users/{id}}); empty when it no longer exists. */
  public Optional<GraphUser> user(String id) {
    URI uri = URI.create(properties.graphBase() + "/users/" + encode(id) + "?$select=" + SELECT);
    try {
      return Optional.of(user(call(HttpMethod.GET, uri, null, false)));
    } catch (GraphException.Refused e) {
      if (e.status() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /**
   * Deletes a user of the tenant ({@code DELETE /users/{id}}, 204): the caller makes sure it is a
   * guest Passerelle invited who has not redeemed. Idempotent: a 404 means already gone.
   *
   * @return true when Graph deleted it, false when it was gone already
   */
  public boolean deleteUser(String id) {
    try {
      call(
          HttpMethod.DELETE,
          URI.create(properties.graphBase() + "/users/" + encode(id)),
          null,
          false);
      return true;
    } catch (GraphException.Refused e) {
      if (e.status() == 404) {
        return false;
      }
      throw e;
    }
  }

  private JsonNode call(HttpMethod method, URI uri, Object body, boolean advanced) {
    Answer answer = send(method, uri, body, advanced);
    if (answer.status() == 401) {
      // a revoked or expired token: one new token, then it is the credentials
      tokens.forget();
      answer = send(method, uri, body, advanced);
    }
    JsonNode json = GraphHttp.json(this.json, answer.body());
    if (answer.status() >= 200 && answer.status() < 300) {
      return json;
    }
    String[] error = GraphHttp.graphError(json).orElse(new String[] {"", ""});
    String what =
        "Microsoft Graph answered "
            + answer.status()
            + (error[0].isEmpty() ? "" : " " + error[0])
            + (error[1].isEmpty() ? "" : ": " + GraphHttp.cut(error[1], 200))
            + " to "
            + method
            + " "
            + uri.getPath();
    if (answer.status() == 429 || answer.status() >= 500) {
      throw new GraphException.Unavailable(what, answer.retryAfter(), null);
    }
    if (answer.status() == 401
        || (answer.status() == 403 && "Authorization_RequestDenied".equals(error[0]))) {
      throw tokens.refuse(
          what
              + ". Passerelle's app registration needs the application permissions"
              + " User.Invite.All and User.Read.All (and User.ReadWrite.All to delete a"
              + " cancelled pending guest) with admin consent in the firm's tenant;"
              + " grant them, restart Passerelle, then retry this job.");
    }
    throw new GraphException.Refused(answer.status(), error[0], what);
  }

  private Answer send(HttpMethod method, URI uri, Object body, boolean advanced) {
    String bearer = tokens.bearer();
    try {
      var request =
          http.method(method)
              .uri(uri)
              .headers(
                  h -> {
                    h.setBearerAuth(bearer);
                    if (advanced) {
                      h.set("ConsistencyLevel", "eventual");
                    }
                  })
              .accept(MediaType.APPLICATION_JSON);
      if (body != null) {
        request = request.contentType(MediaType.APPLICATION_JSON).body(body);
      }
      return request.exchange(
          (req, response) ->
              new Answer(
                  response.getStatusCode().value(),
                  GraphHttp.retryAfter(response.getHeaders()),
                  new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8)));
    } catch (ResourceAccessException e) {
      throw new GraphException.Unavailable(
          "Microsoft Graph did not answer "
              + method
              + " "
              + uri.getPath()
              + " ("
              + e.getMessage()
              + ")",
          null,
          e);
    }
  }

  private static GraphUser user(JsonNode node) {
    List<String> otherMails = new ArrayList<>();
    node.path("otherMails").forEach(m -> otherMails.add(m.asText()));
    return new GraphUser(
        node.path("id").asText(null),
        node.path("mail").asText(null),
        otherMails,
        node.path("userType").asText(null),
        node.path("externalUserState").asText(null));
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private record Answer(int status, Duration retryAfter, String body) {}
}
