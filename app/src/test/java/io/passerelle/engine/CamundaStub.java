package io.passerelle.engine;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.JsonMapper;
import io.camunda.client.impl.CamundaObjectMapper;
import io.camunda.client.protocol.rest.ProblemDetail;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.regex.Pattern;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * A local HTTP server that plays a Camunda 8.8 orchestration cluster's REST API for the contract
 * tests: each answer is built from the client's own protocol model ({@code
 * io.camunda.client.protocol.rest}) and written with the client's own JSON mapper, so it has the
 * shape a real cluster sends; every request is kept for the test to check its method, path and
 * body. A request no route expects gets a 500 problem naming it, which fails the test that made it.
 */
public final class CamundaStub implements AutoCloseable {

  /** A request as the cluster received it. */
  public record Request(String method, String path, String contentType, String body) {}

  private record Route(String method, Pattern path, Function<Request, MockResponse> answer) {}

  public static final JsonMapper JSON = new CamundaObjectMapper();

  private final MockWebServer server = new MockWebServer();
  private final List<Route> routes = new CopyOnWriteArrayList<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();

  public CamundaStub() {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest recorded) {
            var request =
                new Request(
                    recorded.getMethod(),
                    recorded.getPath(),
                    recorded.getHeader("Content-Type"),
                    recorded.getBody().readUtf8());
            requests.add(request);
            for (Route route : routes) {
              if (route.method().equals(request.method())
                  && route.path().matcher(request.path()).matches()) {
                return route.answer().apply(request);
              }
            }
            return problem(500, "UNEXPECTED", request.method() + " " + request.path());
          }
        });
    try {
      server.start();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Answers a method and a path (a regular expression) with what the function builds. */
  public CamundaStub on(String method, String pathRegex, Function<Request, MockResponse> answer) {
    routes.addFirst(new Route(method, Pattern.compile(pathRegex), answer));
    return this;
  }

  public URI address() {
    return URI.create("http://127.0.0.1:" + server.getPort());
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  public List<Request> requests(String method, String pathRegex) {
    var path = Pattern.compile(pathRegex);
    return requests.stream()
        .filter(r -> r.method().equals(method) && path.matcher(r.path()).matches())
        .toList();
  }

  /** A 200 answer whose body is a protocol model object, as the cluster writes it. */
  public static MockResponse json(Object body) {
    return new MockResponse()
        .setResponseCode(200)
        .setHeader("Content-Type", "application/json")
        .setBody(JSON.toJson(body));
  }

  public static MockResponse noContent() {
    return new MockResponse().setResponseCode(204);
  }

  /** An RFC 9457 refusal, titled as the gateway titles it (the rejection type). */
  public static MockResponse problem(int status, String title, String detail) {
    return new MockResponse()
        .setResponseCode(status)
        .setHeader("Content-Type", "application/problem+json")
        .setBody(
            JSON.toJson(
                new ProblemDetail()
                    .type(URI.create("about:blank"))
                    .title(title)
                    .status(status)
                    .detail(detail)
                    .instance(URI.create("/v2/x"))));
  }

  /** A client configured as remote mode configures it: REST for everything. */
  public CamundaClient client() {
    return client(address());
  }

  public static CamundaClient client(URI restAddress) {
    return CamundaClient.newClientBuilder()
        .applyEnvironmentVariableOverrides(false)
        .restAddress(restAddress)
        .grpcAddress(URI.create("http://127.0.0.1:1"))
        .preferRestOverGrpc(true)
        .defaultRequestTimeout(Duration.ofSeconds(5))
        .defaultJobWorkerStreamEnabled(false)
        .build();
  }

  /** The application's engine door in remote mode, against that client. */
  public static ProcessEngine engine(CamundaClient client, DeployedModels models) {
    return new ProcessEngine(
        client,
        new RemoteModeOperations(client, Duration.ofSeconds(5)),
        EngineMode.REMOTE,
        models,
        Duration.ofSeconds(5));
  }

  @Override
  public void close() {
    try {
      server.shutdown();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
