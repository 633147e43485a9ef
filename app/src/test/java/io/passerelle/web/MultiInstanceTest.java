package io.passerelle.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.passerelle.account.AccountService;
import io.passerelle.account.InvitationService;
import io.passerelle.collaboration.CollaborationService;
import io.passerelle.contact.ContactService;
import io.passerelle.contact.DossierLinkService;
import io.passerelle.domain.SchedulerLock;
import io.passerelle.dossier.DossierService;
import io.passerelle.portal.ClientFixtures;
import io.passerelle.staff.StaffService;
import io.passerelle.support.Api;
import io.passerelle.support.StaffSignIn;
import io.passerelle.support.StandaloneApp;
import io.passerelle.support.TestData;
import io.passerelle.support.TestDatabases;
import io.passerelle.web.IdempotencyConfiguration.IdempotencyKeyPurge;
import io.passerelle.web.pages.FormOnce;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue 20, item 9: two Passerelle instances on one database, as a firm runs them behind a load
 * balancer. Both are whole applications (their own HTTP port, scheduler, job workers) started with
 * {@code passerelle.sessions.store=jdbc} on a database of this class's own.
 *
 * <p>Each runs its own embedded engine: two JVMs cannot share one in-memory engine, and the second
 * cannot run in remote mode against the first (the embedded engine has no REST API, which remote
 * mode uses for everything). So what goes through the database (scheduled work, rate limits,
 * sessions, forms sent twice) is shown between the two applications; the job workers' sharing,
 * which is the engine's (a job is handed to one worker at a time), is shown with two workers on the
 * first instance's engine gateway, as two instances' workers poll one cluster.
 */
class MultiInstanceTest {

  private static String database;
  private static ConfigurableApplicationContext a;
  private static ConfigurableApplicationContext b;
  private static JdbcTemplate jdbc;
  private static final ExecutorService POOL = Executors.newFixedThreadPool(16);

  @BeforeAll
  static void twoInstances() {
    database = TestDatabases.newName("passerelle_i20_multi");
    TestDatabases.create(database);
    a = instance();
    b = instance();
    jdbc = a.getBean(JdbcTemplate.class);
  }

  private static ConfigurableApplicationContext instance() {
    return StandaloneApp.start(
        "spring.datasource.url=" + TestDatabases.url(database),
        "spring.datasource.hikari.maximum-pool-size=10",
        "passerelle.sessions.store=jdbc",
        "passerelle.security.bcrypt-strength=4",
        "passerelle.security.sign-in.failures-per-username=3",
        "passerelle.portal.rate-limit.new-link-per-ip=1000",
        "passerelle.portal.rate-limit.new-link-per-address=3");
  }

  @AfterAll
  static void stop() {
    POOL.shutdownNow();
    for (var context : new ConfigurableApplicationContext[] {b, a}) {
      if (context != null) {
        context.close();
      }
    }
    TestDatabases.drop(database);
  }

  private static int port(ConfigurableApplicationContext context) {
    return ((WebServerApplicationContext) context).getWebServer().getPort();
  }

  // --- scheduled work --------------------------------------------------------------------------

  @Test
  @DisplayName("a scheduled job triggered on both instances at once runs on one; the other skips")
  void scheduledJobOnce() throws Exception {
    for (int round = 0; round < 5; round++) {
      var runs = new AtomicInteger();
      var start = new CountDownLatch(1);
      // the run lasts until the other instance has given up: the two surely overlap
      var skipped = new CountDownLatch(1);
      Runnable work =
          () -> {
            runs.incrementAndGet();
            try {
              skipped.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          };
      List<Future<Boolean>> triggers = new ArrayList<>();
      for (var node : List.of(a, b)) {
        var scheduler = node.getBean(SchedulerLock.class);
        triggers.add(
            POOL.submit(
                () ->
                    start(
                        start,
                        () -> {
                          boolean ran = scheduler.runAlone("test-job", work);
                          if (!ran) {
                            skipped.countDown();
                          }
                          return ran;
                        })));
      }
      start.countDown();
      assertThat(List.of(triggers.get(0).get(30, TimeUnit.SECONDS), triggers.get(1).get()))
          .as("round " + round)
          .containsExactlyInAnyOrder(true, false);
      assertThat(runs).hasValue(1);
    }
  }

  @Test
  @DisplayName("the real purge job goes through the lock: held elsewhere, both instances skip it")
  void realJobUnderTheLock() throws Exception {
    jdbc.update(
        "insert into form_request (kind, request_id, created_at)"
            + " values ('test', 'old-one', now() - interval '2 days')");
    try (Connection other = TestDatabases.connect(database)) {
      other.setAutoCommit(false);
      try (var statement = other.prepareStatement("select pg_advisory_xact_lock(?)")) {
        // a third instance in the middle of the purge
        statement.setLong(1, SchedulerLock.lockId(IdempotencyKeyPurge.JOB));
        statement.execute();
      }
      a.getBean(IdempotencyKeyPurge.class).purge();
      b.getBean(IdempotencyKeyPurge.class).purge();
      assertThat(oldFormRequests()).as("both skipped").isEqualTo(1);
      other.rollback();
    }
    Future<?> onA = POOL.submit(() -> a.getBean(IdempotencyKeyPurge.class).purge());
    Future<?> onB = POOL.submit(() -> b.getBean(IdempotencyKeyPurge.class).purge());
    onA.get(10, TimeUnit.SECONDS);
    onB.get(10, TimeUnit.SECONDS);
    assertThat(oldFormRequests()).as("purged once the lock was free").isZero();
  }

  private static int oldFormRequests() {
    return jdbc.queryForObject(
        "select count(*) from form_request where request_id = 'old-one'", Integer.class);
  }

  // --- rate limits -----------------------------------------------------------------------------

  @Test
  @DisplayName("a portal rate limit counts the requests of both instances: the 4th is a 429")
  void portalLimitShared() throws Exception {
    var browser = new Browser();
    String form = "email=" + encode(TestData.email("limit"));
    for (var node : List.of(a, b, a)) {
      assertThat(browser.post(node, "/acces/nouveau-lien", form).statusCode()).isNotEqualTo(429);
    }
    var refused = browser.post(b, "/acces/nouveau-lien", form);
    assertThat(refused.statusCode()).isEqualTo(429);
    long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
    assertThat(retryAfter).isBetween(800L, 900L);
    assertThat(browser.post(a, "/acces/nouveau-lien", form).statusCode()).isEqualTo(429);
  }

  @Test
  @DisplayName("attack: 30 requests at once over both instances, limit 3: exactly 3 pass")
  void portalLimitUnderConcurrency() throws Exception {
    String form = "email=" + encode(TestData.email("burst"));
    var start = new CountDownLatch(1);
    List<Future<Integer>> answers = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      var node = i % 2 == 0 ? a : b;
      answers.add(
          POOL.submit(
              () ->
                  start(start, () -> new Browser().post(node, "/acces/nouveau-lien", form))
                      .statusCode()));
    }
    start.countDown();
    List<Integer> statuses = new ArrayList<>();
    for (var answer : answers) {
      statuses.add(answer.get(30, TimeUnit.SECONDS));
    }
    // past the limit: 429; the 3 let through end at the CSRF check (no token sent): a redirect
    assertThat(statuses).containsOnly(302, 429);
    assertThat(statuses.stream().filter(status -> status == 302).count()).isEqualTo(3);
  }

  @Test
  @DisplayName("staff sign-in failures count on both instances: the 4th try is refused with 429")
  void staffSignInThrottleShared() throws Exception {
    String username = "nobody." + TestData.unique("x").toLowerCase().replaceAll("[^a-z0-9]", "");
    var browser = new Browser();
    var nodes = List.of(a, b, a, b);
    for (int i = 0; i < 3; i++) {
      // the page from one instance, the post to the other: the CSRF token is in the shared session
      String csrf = StaffSignIn.csrfOf(browser.get(nodes.get(i), "/connexion").body());
      var failed =
          browser.post(
              nodes.get(i + 1),
              "/connexion",
              "username=" + username + "&password=" + WRONG + "&_csrf=" + encode(csrf));
      assertThat(failed.statusCode()).isEqualTo(302);
      assertThat(failed.headers().firstValue("Location").orElseThrow()).contains("erreur");
    }
    String csrf = StaffSignIn.csrfOf(browser.get(a, "/connexion").body());
    var refused =
        browser.post(
            b, "/connexion", "username=" + username + "&password=wrong&_csrf=" + encode(csrf));
    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(refused.headers().firstValue("Retry-After")).isPresent();
    // the sessions in the database never hold what was typed as a password
    for (byte[] value :
        jdbc.queryForList("select attribute_bytes from spring_session_attributes", byte[].class)) {
      assertThat(new String(value, StandardCharsets.ISO_8859_1)).doesNotContain(WRONG);
    }
  }

  private static final String WRONG = "Mauvais-mot-de-passe-42";

  // --- sessions --------------------------------------------------------------------------------

  @Test
  @DisplayName("a staff session made on one instance is used, and ended, on the other")
  void staffSessionAcrossInstances() throws Exception {
    var browser = new Browser();
    String csrf = StaffSignIn.csrfOf(browser.get(a, "/connexion").body());
    var signedIn =
        browser.post(
            b,
            "/connexion",
            "username="
                + Api.MANAGER
                + "&password="
                + encode(Api.passwordOf(Api.MANAGER))
                + "&_csrf="
                + encode(csrf));
    assertThat(signedIn.statusCode()).isEqualTo(302);
    assertThat(signedIn.headers().firstValue("Location").orElseThrow()).doesNotContain("erreur");
    assertThat(browser.cookies).containsKey("SESSION").doesNotContainKey("JSESSIONID");
    assertThat(jdbc.queryForObject("select count(*) from spring_session", Integer.class))
        .isPositive();

    var home = browser.get(a, "/");
    assertThat(home.statusCode()).isEqualTo(200);
    assertThat(home.body()).contains("Claire");

    // two at once on each instance with the same session: all signed in
    var start = new CountDownLatch(1);
    List<Future<Integer>> pages = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      var node = i % 2 == 0 ? a : b;
      pages.add(POOL.submit(() -> start(start, () -> browser.get(node, "/").statusCode())));
    }
    start.countDown();
    for (var page : pages) {
      assertThat(page.get(30, TimeUnit.SECONDS)).isEqualTo(200);
    }

    // the sign-out's CSRF token read on one instance, the sign-out sent to the other
    String token = StaffSignIn.csrfOf(browser.get(b, "/").body());
    var out = browser.post(a, "/deconnexion", "_csrf=" + encode(token));
    assertThat(out.statusCode()).isEqualTo(302);
    assertThat(out.headers().firstValue("Location").orElseThrow()).contains("/connexion?sortie");
    var after = browser.get(b, "/");
    assertThat(after.statusCode()).isEqualTo(302);
    assertThat(after.headers().firstValue("Location").orElseThrow()).contains("/connexion");
  }

  @Test
  @DisplayName("a client signed in on one instance sees their space on the other")
  void clientSessionAcrossInstances() throws Exception {
    var client =
        new ClientFixtures(
                a.getBean(StaffService.class),
                a.getBean(DossierService.class),
                a.getBean(ContactService.class),
                a.getBean(DossierLinkService.class),
                a.getBean(InvitationService.class),
                a.getBean(AccountService.class),
                a.getBean(CollaborationService.class))
            .activeHolder();
    var browser = new Browser();
    String csrf = StaffSignIn.csrfOf(browser.get(a, "/espace/connexion").body());
    var signedIn =
        browser.post(
            b,
            "/espace/connexion",
            "email="
                + encode(client.account().email())
                + "&password="
                + encode(ClientFixtures.PASSWORD)
                + "&_csrf="
                + encode(csrf));
    assertThat(signedIn.statusCode()).isEqualTo(302);
    assertThat(signedIn.headers().firstValue("Location").orElseThrow()).endsWith("/espace");

    for (var node : List.of(a, b)) {
      var space = browser.get(node, "/espace");
      assertThat(space.statusCode()).as("on " + port(node)).isEqualTo(200);
      assertThat(space.body()).contains(client.dossier().companyName());
    }
  }

  @Test
  @DisplayName("attack: one form sent to both instances at once creates once; both get its result")
  void formOnceAcrossInstances() throws Exception {
    var created = new AtomicInteger();
    var start = new CountDownLatch(1);
    String requestId = java.util.UUID.randomUUID().toString();
    Callable<Long> create =
        () -> {
          sleep(200);
          return (long) created.incrementAndGet();
        };
    List<Future<Long>> answers = new ArrayList<>();
    for (var node : List.of(a, b, a, b)) {
      var once = node.getBean(FormOnce.class);
      answers.add(
          POOL.submit(
              () ->
                  start(
                      start,
                      () ->
                          once.run(
                              "test",
                              requestId,
                              () -> {
                                try {
                                  return create.call();
                                } catch (Exception e) {
                                  throw new IllegalStateException(e);
                                }
                              }))));
    }
    start.countDown();
    for (var answer : answers) {
      assertThat(answer.get(30, TimeUnit.SECONDS)).isEqualTo(1L);
    }
    assertThat(created).hasValue(1);
  }

  // --- job workers -----------------------------------------------------------------------------

  @Test
  @DisplayName("two workers on one engine (two instances' workers): each job is done once")
  void jobWorkersShareTheWork() throws Exception {
    String gateway = a.getEnvironment().getProperty("camunda.client.grpc-address");
    String type = "multi-instance-" + System.nanoTime();
    Map<Long, String> doneBy = new ConcurrentHashMap<>();
    var twice = new AtomicInteger();
    List<CamundaClient> clients = new ArrayList<>();
    try {
      for (String name : List.of("instance-a", "instance-b")) {
        var client =
            CamundaClient.newClientBuilder()
                .grpcAddress(URI.create(gateway))
                .restAddress(URI.create("http://localhost:1"))
                .preferRestOverGrpc(false)
                .build();
        clients.add(client);
        client
            .newWorker()
            .jobType(type)
            .handler(
                (jobs, job) -> {
                  if (doneBy.putIfAbsent(job.getKey(), name) != null) {
                    twice.incrementAndGet();
                  }
                  sleep(20);
                  jobs.newCompleteCommand(job).send().join();
                })
            .maxJobsActive(2)
            .streamEnabled(false)
            .open();
      }
      var engine = clients.getFirst();
      String process = "Process_MultiInstance" + System.nanoTime();
      engine
          .newDeployResourceCommand()
          .addProcessModel(
              Bpmn.createExecutableProcess(process)
                  .startEvent()
                  .serviceTask("ServiceTask_Work", task -> task.zeebeJobType(type))
                  .endEvent()
                  .done(),
              process + ".bpmn")
          .send()
          .join();
      for (int i = 0; i < 40; i++) {
        engine.newCreateInstanceCommand().bpmnProcessId(process).latestVersion().send().join();
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (doneBy.size() < 40 && System.nanoTime() < deadline) {
        sleep(50);
      }
      assertThat(doneBy).hasSize(40);
      assertThat(twice).hasValue(0);
      assertThat(Set.copyOf(doneBy.values())).containsExactlyInAnyOrder("instance-a", "instance-b");
    } finally {
      clients.forEach(CamundaClient::close);
    }
  }

  // --- helpers ---------------------------------------------------------------------------------

  private static <T> T start(CountDownLatch start, Callable<T> call) throws Exception {
    start.await();
    return call.call();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** One person's browser: one cookie jar, whichever instance the request lands on. */
  static final class Browser {
    final Map<String, String> cookies = new ConcurrentHashMap<>();
    private final HttpClient client =
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    HttpResponse<String> get(ConfigurableApplicationContext node, String path) throws Exception {
      return send(request(node, path).GET());
    }

    HttpResponse<String> post(ConfigurableApplicationContext node, String path, String form)
        throws Exception {
      return send(
          request(node, path)
              .header("Content-Type", "application/x-www-form-urlencoded")
              .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    private HttpRequest.Builder request(ConfigurableApplicationContext node, String path) {
      var request =
          HttpRequest.newBuilder(URI.create("http://localhost:" + port(node) + path))
              .timeout(Duration.ofSeconds(30));
      if (!cookies.isEmpty()) {
        request.header(
            "Cookie",
            String.join(
                "; ",
                cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
      }
      return request;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
      var response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      for (String header : response.headers().allValues("Set-Cookie")) {
        String pair = header.split(";", 2)[0];
        int equals = pair.indexOf('=');
        String name = pair.substring(0, equals).strip();
        String value = pair.substring(equals + 1).strip();
        if (value.isEmpty() || header.toLowerCase().contains("max-age=0")) {
          cookies.remove(name);
        } else {
          cookies.put(name, value);
        }
      }
      return response;
    }
  }
}
