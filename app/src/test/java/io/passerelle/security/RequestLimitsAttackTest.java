package io.passerelle.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.passerelle.account.InvitationService;
import io.passerelle.account.InvitationStatus;
import io.passerelle.contact.ContactService;
import io.passerelle.contact.DossierLinkService;
import io.passerelle.dossier.DossierService;
import io.passerelle.dossier.DossierView;
import io.passerelle.mail.DevMailServer;
import io.passerelle.staff.StaffService;
import io.passerelle.support.Api;
import io.passerelle.support.Fixtures;
import io.passerelle.support.Mailbox;
import io.passerelle.support.PasserelleSpringTest;
import io.passerelle.support.TestData;
import io.passerelle.web.ApiPaging;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Requests built to hurt: a 50 MB body, a body of no announced length that never ends, JSON with a
 * field twice or data after it, absurd paging, a batch with a bad item under an Idempotency-Key,
 * five proposals racing for one new contact.
 */
@PasserelleSpringTest
class RequestLimitsAttackTest {

  private static final Duration PATIENCE = Duration.ofSeconds(20);

  @LocalServerPort int port;
  @Autowired MockMvc mvc;
  @Autowired ObjectMapper json;
  @Autowired JdbcTemplate jdbc;
  @Autowired StaffService staff;
  @Autowired DossierService dossiers;
  @Autowired ContactService contacts;
  @Autowired DossierLinkService links;
  @Autowired InvitationService invitations;
  @Autowired DevMailServer mailServer;
  Fixtures fixtures;
  Api claire;

  @BeforeEach
  void setUp() {
    fixtures = new Fixtures(staff, dossiers, contacts, links);
    claire = Api.as(mvc, json, Api.MANAGER);
  }

  private static String basic() {
    return RawHttp.basic(Api.MANAGER, Api.passwordOf(Api.MANAGER));
  }

  @Test
  @DisplayName(
      "a 50 MB body announced by Content-Length: 413 problem+json before the body is read, on the"
          + " API and on a page")
  void fiftyMegabytes() throws Exception {
    byte[] chunk = new byte[64 * 1024];
    Arrays.fill(chunk, (byte) ' ');
    long fifty = 50L * 1024 * 1024;
    var raw = new RawHttp(port);
    // only 256 kB of the 50 MB are ever sent: the answer must come without the rest
    var api =
        raw.send(
            "POST /api/contacts HTTP/1.1\r\nHost: localhost\r\n"
                + basic()
                + "Content-Type: application/json\r\nContent-Length: "
                + fifty
                + "\r\n\r\n",
            chunk,
            4 * chunk.length);
    assertThat(api.status()).isEqualTo(413);
    assertThat(api.contentType()).startsWith("application/problem+json");
    assertThat(json.readTree(api.body()).get("code").asText()).isEqualTo("PAYLOAD_TOO_LARGE");

    var page =
        raw.send(
            "POST /connexion HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: "
                + fifty
                + "\r\n\r\n",
            chunk,
            4 * chunk.length);
    assertThat(page.status()).isEqualTo(413);
    assertThat(page.contentType()).startsWith("text/html");
    assertThat(page.body()).contains("Demande trop volumineuse").contains("PAYLOAD_TOO_LARGE");

    // a multipart upload keeps its own, larger limit (12MB), checked the same way
    var upload =
        raw.send(
            "POST /api/dossier-imports HTTP/1.1\r\nHost: localhost\r\n"
                + basic()
                + "Content-Type: multipart/form-data; boundary=xyz\r\nContent-Length: "
                + fifty
                + "\r\n\r\n",
            chunk,
            4 * chunk.length);
    assertThat(upload.status()).as(upload.toString()).isEqualTo(413);
    assertThat(upload.contentType()).as(upload.toString()).startsWith("application/problem+json");
    assertThat(json.readTree(upload.body()).get("code").asText()).isEqualTo("PAYLOAD_TOO_LARGE");
  }

  @Test
  @DisplayName("a body without a length (chunked) is cut at the limit: 413 problem+json, no row")
  void chunkedBodyPastTheLimit() throws Exception {
    String email = TestData.email("chunked");
    byte[] head =
        ("{\"lastName\":\"Chunk\",\"subscriberType\":\"CLIENT\",\"email\":\""
                + email
                + "\",\"organisationalRoleCode\":\"DIRIGEANT\",\"companyName\":\"")
            .getBytes(StandardCharsets.UTF_8);
    byte[] filler = new byte[2 * 1024 * 1024];
    Arrays.fill(filler, (byte) 'a');
    byte[] tail = "\"}".getBytes(StandardCharsets.UTF_8);
    for (String key : new String[] {null, UUID.randomUUID().toString()}) {
      var request =
          HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/contacts"))
              .timeout(Duration.ofSeconds(30))
              .header("Content-Type", "application/json")
              .header("Authorization", basic().substring("Authorization: ".length()).strip())
              .POST(
                  HttpRequest.BodyPublishers.ofInputStream(
                      () ->
                          new SequenceInputStream(
                              new SequenceInputStream(
                                  new ByteArrayInputStream(head), new ByteArrayInputStream(filler)),
                              (InputStream) new ByteArrayInputStream(tail))));
      if (key != null) {
        request.header("Idempotency-Key", key);
      }
      HttpResponse<String> response;
      try (var http = HttpClient.newHttpClient()) {
        response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      }
      assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
      assertThat(response.headers().firstValue("Content-Type").orElse(""))
          .startsWith("application/problem+json");
      assertThat(json.readTree(response.body()).get("code").asText())
          .isEqualTo("PAYLOAD_TOO_LARGE");
    }
    assertThat(
            jdbc.queryForObject(
                "select count(*) from contact where lower(email) = lower(?)", Long.class, email))
        .isZero();
  }

  @Test
  @DisplayName("JSON with a field twice or data after the value: 400 DUPLICATE_KEY, TRAILING_DATA")
  void strictJson() throws Exception {
    String email = TestData.email("dup");
    claire
        .post(
            "/api/contacts",
            "{\"lastName\":\"Dup\",\"subscriberType\":\"CLIENT\",\"email\":\"a@b.example\","
                + "\"organisationalRoleCode\":\"DIRIGEANT\",\"email\":\""
                + email
                + "\"}")
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.code").value("DUPLICATE_KEY"));
    claire
        .post(
            "/api/contacts",
            "{\"lastName\":\"Dup\",\"subscriberType\":\"CLIENT\",\"email\":\""
                + email
                + "\",\"organisationalRoleCode\":\"DIRIGEANT\"} {\"lastName\":\"Encore\"}")
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.code").value("TRAILING_DATA"));
    assertThat(
            jdbc.queryForObject(
                "select count(*) from contact where lower(email) = lower(?)", Long.class, email))
        .isZero();
  }

  @Test
  @DisplayName(
      "paging: size 0, abc, 101, 2000, page -1, an unknown sort are 400 with field errors; 100 is"
          + " served")
  void paging() throws Exception {
    for (String query :
        new String[] {"size=0", "size=abc", "size=101", "size=2000", "page=-1", "page=x"}) {
      String field = query.substring(0, query.indexOf('='));
      claire
          .get("/api/contacts?" + query)
          .andExpect(status().isBadRequest())
          .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
          .andExpect(jsonPath("$.code").value("INVALID_PAGING"))
          .andExpect(jsonPath("$.errors[0].field").value(field));
    }
    claire
        .get("/api/contacts?sort=password,desc")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.code").value("INVALID_SORT"))
        .andExpect(jsonPath("$.errors[0].field").value("sort"));
    claire
        .get("/api/contacts?sort=lastName,sideways")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("sort"));
    claire
        .get("/api/contacts?size=0&page=-1")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors.length()").value(2));
    claire
        .get("/api/contacts?size=" + ApiPaging.MAX_SIZE + "&page=0&sort=lastName,desc")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.page.size").value(ApiPaging.MAX_SIZE));
  }

  /** A running onboarding of a new contact, invited (its invitation SENT). */
  private long invitedInvitation(DossierView dossier, String tag) throws Exception {
    String email = TestData.email(tag);
    JsonNode created =
        claire.read(
            claire
                .post("/api/onboardings", proposal(dossier.id(), email))
                .andExpect(status().isAccepted()));
    long onboardingId = created.get("id").asLong();
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                invitations.forOnboarding(onboardingId).stream()
                    .anyMatch(i -> i.status() == InvitationStatus.SENT));
    return invitations.forOnboarding(onboardingId).getFirst().id();
  }

  private static Map<String, Object> proposal(long dossierId, String email) {
    Map<String, Object> contact = new LinkedHashMap<>();
    contact.put("firstName", "Course");
    contact.put("lastName", "Concurrente");
    contact.put("subscriberType", "CLIENT");
    contact.put("email", email);
    contact.put("organisationalRoleCode", "DIRIGEANT");
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("dossierId", dossierId);
    body.put("contact", contact);
    body.put("offerCode", "START");
    body.put("accessLevel", "READ_ONLY");
    body.put("sendNow", true);
    return body;
  }

  @Test
  @DisplayName(
      "a batch with one bad item under an Idempotency-Key: per-item answers, the valid ones"
          + " committed, the replay identical")
  void batchWithABadItem() throws Exception {
    DossierView dossier = fixtures.dossier(Api.MANAGER);
    long good = invitedInvitation(dossier, "batch.good");
    long other = invitedInvitation(dossier, "batch.other");
    long missing = Long.MAX_VALUE - 7;

    String key = UUID.randomUUID().toString();
    var first =
        claire
            .post("/api/invitations/resend", Map.of("invitationIds", List.of(good, missing)), key)
            .andExpect(status().isOk())
            .andExpect(jsonPath("$[0].outcome").value("RESENT"))
            .andExpect(jsonPath("$[1].outcome").value("REFUSED"))
            .andExpect(jsonPath("$[1].code").value("INVITATION_NOT_FOUND"))
            .andReturn()
            .getResponse()
            .getContentAsString();
    await()
        .atMost(PATIENCE)
        .until(() -> invitations.get(good).status() == InvitationStatus.SUPERSEDED);
    claire
        .post("/api/invitations/resend", Map.of("invitationIds", List.of(good, missing)), key)
        .andExpect(status().isOk())
        .andExpect(header().string("Idempotent-Replayed", "true"))
        .andExpect(content().json(first, true));

    String cancelKey = UUID.randomUUID().toString();
    var cancelled =
        claire
            .post(
                "/api/invitations/cancellation",
                Map.of("invitationIds", List.of(missing, other)),
                cancelKey)
            .andExpect(status().isOk())
            .andExpect(jsonPath("$[0].outcome").value("REFUSED"))
            .andExpect(jsonPath("$[1].outcome").value("CANCELLED"))
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(invitations.get(other).status()).isEqualTo(InvitationStatus.CANCELLED);
    claire
        .post(
            "/api/invitations/cancellation",
            Map.of("invitationIds", List.of(missing, other)),
            cancelKey)
        .andExpect(header().string("Idempotent-Replayed", "true"))
        .andExpect(content().json(cancelled, true));
  }

  @Test
  @DisplayName(
      "five concurrent proposals for one new contact, dossier and offer, without a key: one 202,"
          + " four 409 ONBOARDING_ALREADY_RUNNING with its link, one onboarding, one mail")
  void concurrentProposals() throws Exception {
    DossierView dossier = fixtures.dossier(Api.MANAGER);
    String email = TestData.email("race");
    String body = json.writeValueAsString(proposal(dossier.id(), email));
    var responses = race(5, () -> post("/api/onboardings", body));

    assertThat(responses)
        .extracting(HttpResponse::statusCode)
        .containsExactlyInAnyOrder(202, 409, 409, 409, 409);
    long id =
        json.readTree(
                responses.stream()
                    .filter(r -> r.statusCode() == 202)
                    .findFirst()
                    .orElseThrow()
                    .body())
            .get("id")
            .asLong();
    for (var refused : responses.stream().filter(r -> r.statusCode() == 409).toList()) {
      assertThat(refused.headers().firstValue("Content-Type").orElse(""))
          .startsWith("application/problem+json");
      JsonNode problem = json.readTree(refused.body());
      assertThat(problem.get("code").asText()).isEqualTo("ONBOARDING_ALREADY_RUNNING");
      assertThat(problem.get("onboarding").asText()).isEqualTo("/api/onboardings/" + id);
      assertThat(problem.get("onboardingId").asLong()).isEqualTo(id);
    }
    assertThat(
            jdbc.queryForObject(
                "select count(*) from onboarding where dossier_id = ?", Long.class, dossier.id()))
        .isOne();
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                invitations.forOnboarding(id).stream()
                    .anyMatch(i -> i.status() == InvitationStatus.SENT));
    // the one onboarding sent its one invitation; no other onboarding exists to send more
    assertThat(new Mailbox(mailServer).await(email, 1)).hasSize(1);
  }

  interface Call {
    HttpResponse<String> run() throws Exception;
  }

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
        responses.add(future.get(60, TimeUnit.SECONDS));
      }
      return responses;
    } finally {
      pool.shutdownNow();
    }
  }

  private HttpResponse<String> post(String path, String body) throws Exception {
    String credentials = Api.MANAGER + ":" + Api.passwordOf(Api.MANAGER);
    var request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", "application/json")
            .header(
                "Authorization",
                "Basic "
                    + Base64.getEncoder()
                        .encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
            .POST(HttpRequest.BodyPublishers.ofString(body));
    try (var http = HttpClient.newHttpClient()) {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
  }
}
