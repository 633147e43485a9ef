package io.passerelle.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;

/** Passerelle's public HTTP API as a staff member's script calls it: JSON and HTTP Basic. */
final class Api {

  record Response(int status, JsonNode body) {
    Response requireStatus(int expected, String what) {
      if (status != expected) {
        throw new IllegalStateException(what + ": HTTP " + status + " " + body);
      }
      return this;
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String baseUrl;
  private final String authorization;
  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .executor(Executors.newVirtualThreadPerTaskExecutor())
          .build();

  Api(String baseUrl, String username, String password) {
    this.baseUrl = baseUrl;
    this.authorization =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  Response post(String path, Object body) throws IOException, InterruptedException {
    return parse(client.send(request(path, body), HttpResponse.BodyHandlers.ofString()));
  }

  CompletableFuture<Response> postAsync(String path, Object body) {
    return client
        .sendAsync(request(path, body), HttpResponse.BodyHandlers.ofString())
        .thenApply(Api::parse);
  }

  Response get(String path) throws IOException, InterruptedException {
    var request =
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .header("Authorization", authorization)
            .header("Accept", "application/json")
            .timeout(Duration.ofSeconds(60))
            .GET()
            .build();
    return parse(client.send(request, HttpResponse.BodyHandlers.ofString()));
  }

  private HttpRequest request(String path, Object body) {
    try {
      return HttpRequest.newBuilder(URI.create(baseUrl + path))
          .header("Authorization", authorization)
          .header("Content-Type", "application/json")
          .header("Accept", "application/json")
          .timeout(Duration.ofSeconds(120))
          .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
          .build();
    } catch (IOException e) {
      throw new IllegalArgumentException("Cannot write " + body + " as JSON", e);
    }
  }

  static Response parse(HttpResponse<String> response) {
    JsonNode body;
    try {
      body = response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
    } catch (IOException e) {
      body = JSON.getNodeFactory().textNode(response.body());
    }
    return new Response(response.statusCode(), body);
  }
}
