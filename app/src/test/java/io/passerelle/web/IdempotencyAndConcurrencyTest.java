package io.passerelle.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.passerelle.support.Api;
import io.passerelle.support.PasserelleSpringTest;
import io.passerelle.support.TestData;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

/** Idempotency-Key replays, and two requests racing for the same row, over real HTTP. */
@PasserelleSpringTest
class IdempotencyAndConcurrencyTest {

  @Autowired MockMvc mvc;
  @Autowired ObjectMapper json;
  @Autowired JdbcTemplate jdbc;
  @LocalServerPort int port;

  Api as(String user) {
    return Api.as(mvc, json, user);
  }

  static Map<String, Object> contact(String email) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("lastName", "Concurrent");
    body.put("subscriberType", "CLIENT");
    body.put("email", email);
    body.put("organisationalRoleCode", "DIRIGEANT");
    return body;
  }

  long contactsWith(String email) {
    return jdbc.queryForObject(
        "select count(*) from contact where lower(email) = lower(?)", Long.class, email);
  }

  @Test
  @DisplayName(
      "the same key and body give back the first response, marked replayed; nothing is created twice")
  void replay() throws Exception {
    String key = UUID.randomUUID().toString();
    String email = TestData.email("idem");
    var first =
        as(Api.STAFF)
            .post("/api/contacts", contact(email), key)
            .andExpect(status().isCreated())
            .andReturn()
            .getResponse();
    // same JSON, other key order and spacing
    String reordered =
        "{ \"organisationalRoleCode\":\"DIRIGEANT\", \"email\":\""
            + email
            + "\", \"subscriberType\":\"CLIENT\", \"lastName\":\"Concurrent\" }";
    as(Api.STAFF)
        .post("/api/contacts", reordered, key)
        .andExpect(status().isCreated())
        .andExpect(header().string("Idempotent-Replayed", "true"))
        .andExpect(header().string("Location", first.getHeader("Location")))
        .andExpect(
            jsonPath("$.id").value(json.readTree(first.getContentAsString()).get("id").asLong()));
    assertThat(contactsWith(email)).isOne();
  }

  @Test
  @DisplayName("the same key with another body is a 422 IDEMPOTENCY_KEY_REUSED")
  void sameKeyOtherBody() throws Exception {
    String key = UUID.randomUUID().toString();
    as(Api.STAFF)
        .post("/api/contacts", contact(TestData.email("first")), key)
        .andExpect(status().isCreated());
    String other = TestData.email("second");
    as(Api.STAFF)
        .post("/api/contacts", contact(other), key)
        .andExpect(status().isUnprocessableEntity())
        .andExpect(jsonPath("$.code").value("IDEMPOTENCY_KEY_REUSED"));
    assertThat(contactsWith(other)).isZero();
  }

  @Test
  @DisplayName("a refused request keeps nothing: corrected, it goes through under the same key")
  void refusedRequestsAreNotKept() throws Exception {
    String key = UUID.randomUUID().toString();
    var body = contact(TestData.email("fixme"));
    body.put("organisationalRoleCode", "NOPE");
    as(Api.STAFF).post("/api/contacts", body, key).andExpect(status().isUnprocessableEntity());
    body.put("organisationalRoleCode", "DIRIGEANT");
    as(Api.STAFF).post("/api/contacts", body, key).andExpect(status().isCreated());
  }

  @Test
  @DisplayName("a key is per caller: another staff member's same key is their own")
  void keysArePerCaller() throws Exception {
    String key = UUID.randomUUID().toString();
    as(Api.STAFF)
        .post("/api/contacts", contact(TestData.email("a")), key)
        .andExpect(status().isCreated());
    as(Api.MANAGER)
        .post("/api/contacts", contact(TestData.email("b")), key)
        .andExpect(status().isCreated());
  }

  @Test
  @DisplayName("an absurd key is a 400 IDEMPOTENCY_KEY_INVALID")
  void absurdKey() throws Exception {
    as(Api.STAFF)
        .post("/api/contacts", contact(TestData.email("k")), "x".repeat(201))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.code").value("IDEMPOTENCY_KEY_INVALID"));
  }

  @Test
  @DisplayName("two parallel requests with the same key: one contact, both answered with it")
  void parallelSameKey() throws Exception {
    String email = TestData.email("parallel.key");
    String key = UUID.randomUUID().toString();
    var responses = race(2, () -> post("/api/contacts", contact(email), key));
    assertThat(responses).extracting(HttpResponse::statusCode).containsOnly(201);
    assertThat(responses.get(0).body()).isEqualTo(responses.get(1).body());
    assertThat(contactsWith(email)).isOne();
  }

  @Test
  @DisplayName("two parallel creations of the same e-mail without a key: one 201, one 409, one row")
  void parallelSameEmail() throws Exception {
    String email = TestData.email("parallel.email");
    var responses = race(2, () -> post("/api/contacts", contact(email), null));
    assertThat(responses).extracting(HttpResponse::statusCode).containsExactlyInAnyOrder(201, 409);
    assertThat(responses)
        .filteredOn(r -> r.statusCode() == 409)
        .singleElement()
        .satisfies(r -> assertThat(r.body()).contains("CONTACT_EMAIL_TAKEN"));
    assertThat(contactsWith(email)).isOne();
  }

  @Test
  @DisplayName("two parallel dossiers with the same SIRET: one 201, one 409 SIRET_ALREADY_USED")
  void parallelSameSiret() throws Exception {
    String siret = TestData.siret();
    Map<String, Object> body = Map.of("companyName", "Course SARL", "siret", siret);
    var responses = race(2, () -> post("/api/dossiers", body, null));
    assertThat(responses).extracting(HttpResponse::statusCode).containsExactlyInAnyOrder(201, 409);
    assertThat(responses)
        .filteredOn(r -> r.statusCode() == 409)
        .singleElement()
        .satisfies(r -> assertThat(r.body()).contains("SIRET_ALREADY_USED"));
    assertThat(
            jdbc.queryForObject("select count(*) from dossier where siret = ?", Long.class, siret))
        .isOne();
  }

  interface Call {
    HttpResponse<String> run() throws Exception;
  }

  /** Starts {@code n} calls at the same instant (a barrier) and waits for all of them. */
  private static List<HttpResponse<String>> race(int n, Call call) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      var barrier = new CyclicBarrier(n);
      List<Future<HttpResponse<String>>> futures = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        futures.add(
            pool.submit(
                () -> {
                  barrier.await(10, TimeUnit.SECONDS);
                  return call.run();
                }));
      }
      List<HttpResponse<String>> responses = new ArrayList<>();
      for (var future : futures) {
        responses.add(future.get(30, TimeUnit.SECONDS));
      }
      return responses;
    } finally {
      pool.shutdownNow();
    }
  }

  private HttpResponse<String> post(String path, Object body, String key) throws Exception {
    String credentials = Api.MANAGER + ":" + Api.passwordOf(Api.MANAGER);
    var request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .header(
                "Authorization",
                "Basic "
                    + Base64.getEncoder()
                        .encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
            .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
    if (key != null) {
      request.header("Idempotency-Key", key);
    }
    try (var http = HttpClient.newHttpClient()) {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
  }
}
