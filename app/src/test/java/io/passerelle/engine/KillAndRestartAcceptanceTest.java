package io.passerelle.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.passerelle.config.Ports;
import io.passerelle.processes.ProcessNames.Elements;
import io.passerelle.support.LaunchedApplication;
import io.passerelle.support.Mailbox;
import io.passerelle.support.TestData;
import io.passerelle.support.TestDatabases;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.io.File;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18's acceptance, against the real application as a separate process: start, create an
 * onboarding that waits for activation and one that waits for the staff's send order, kill -9,
 * start again on the same data directory and database: both are still there, the link mailed before
 * the crash activates the account and that onboarding completes (widget enabled), the send order on
 * the second one sends its invitation. Mail goes to an SMTP server in this JVM, which outlives the
 * application.
 */
@LaunchedApplication
class KillAndRestartAcceptanceTest {

  private static final Duration START_PATIENCE = Duration.ofSeconds(60);
  private static final Duration PATIENCE = Duration.ofSeconds(30);
  private static final String PASSWORD = "Une phrase de passe solide 42";
  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

  @TempDir Path directory;

  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient http =
      HttpClient.newBuilder()
          .cookieHandler(new CookieManager())
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private GreenMail smtp;
  private Process app;
  private int port;

  @AfterEach
  void stop() {
    if (app != null) {
      app.destroyForcibly();
    }
    if (smtp != null) {
      smtp.stop();
    }
  }

  @Test
  @DisplayName(
      "kill -9 then start again: both onboardings are there, the link mailed before the crash"
          + " activates, the send order sends")
  void survivesKill() throws Exception {
    smtp = new GreenMail(new ServerSetup(Ports.anyFree(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    port = Ports.anyFree();
    String database =
        System.getenv().getOrDefault("PASSERELLE_TEST_DATABASE", "passerelle_test") + "_restart";

    app = launch(database, true, log("first"));
    awaitReady(log("first"));
    long waitingDossier = dossier();
    long laterDossier = dossier();
    String activatedEmail = TestData.email("avant-crash");
    String laterEmail = TestData.email("plus-tard");
    long waiting = propose(waitingDossier, activatedEmail, true);
    long later = propose(laterDossier, laterEmail, false);
    MimeMessage invitation = awaitMail(activatedEmail);
    awaitWaitingIn(waiting, Elements.AWAIT_ACTIVATION);
    awaitWaitingIn(later, Elements.AWAIT_SEND_ORDER);

    app.destroyForcibly().waitFor();
    app = launch(database, false, log("second"));
    awaitReady(log("second"));

    // both still there, where they stood
    awaitWaitingIn(waiting, Elements.AWAIT_ACTIVATION);
    awaitWaitingIn(later, Elements.AWAIT_SEND_ORDER);
    activate(Mailbox.activationToken(invitation));
    var last = new AtomicReference<JsonNode>();
    try {
      await()
          .atMost(PATIENCE)
          .until(
              () -> status(last.updateAndGet(x -> getQuietly("/api/onboardings/" + waiting))),
              "ONBOARDED"::equals);
    } catch (RuntimeException e) {
      throw new AssertionError("onboarding " + waiting + " did not complete: " + last, e);
    }
    assertThat(widgetOf(waitingDossier)).isEqualTo("ENABLED");

    assertThat(mailsTo(laterEmail)).isEmpty();
    await()
        .atMost(PATIENCE)
        .until(() -> post("/api/onboardings/" + later + "/send-now", null).statusCode() == 202);
    MimeMessage sent = awaitMail(laterEmail);
    assertThat(Mailbox.text(sent)).contains("/activation/");
  }

  @Test
  @DisplayName(
      "backup and restore (issue 18, item 8): stop, copy the data directory, dump the database;"
          + " restored together elsewhere, the onboarding is where it stood and its link activates")
  void backupAndRestore() throws Exception {
    smtp = new GreenMail(new ServerSetup(Ports.anyFree(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    port = Ports.anyFree();
    String original =
        System.getenv().getOrDefault("PASSERELLE_TEST_DATABASE", "passerelle_test") + "_backup";
    String restored = TestDatabases.newName("passerelle_restored");
    Path data = directory.resolve("data");
    Path copy = directory.resolve("restored-data");

    app = launch(original, data, true, log("backup"));
    awaitReady(log("backup"));
    long dossier = dossier();
    String email = TestData.email("sauvegarde");
    long waiting = propose(dossier, email, true);
    MimeMessage invitation = awaitMail(email);
    awaitWaitingIn(waiting, Elements.AWAIT_ACTIVATION);

    // the documented backup: stop Passerelle, copy the data directory, dump the database
    app.destroy();
    assertThat(app.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    copyTree(data, copy);
    Path dump = directory.resolve("passerelle.sql");
    run("pg_dump", "--no-owner", "--file=" + dump, original);
    TestDatabases.create(restored);
    try {
      run("psql", "--quiet", "--set=ON_ERROR_STOP=1", "--file=" + dump, restored);

      // restored together on "another machine": another directory, another database
      app = launch(restored, copy, false, log("restored"));
      awaitReady(log("restored"));
      awaitWaitingIn(waiting, Elements.AWAIT_ACTIVATION);
      activate(Mailbox.activationToken(invitation));
      await()
          .atMost(PATIENCE)
          .until(() -> status(getQuietly("/api/onboardings/" + waiting)), "ONBOARDED"::equals);
      assertThat(widgetOf(dossier)).isEqualTo("ENABLED");
    } finally {
      if (app != null) {
        app.destroyForcibly().waitFor();
        app = null;
      }
      TestDatabases.drop(restored);
    }
  }

  /** Runs a PostgreSQL client tool against {@code database}; fails with its output if it fails. */
  private static void run(String tool, String... arguments) throws Exception {
    List<String> command = new ArrayList<>(List.of(tool));
    command.addAll(
        List.of(
            "--host=" + TestDatabases.host(),
            "--port=" + TestDatabases.port(),
            "--username=" + TestDatabases.user()));
    command.addAll(Arrays.asList(arguments).subList(0, arguments.length - 1));
    command.add("--dbname=" + arguments[arguments.length - 1]);
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as(String.join(" ", command) + "\n" + output).isZero();
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : files.toList()) {
        Path target = to.resolve(from.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }

  /** The application's output, kept in target/ for a failure's investigation. */
  private static Path log(String run) throws IOException {
    Path logs = Path.of("target", "kill-and-restart");
    Files.createDirectories(logs);
    return logs.resolve(run + ".log");
  }

  private static String status(JsonNode onboarding) {
    return onboarding.path("onboarding").path("status").asText();
  }

  /**
   * Waits until the onboarding's process or its invitation sub-process waits in {@code element}.
   */
  private void awaitWaitingIn(long id, String element) {
    var last = new AtomicReference<JsonNode>();
    try {
      await()
          .atMost(PATIENCE)
          .until(
              () -> {
                last.set(get("/api/onboardings/" + id));
                return Stream.of("onboardingProcess", "invitationProcess")
                    .flatMap(p -> last.get().path(p).path("activeSteps").valueStream())
                    .anyMatch(step -> step.path("elementId").asText().equals(element));
              });
    } catch (RuntimeException e) {
      throw new AssertionError(
          "onboarding " + id + " does not wait in " + element + ": " + last, e);
    }
  }

  private Process launch(String database, boolean reset, Path log) throws IOException {
    return launch(database, directory.resolve("data"), reset, log);
  }

  private Process launch(String database, Path dataDirectory, boolean reset, Path log)
      throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    // the application's classes and libraries, not the tests'
    String classPath =
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .filter(entry -> !entry.contains("test-classes"))
            .collect(Collectors.joining(File.pathSeparator));
    List<String> command =
        new ArrayList<>(
            List.of(
                java,
                "-Xmx512m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                classPath,
                "io.passerelle.PasserelleApplication",
                "--server.port=" + port,
                "--passerelle.base-url=http://localhost:" + port,
                "--passerelle.engine.port=0",
                "--passerelle.engine.data-dir=" + dataDirectory,
                // the development users and the database reset need the one development switch
                "--passerelle.development.enabled=true",
                "--passerelle.dev-mail.enabled=false",
                "--spring.mail.host=127.0.0.1",
                "--spring.mail.port=" + smtp.getSmtp().getPort(),
                "--spring.datasource.url=jdbc:postgresql://"
                    + System.getenv().getOrDefault("PASSERELLE_DB_HOST", "127.0.0.1")
                    + ":"
                    + System.getenv().getOrDefault("PASSERELLE_DB_PORT", "5432")
                    + "/"
                    + database,
                "--spring.main.banner-mode=off"));
    if (reset) {
      command.add("--passerelle.database.reset-on-start=true");
    }
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }

  private void awaitReady(Path log) {
    try {
      await()
          .atMost(START_PATIENCE)
          .pollInterval(Duration.ofMillis(250))
          .until(
              () -> {
                if (!app.isAlive()) {
                  throw new AssertionError("the application stopped:\n" + tail(log));
                }
                // started, and the development users loaded (just after "Started")
                return Files.readString(log).contains("Started PasserelleApplication")
                    && HttpClient.newHttpClient()
                            .send(
                                asClaire("/api/staff/me").GET().build(),
                                HttpResponse.BodyHandlers.discarding())
                            .statusCode()
                        == 200;
              });
    } catch (RuntimeException e) {
      throw new AssertionError("not ready in " + START_PATIENCE + ":\n" + tail(log), e);
    }
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return e.toString();
    }
  }

  private long dossier() throws Exception {
    var created =
        post(
            "/api/dossiers",
            Map.of("companyName", TestData.unique("Société durable "), "siret", TestData.siret()));
    assertThat(created.statusCode()).isEqualTo(201);
    long id = json.readTree(created.body()).path("id").asLong();
    assertThat(post("/api/dossiers/" + id + "/offers", Map.of("offerCode", "START")).statusCode())
        .isEqualTo(201);
    return id;
  }

  private long propose(long dossierId, String email, boolean sendNow) throws Exception {
    var response =
        post(
            "/api/onboardings",
            Map.of(
                "dossierId",
                dossierId,
                "contact",
                Map.of(
                    "lastName",
                    "Durable",
                    "subscriberType",
                    "CLIENT",
                    "email",
                    email,
                    "organisationalRoleCode",
                    "DIRIGEANT"),
                "offerCode",
                "START",
                "accessLevel",
                "READ_ONLY",
                "sendNow",
                sendNow));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    return json.readTree(response.body()).path("id").asLong();
  }

  private String widgetOf(long dossierId) throws Exception {
    for (JsonNode offer : get("/api/dossiers/" + dossierId + "/offers")) {
      if (offer.path("offerCode").asText().equals("START")) {
        return offer.path("widgetState").asText();
      }
    }
    return null;
  }

  /** The client's activation page, as a browser: the form's CSRF token, then the password. */
  private void activate(String token) throws Exception {
    var page =
        http.send(
            HttpRequest.newBuilder(uri("/activation/" + token)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).isEqualTo(200);
    Matcher csrf = CSRF.matcher(page.body());
    assertThat(csrf.find()).as("a CSRF token in the activation page").isTrue();
    String form =
        "password="
            + encode(PASSWORD)
            + "&confirmation="
            + encode(PASSWORD)
            + "&_csrf="
            + encode(csrf.group(1));
    var done =
        http.send(
            HttpRequest.newBuilder(uri("/activation/" + token))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(done.statusCode()).as(done.body()).isIn(200, 302, 303);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private MimeMessage awaitMail(String email) {
    return await().atMost(PATIENCE).until(() -> mailsTo(email), m -> !m.isEmpty()).getFirst();
  }

  private List<MimeMessage> mailsTo(String email) throws Exception {
    List<MimeMessage> found = new ArrayList<>();
    for (MimeMessage message : smtp.getReceivedMessages()) {
      var to = message.getRecipients(Message.RecipientType.TO);
      if (to != null && Arrays.stream(to).anyMatch(a -> a.toString().contains(email))) {
        found.add(message);
      }
    }
    return found;
  }

  private URI uri(String path) {
    return URI.create("http://localhost:" + port + path);
  }

  private HttpRequest.Builder asClaire(String path) {
    String basic =
        Base64.getEncoder()
            .encodeToString("claire.martin:passerelle-dev".getBytes(StandardCharsets.UTF_8));
    return HttpRequest.newBuilder(uri(path))
        .timeout(Duration.ofSeconds(20))
        .header("Authorization", "Basic " + basic)
        .header("Accept", "application/json");
  }

  private JsonNode get(String path) throws Exception {
    var response =
        HttpClient.newHttpClient()
            .send(asClaire(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    return json.readTree(response.body());
  }

  private JsonNode getQuietly(String path) {
    try {
      return get(path);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private HttpResponse<String> post(String path, Object body) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            asClaire(path)
                .header("Content-Type", "application/json")
                .POST(
                    body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }
}
