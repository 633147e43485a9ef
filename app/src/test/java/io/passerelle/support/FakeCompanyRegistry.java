package io.passerelle.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local stand-in for the public "recherche d'entreprises" API, answering {@code GET /search?q=}
 * in the real API's shape ({@code results[]} with {@code siege} and {@code
 * matching_etablissements}, {@code total_results}, paging fields). Each SIRET gets a behaviour:
 * found, closed, 429 a few times, 500 (always, or a number of times before it recovers), too slow,
 * or an answer that is not JSON. Unknown SIRETs are not found (an empty result list, as the real
 * API answers).
 *
 * <p>The Spring tests share one instance ({@link FakeRegistryConfiguration}); give each test its
 * own SIRETs ({@code TestData.siret()}).
 */
public final class FakeCompanyRegistry implements AutoCloseable {

  /** How the registry answers for one SIRET. */
  public sealed interface Behaviour {}

  /** Found: an active (or closed) establishment of a company. */
  public record Company(
      String siren,
      String name,
      String legalFormCode,
      String street,
      String postalCode,
      String city,
      String naf,
      boolean closed,
      boolean headOffice)
      implements Behaviour {}

  /**
   * 429 Too Many Requests (with Retry-After: 0) the first {@code times} calls, then the company.
   */
  public record RateLimitedThen(int times, Company company) implements Behaviour {}

  /** 500 on every call. */
  public record Failing() implements Behaviour {}

  /** 500 the first {@code times} calls (the registry down for a while), then the company. */
  public record FailingThen(int times, Company company) implements Behaviour {}

  /** 200 with a maintenance page in HTML instead of JSON (a proxy in front of the API). */
  public record Garbage() implements Behaviour {}

  /** Answers only after {@code millis}. */
  public record Slow(long millis, Company company) implements Behaviour {}

  private final HttpServer server;
  private final Map<String, Behaviour> behaviours = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

  public FakeCompanyRegistry() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/search", this::search);
    server.start();
  }

  public URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  public FakeCompanyRegistry answer(String siret, Behaviour behaviour) {
    behaviours.put(siret, behaviour);
    return this;
  }

  /** How many lookups of that SIRET the registry has received. */
  public int calls(String siret) {
    return calls.computeIfAbsent(siret, s -> new AtomicInteger()).get();
  }

  private void search(HttpExchange exchange) throws IOException {
    try (exchange) {
      String q = query(exchange.getRequestURI(), "q");
      if (q == null || q.length() < 3) {
        send(exchange, 400, "{\"erreur\":\"Veuillez indiquer au moins 3 caractères.\"}", null);
        return;
      }
      int call = calls.computeIfAbsent(q, s -> new AtomicInteger()).incrementAndGet();
      Behaviour behaviour = behaviours.get(q);
      switch (behaviour) {
        case null -> send(exchange, 200, page(""), null);
        case Company company -> send(exchange, 200, page(result(q, company)), null);
        case RateLimitedThen limited when call <= limited.times() ->
            send(exchange, 429, "{\"erreur\":\"Trop de requêtes\"}", "0");
        case RateLimitedThen limited ->
            send(exchange, 200, page(result(q, limited.company())), null);
        case Failing failing -> send(exchange, 500, "{\"erreur\":\"Erreur interne\"}", null);
        case FailingThen down when call <= down.times() ->
            send(exchange, 500, "{\"erreur\":\"Erreur interne\"}", null);
        case FailingThen down -> send(exchange, 200, page(result(q, down.company())), null);
        case Garbage garbage ->
            send(exchange, 200, "<html><body>Maintenance en cours</body></html>", null);
        case Slow slow -> {
          try {
            Thread.sleep(slow.millis());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          send(exchange, 200, page(result(q, slow.company())), null);
        }
      }
    }
  }

  private static String page(String results) {
    int total = results.isEmpty() ? 0 : 1;
    return """
        {"results":[%s],"total_results":%d,"page":1,"per_page":5,"total_pages":%d}"""
        .formatted(results, total, total);
  }

  private static String result(String siret, Company c) {
    String etat = c.closed() ? "F" : "A";
    String establishment =
        """
        {"siret":"%s","activite_principale":"%s","adresse":"%s %s %s","code_postal":"%s",\
        "commune":"75101","libelle_commune":"%s","etat_administratif":"%s","est_siege":%s}"""
            .formatted(
                siret,
                c.naf(),
                c.street(),
                c.postalCode(),
                c.city(),
                c.postalCode(),
                c.city(),
                etat,
                c.headOffice());
    String seat =
        c.headOffice()
            ? establishment
            : """
              {"siret":"%s00099","activite_principale":"%s","adresse":"1 RUE DU SIEGE 75008 PARIS",\
              "code_postal":"75008","commune":"75108","libelle_commune":"PARIS","etat_administratif":"A","est_siege":true}"""
                .formatted(c.siren(), c.naf());
    return """
        {"siren":"%s","nom_complet":"%s (%s)","nom_raison_sociale":"%s","nature_juridique":"%s",\
        "activite_principale":"%s","etat_administratif":"A","nombre_etablissements":2,\
        "siege":%s,"matching_etablissements":[%s]}"""
        .formatted(
            c.siren(),
            c.name(),
            c.siren(),
            c.name(),
            c.legalFormCode(),
            c.naf(),
            seat,
            establishment);
  }

  private static void send(HttpExchange exchange, int status, String body, String retryAfter)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    if (retryAfter != null) {
      exchange.getResponseHeaders().set("Retry-After", retryAfter);
    }
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  private static String query(URI uri, String name) {
    String raw = uri.getRawQuery();
    if (raw == null) {
      return null;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).equals(name)) {
        return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
