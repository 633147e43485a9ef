package io.passerelle.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * The fault suite (issue 18, item 7). Against the real application in embedded mode, its mail going
 * to an SMTP server on loopback run by the suite ({@link FaultSmtpServer}), it repeats a run per
 * crash: a bulk invitation of {@code --bulk} contacts while a steady load of new onboardings and
 * activations goes on, then a kill -9 at a moment drawn from the seed (right after the bulk starts,
 * during the bulk, during a reminder burst, or under the steady load alone), a restart, and on.
 * Once each, in runs drawn from the seed: the SMTP server refusing with 421 for {@code
 * --smtp-outage} of engine time (the engine clock moved through it), PostgreSQL restarted in the
 * middle of a bulk (the machine's own cluster only), and a job delivered twice (its mail held by
 * the SMTP server while the engine clock passes the job's time-out).
 *
 * <p>At the end it checks, from the SMTP server and the API (and the database for what is
 * half-written): every contact got exactly one invitation (a copy only with the same Message-ID,
 * counted, and explained when a kill fell between its copies), every reminder that fell due was
 * sent once, no onboarding stuck, no incident left, nothing half-written. It prints a table and
 * writes {@code result.json} and {@code table.md}.
 */
public final class FaultSuite {

  /** When a run's kill -9 falls. */
  enum Moment {
    /** within 1.5 s of the bulk's 202: its batches being started */
    BULK_START,
    /** while the bulk's invitations go out */
    DURING_BULK,
    /**
     * the engine clock moved 7 days and an hour on, killed within 3 s of the first reminder
     * accepted: every waiting invitation's reminder due
     */
    REMINDER_BURST,
    /** the bulk sent: only the steady load and activations in flight */
    STEADY
  }

  /** One run of the schedule, drawn from the seed. */
  record Planned(
      int run, Moment moment, long delayMillis, boolean outage, boolean postgres, boolean twice) {

    Map<String, Object> describe() {
      Map<String, Object> map = new LinkedHashMap<>();
      map.put("run", run);
      map.put("kill", moment.name());
      map.put("killDelayMs", delayMillis);
      if (outage) {
        map.put("smtp421", true);
      }
      if (postgres) {
        map.put("postgresRestart", true);
      }
      if (twice) {
        map.put("jobDeliveredTwice", true);
      }
      return map;
    }
  }

  /** What the suite found. */
  public record Result(Map<String, Object> figures, String table) {
    public long number(String name) {
      return ((Number) figures.get(name)).longValue();
    }
  }

  private static final String INVITATION = "invitation";
  private static final String FIRST_REMINDER = "first-reminder";
  private static final String SECOND_REMINDER = "second-reminder";
  private static final Duration FIRST_DUE = Duration.ofDays(7);
  private static final Duration SECOND_DUE = Duration.ofDays(30);
  private static final Duration EXPIRY = Duration.ofDays(45);

  /** Engine time around a reminder's due instant where the check does not decide. */
  private static final Duration DUE_MARGIN = Duration.ofMinutes(30);

  private static final String AWAIT_ACTIVATION = "ReceiveTask_AwaitActivation";
  private static final String FOLLOW_UP_TASK = "UserTask_FollowUpStalledActivation";

  private final FaultOptions options;
  private final Launcher launcher;
  private final PrintStream out;
  private final Map<String, Object> result = new LinkedHashMap<>();
  private final List<Map<String, Object>> runs = new ArrayList<>();
  private final List<Double> restartSeconds = new CopyOnWriteArrayList<>();

  /** kill instants, epoch ms: a duplicate is explained when one falls between its copies */
  private final List<Long> kills = new CopyOnWriteArrayList<>();

  /**
   * when each start after a kill was launched, epoch ms: the copies accepted before it were sent by
   * the killed process (the server may take a message's last bytes a moment after the kill was
   * recorded, the client being dead already), those after it by the new one
   */
  private final List<Long> relaunches = new CopyOnWriteArrayList<>();

  /** e-mail address → the run during which its onboarding was asked for */
  private final Map<String, Integer> expected = new ConcurrentHashMap<>();

  private final Set<String> activated = ConcurrentHashMap.newKeySet();
  private final Set<String> activationUnsure = ConcurrentHashMap.newKeySet();
  private final Set<String> activationRefused = ConcurrentHashMap.newKeySet();
  private final List<String> requestsRefused = new CopyOnWriteArrayList<>();
  private final AtomicLong steadyAccepted = new AtomicLong();
  private FaultSmtpServer smtp;
  private Connection db;
  private long[] managerAndRole;
  private long steadyDossier;
  private int port;
  private Path data;
  private volatile Process app;
  private volatile Http http;
  private volatile int currentRun;
  private volatile boolean loadOn;
  private int launches;

  private FaultSuite(FaultOptions options, Launcher launcher, PrintStream out) {
    this.options = options;
    this.launcher = launcher;
    this.out = out;
  }

  public static void main(String[] args) throws Exception {
    FaultOptions options;
    try {
      options = FaultOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("passerelle faults: " + e.getMessage());
      System.exit(2);
      return;
    }
    Result result =
        run(options, Launcher.jar(options.appJar(), options.appJavaOptions()), System.out);
    System.exit(result.number("lost") == 0 && result.number("stuck") == 0 ? 0 : 1);
  }

  /** Runs the suite; the application is stopped at the end whatever happens. */
  public static Result run(FaultOptions options, Launcher launcher, PrintStream out)
      throws Exception {
    return new FaultSuite(options, launcher, out).run();
  }

  // ---- the schedule ----

  static List<Planned> schedule(FaultOptions options, boolean postgresHere) {
    // a seed mixed first: java.util.Random's first draws of nearby seeds are alike
    var random = new Random(options.seed() * 0x9E3779B97F4A7C15L + 0x7F4A7C15L);
    List<Moment> moments = new ArrayList<>();
    List<Moment> all = new ArrayList<>(List.of(Moment.values()));
    Collections.shuffle(all, random);
    for (int i = 0; i < options.crashes(); i++) {
      // every kind of moment once first, then drawn
      if (!options.moments().isEmpty()) {
        moments.add(Moment.valueOf(options.moments().get(i % options.moments().size())));
      } else {
        moments.add(i < all.size() ? all.get(i) : all.get(random.nextInt(all.size())));
      }
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 1; i <= options.crashes(); i++) {
      order.add(i);
    }
    Collections.shuffle(order, random);
    int outageRun = options.smtpOutage().isZero() ? -1 : order.get(0);
    int twiceRun = options.jobTwice() ? order.get(Math.min(1, order.size() - 1)) : -1;
    int postgresRun =
        options.restartPostgres() && postgresHere ? order.get(Math.min(2, order.size() - 1)) : -1;
    List<Planned> plan = new ArrayList<>();
    for (int i = 1; i <= options.crashes(); i++) {
      Moment moment = moments.get(i - 1);
      long delay =
          switch (moment) {
            case BULK_START -> random.nextInt(1_500);
            case DURING_BULK -> 1_000 + random.nextInt(Math.max(1, options.bulk() * 40));
            case REMINDER_BURST -> random.nextInt(3_000);
            case STEADY -> 500 + random.nextInt(4_500);
          };
      plan.add(new Planned(i, moment, delay, i == outageRun, i == postgresRun, i == twiceRun));
    }
    return plan;
  }

  // ---- the run ----

  private Result run() throws Exception {
    Files.createDirectories(options.output());
    long began = System.nanoTime();
    String postgresCluster = localCluster();
    List<Planned> plan = schedule(options, postgresCluster != null);
    say("seed %d; to repeat: %s", options.seed(), options.commandLine());
    say(
        "PostgreSQL: %s",
        postgresCluster == null
            ? "not this machine's own cluster (or pg_ctlcluster missing): never restarted"
            : "this machine's cluster " + postgresCluster + " on port " + options.dbPort());
    for (Planned planned : plan) {
      say("plan: %s", planned.describe());
    }
    result.put("startedAt", Instant.now().toString());
    result.put("options", options.describe());
    result.put("command", options.commandLine());
    result.put("postgresCluster", postgresCluster == null ? "not local" : postgresCluster);
    result.put("plan", plan.stream().map(Planned::describe).toList());
    data = options.output().resolve("engine-data");
    deleteRecursively(data);
    try (var logs = Files.list(options.output())) {
      for (Path log : logs.filter(p -> p.getFileName().toString().startsWith("app-")).toList()) {
        Files.delete(log);
      }
    }
    port = freePort();
    recreateDatabase();
    Thread steady = null;
    Thread activator = null;
    try (FaultSmtpServer server = new FaultSmtpServer()) {
      smtp = server;
      launch();
      managerAndRole = Seed.managerAndRole(db());
      steadyDossier = Seed.cohort(db(), managerAndRole, 0, 1).dossierIds().getFirst();
      loadOn = true;
      steady = Thread.ofPlatform().name("faults-steady").start(this::steadyLoad);
      activator = Thread.ofPlatform().name("faults-activator").start(this::activations);
      for (Planned planned : plan) {
        runOne(planned, postgresCluster);
      }
      loadOn = false;
      steady.join(Duration.ofMinutes(2));
      activator.join(Duration.ofMinutes(2));
      say("load stopped; waiting for what is due (at most %s)", options.patience());
      settle();
      check();
    } finally {
      loadOn = false;
      stopApp();
      if (db != null) {
        db.close();
      }
    }
    result.put("runs", runs);
    result.put("wallSeconds", round((System.nanoTime() - began) / 1e9));
    String table = table();
    out.println();
    out.println(table);
    write(table);
    @SuppressWarnings("unchecked")
    Map<String, Object> figures = (Map<String, Object>) result.get("figures");
    return new Result(figures, table);
  }

  private void runOne(Planned planned, String postgresCluster) throws Exception {
    currentRun = planned.run();
    Map<String, Object> run = new LinkedHashMap<>(planned.describe());
    runs.add(run);
    say("run %d of %d: %s", planned.run(), options.crashes(), planned.describe());
    Seed.Cohort cohort = Seed.cohort(db(), managerAndRole, planned.run(), options.bulk());
    if (planned.outage()) {
      smtp.refuse(true);
    }
    String key =
        UUID.nameUUIDFromBytes(("bulk-" + options.seed() + "-" + planned.run()).getBytes())
            .toString();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("dossierIds", cohort.dossierIds());
    body.put("offerCode", "START");
    body.put("customMessage", "Run " + planned.run() + " of the fault suite.");
    Http.Response accepted = postUntilAnswered("/api/bulk-invitations", body, key);
    if (accepted.status() != 202) {
      throw new IllegalStateException("bulk invitation refused: " + accepted);
    }
    for (String email : cohort.emails()) {
      expected.putIfAbsent(email, planned.run());
    }
    run.put("bulkId", accepted.body().path("id").asLong());
    if (planned.postgres()) {
      Thread.sleep(1_000 + new Random(options.seed() + planned.run()).nextInt(2_000));
      run.put("postgresRestartSeconds", restartPostgres(postgresCluster));
    }
    if (planned.outage()) {
      run.put("smtp421", outage());
    }
    if (planned.twice()) {
      run.put("jobDeliveredTwice", jobTwice());
    }
    switch (planned.moment()) {
      case BULK_START, DURING_BULK -> Thread.sleep(planned.delayMillis());
      case REMINDER_BURST -> {
        run.put("bulkSentBeforeKill", awaitInvitations(options.patience()));
        engineNow(); // signed in to the development clock before the burst
        long reminders = smtp.distinct(FIRST_REMINDER) + smtp.distinct(SECOND_REMINDER);
        Thread.ofVirtual().start(() -> advanceQuietly("P7DT1H"));
        // the kill falls once the burst is under way: its first reminder accepted
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (smtp.distinct(FIRST_REMINDER) + smtp.distinct(SECOND_REMINDER) == reminders
            && System.nanoTime() < deadline) {
          Thread.sleep(20);
        }
        Thread.sleep(planned.delayMillis());
        run.put(
            "remindersBeforeKill",
            smtp.distinct(FIRST_REMINDER) + smtp.distinct(SECOND_REMINDER) - reminders);
      }
      case STEADY -> {
        run.put("bulkSentBeforeKill", awaitInvitations(options.patience()));
        Thread.sleep(planned.delayMillis());
      }
    }
    run.put("invitationsReceivedAtKill", smtp.distinct(INVITATION));
    kill();
    double restart = launch();
    run.put("restartSeconds", restart);
    boolean complete = awaitInvitations(options.patience());
    run.put("everyInvitationSentAfterRestart", complete);
    say(
        "run %d: restarted in %.1f s; %d invitations expected so far, %d received%s",
        planned.run(),
        restart,
        expected.size(),
        smtp.distinct(INVITATION),
        complete ? "" : " — NOT ALL");
  }

  // ---- faults ----

  /**
   * The SMTP server answers 421 to every connection for {@code --smtp-outage} of engine time; the
   * engine clock is moved through it 30 s at a time (the jobs' backoffs of 10 s, 30 s, 2 min and 10
   * min are engine time), then accepts again, the clock still moving until the bulk is sent or the
   * last retry of a job that first failed at the outage's start (12 min 40 s after it) is past.
   */
  private Map<String, Object> outage() throws Exception {
    Map<String, Object> outage = new LinkedHashMap<>();
    Duration step = Duration.ofSeconds(30);
    Duration moved = Duration.ZERO;
    long started = System.nanoTime();
    while (moved.compareTo(options.smtpOutage()) < 0) {
      advanceQuietly(step.toString());
      moved = moved.plus(step);
      Thread.sleep(700);
    }
    smtp.refuse(false);
    outage.put("refusedConnections", smtp.refusedConnections());
    say(
        "SMTP 421 for %s of engine time (%.0f s): %d connections refused; accepting again",
        options.smtpOutage(), (System.nanoTime() - started) / 1e9, smtp.refusedConnections());
    Duration after = Duration.ZERO;
    Duration budget = options.smtpOutage().plus(Duration.ofSeconds(12 * 60 + 40 + 60));
    // what was asked for until now (the steady load goes on asking)
    Set<String> due = new HashSet<>(expected.keySet());
    while (after.compareTo(budget) < 0 && !invitedRecipients().containsAll(due)) {
      advanceQuietly(step.toString());
      after = after.plus(step);
      Thread.sleep(700);
    }
    outage.put("engineTimeMoved", moved.plus(after).toString());
    outage.put("wallSeconds", round((System.nanoTime() - started) / 1e9));
    return outage;
  }

  /**
   * A job delivered twice: the SMTP server holds the next two mails 5 s before its 250, and while
   * the first is held the engine clock moves 2 minutes on, past the workers' job time-out (1 min):
   * the engine gives the job again to a worker while the first delivery is still sending. The
   * application says so in its log ("was sent already", read at the end).
   */
  private Map<String, Object> jobTwice() throws Exception {
    Map<String, Object> twice = new LinkedHashMap<>();
    long before = smtp.stalledMessages();
    smtp.stall(2, 5_000);
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (smtp.stalledMessages() == before && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    boolean held = smtp.stalledMessages() > before;
    twice.put("mailHeld", held);
    if (held) {
      advanceQuietly("PT2M");
      Thread.sleep(6_000);
    }
    smtp.stall(0, 0);
    say("job delivered twice: mail held %s, engine clock +2 min past the job time-out", held);
    return twice;
  }

  /** This machine's PostgreSQL cluster serving the suite's port, e.g. "15 main", or null. */
  private String localCluster() {
    String host = options.dbHost();
    if (!host.equals("127.0.0.1") && !host.equals("localhost")) {
      return null;
    }
    try {
      var process = new ProcessBuilder("pg_lsclusters", "--no-header").start();
      String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      process.waitFor(10, TimeUnit.SECONDS);
      for (String line : text.split("\n")) {
        String[] fields = line.trim().split("\\s+");
        if (fields.length >= 4
            && fields[2].equals(String.valueOf(options.dbPort()))
            && fields[3].equals("online")) {
          return fields[0] + " " + fields[1];
        }
      }
    } catch (IOException | InterruptedException e) {
      return null;
    }
    return null;
  }

  private double restartPostgres(String cluster) throws Exception {
    String[] versionAndName = cluster.split(" ");
    say("restarting PostgreSQL (cluster %s) in the middle of the bulk", cluster);
    long started = System.nanoTime();
    var process =
        new ProcessBuilder(
                "pg_ctlcluster",
                "--skip-systemctl-redirect",
                versionAndName[0],
                versionAndName[1],
                "restart")
            .redirectErrorStream(true)
            .redirectOutput(
                ProcessBuilder.Redirect.appendTo(
                    options.output().resolve("postgres-restart.log").toFile()))
            .start();
    if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
      throw new IllegalStateException("pg_ctlcluster restart failed: see postgres-restart.log");
    }
    double seconds = round((System.nanoTime() - started) / 1e9);
    say("PostgreSQL restarted in %.1f s", seconds);
    return seconds;
  }

  // ---- the application ----

  private double launch() throws Exception {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PASSERELLE_ENGINE_MODE", "embedded");
    env.put("PASSERELLE_ENGINE_PORT", "0");
    env.put("PASSERELLE_DEV_MAIL_PORT", "0");
    env.put("SERVER_PORT", String.valueOf(port));
    env.put("PASSERELLE_BASE_URL", "http://localhost:" + port);
    env.put("SPRING_DATASOURCE_URL", options.jdbcUrl(options.database()));
    env.put("SPRING_DATASOURCE_USERNAME", options.dbUser());
    env.put("PASSERELLE_DEV_MAIL_ENABLED", "false");
    env.put("PASSERELLE_DEVELOPMENT_ENABLED", "true");
    env.put("SPRING_MAIL_HOST", "127.0.0.1");
    env.put("SPRING_MAIL_PORT", String.valueOf(smtp.port()));
    env.put("PASSERELLE_DATA_DIR", data.toAbsolutePath().toString());
    // the suite activates hundreds of accounts from one address
    env.put("PASSERELLE_PORTAL_RATE_LIMIT_ACTIVATION_PER_IP", "100000");
    env.put("PASSERELLE_PORTAL_RATE_LIMIT_ACTIVATION_PER_LINK", "1000");
    env.put("PASSERELLE_RETENTION_CRON", "-");
    env.put("SPRING_MAIN_BANNER_MODE", "off");
    // the evidence of a job delivered twice: its second delivery finds the mail sent
    // (a logger's name keeps its case in JSON, not in an environment variable's name)
    env.put(
        "SPRING_APPLICATION_JSON", "{\"logging.level.io.passerelle.mail.MailOutbox\":\"DEBUG\"}");
    if (kills.size() > relaunches.size()) {
      relaunches.add(System.currentTimeMillis());
    }
    launches++;
    Path log = options.output().resolve(String.format("app-%02d.log", launches));
    long started = System.nanoTime();
    Process process = launcher.launch(env, log);
    app = process;
    var client = new Http("http://127.0.0.1:" + port);
    long deadline = started + Duration.ofMinutes(5).toNanos();
    while (!client.up()) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "Passerelle stopped during start-up (exit " + process.exitValue() + "): see " + log);
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("Passerelle not UP after 5 minutes: see " + log);
      }
      Thread.sleep(50);
    }
    double seconds = round((System.nanoTime() - started) / 1e9);
    http = client;
    if (launches > 1) {
      restartSeconds.add(seconds);
    }
    say("Passerelle UP in %.1f s (launch %d, log %s)", seconds, launches, log.getFileName());
    return seconds;
  }

  private void kill() throws InterruptedException {
    Process process = app;
    kills.add(System.currentTimeMillis());
    process.destroyForcibly(); // SIGKILL
    process.waitFor(30, TimeUnit.SECONDS);
    say("kill -9 (pid %d)", process.pid());
  }

  private void stopApp() {
    Process process = app;
    if (process == null || !process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /** A POST retried (same Idempotency-Key) while the application is down or busy. */
  private Http.Response postUntilAnswered(String path, Object body, String key)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
    while (true) {
      try {
        Http.Response response = http.post(path, body, key);
        if (response.status() < 500 && response.status() != 429) {
          return response;
        }
      } catch (IOException e) {
        // down: try again
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("no answer to POST " + path + " in 5 minutes");
      }
      Thread.sleep(500);
    }
  }

  private void advanceQuietly(String duration) {
    try {
      Http.Response response = http.advance(duration);
      if (response.status() != 200) {
        say("engine clock +%s: HTTP %d %s", duration, response.status(), response.body());
      }
    } catch (IOException e) {
      say("engine clock +%s not moved: %s", duration, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // ---- load ----

  /**
   * {@code --rate} new onboardings a second, each retried with its Idempotency-Key until answered.
   */
  private void steadyLoad() {
    var random = new Random(options.seed() ^ 0x5EEDL);
    long interval = (long) (1e9 / options.rate());
    long next = System.nanoTime();
    int n = 0;
    while (loadOn) {
      next += interval;
      long now = System.nanoTime();
      if (now - next > 5_000_000_000L) {
        next = now; // behind after a downtime: no burst of everything missed
      }
      LockSupport.parkNanos(next - now);
      n++;
      String email = "steady" + n + "@faults.example";
      String key = new UUID(random.nextLong(), random.nextLong()).toString();
      int run = currentRun;
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("dossierId", steadyDossier);
      body.put(
          "contact",
          Map.of(
              "lastName",
              "Steady " + n,
              "subscriberType",
              "CLIENT",
              "email",
              email,
              "organisationalRoleCode",
              "DIRIGEANT"));
      body.put("offerCode", "START");
      body.put("sendNow", true);
      try {
        Http.Response response = postUntilAnswered("/api/onboardings", body, key);
        if (response.status() == 202) {
          expected.putIfAbsent(email, run);
          steadyAccepted.incrementAndGet();
        } else {
          requestsRefused.add(email + ": HTTP " + response.status() + " " + response.body());
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        requestsRefused.add(email + ": " + e.getMessage());
      }
    }
  }

  /**
   * Activates a share of the invitations received ({@code --activations}, decided per Message-ID
   * from the seed), as a client does: the link's page, then the password form.
   */
  private void activations() {
    Set<String> decided = new HashSet<>();
    Map<String, FaultSmtpServer.Received> pending = new LinkedHashMap<>();
    Set<String> attempted = new HashSet<>();
    while (loadOn || !pending.isEmpty()) {
      for (FaultSmtpServer.Received received : smtp.all()) {
        if (received.kind.equals(INVITATION)
            && received.activationToken != null
            && loadOn
            && decided.add(received.messageId)
            && new Random(options.seed() * 31 + received.messageId.hashCode()).nextDouble()
                < options.activations()) {
          pending.put(received.messageId, received);
        }
      }
      var iterator = pending.values().iterator();
      while (iterator.hasNext()) {
        var received = iterator.next();
        try {
          int status = http.activate(received.activationToken);
          if (status >= 200 && status < 400) {
            activated.add(received.recipient);
            iterator.remove();
          } else if (status == 0) {
            (attempted.contains(received.messageId) ? activationUnsure : activationRefused)
                .add(received.recipient);
            iterator.remove();
          }
        } catch (IOException e) {
          attempted.add(received.messageId);
          break; // down: the rest later
        } catch (InterruptedException e) {
          return;
        }
      }
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  // ---- waiting ----

  private Set<String> invitedRecipients() {
    Set<String> invited = new HashSet<>();
    for (FaultSmtpServer.Received received : smtp.all()) {
      if (received.kind.equals(INVITATION)) {
        invited.add(received.recipient);
      }
    }
    return invited;
  }

  private boolean everyInvitationReceived() {
    return invitedRecipients().containsAll(expected.keySet());
  }

  private boolean awaitInvitations(Duration patience) throws InterruptedException {
    long deadline = System.nanoTime() + patience.toNanos();
    while (System.nanoTime() < deadline) {
      if (everyInvitationReceived()) {
        return true;
      }
      Thread.sleep(500);
    }
    return everyInvitationReceived();
  }

  /** Waits until what is due happened (or the patience ran out): the final check then counts. */
  private void settle() throws Exception {
    long deadline = System.nanoTime() + options.patience().toNanos();
    while (System.nanoTime() < deadline) {
      if (everyInvitationReceived() && dueRemindersMissing() == 0 && quiet()) {
        say("everything due happened");
        return;
      }
      Thread.sleep(2_000);
    }
    say("patience ran out: the check counts what is missing");
  }

  /** No mail being sent, no onboarding starting, every activated one on board (database). */
  private boolean quiet() throws SQLException {
    try (var statement = db().createStatement();
        var rows =
            statement.executeQuery(
                """
                select (select count(*) from mail_log where status = 'SENDING'),
                       (select count(*) from onboarding where status = 'STARTING'),
                       (select count(*) from onboarding where status = 'ONBOARDED')
                """)) {
      rows.next();
      return rows.getLong(1) == 0 && rows.getLong(2) == 0 && rows.getLong(3) >= activated.size();
    }
  }

  private long dueRemindersMissing() throws Exception {
    Instant now = engineNow();
    long missing = 0;
    try (var statement = db().createStatement();
        var rows =
            statement.executeQuery(
                "select id, sent_at from invitation where status = 'SENT' and sent_at is not null")) {
      while (rows.next()) {
        long id = rows.getLong(1);
        Instant sent = rows.getTimestamp(2).toInstant();
        for (var due : dueKinds(sent, now)) {
          if (received(due, id) == null) {
            missing++;
          }
        }
      }
    }
    return missing;
  }

  private static List<String> dueKinds(Instant sent, Instant now) {
    List<String> kinds = new ArrayList<>();
    if (!sent.plus(FIRST_DUE).plus(DUE_MARGIN).isAfter(now)) {
      kinds.add(FIRST_REMINDER);
    }
    if (!sent.plus(SECOND_DUE).plus(DUE_MARGIN).isAfter(now)) {
      kinds.add(SECOND_REMINDER);
    }
    return kinds;
  }

  private FaultSmtpServer.Received received(String kind, long invitationId) {
    for (FaultSmtpServer.Received received : receivedOf(kind)) {
      if (received.subjectId == invitationId) {
        return received;
      }
    }
    return null;
  }

  private final Map<String, List<FaultSmtpServer.Received>> byKindCache = new HashMap<>();
  private long byKindCacheAt;

  private synchronized List<FaultSmtpServer.Received> receivedOf(String kind) {
    long now = System.nanoTime();
    if (now - byKindCacheAt > 1_000_000_000L) {
      byKindCache.clear();
      byKindCacheAt = now;
    }
    return byKindCache.computeIfAbsent(
        kind, k -> smtp.all().stream().filter(r -> r.kind.equals(k)).toList());
  }

  private Instant engineNow() throws IOException, InterruptedException {
    Http.Response clock = http.clock();
    if (clock.status() != 200) {
      throw new IOException("engine clock: HTTP " + clock.status());
    }
    return Instant.parse(clock.body().path("engineTime").asText());
  }

  // ---- the final check ----

  private void check() throws Exception {
    Instant now = engineNow();
    List<JsonNode> onboardings = allOnboardingDetails();
    Map<String, JsonNode> byEmail = new HashMap<>();
    for (JsonNode detail : onboardings) {
      for (JsonNode invitation : detail.path("invitations")) {
        byEmail.putIfAbsent(invitation.path("email").asText().toLowerCase(), detail);
      }
    }
    // invitations and copies, from the SMTP server
    Map<String, List<FaultSmtpServer.Received>> invitationsTo = new HashMap<>();
    long duplicates = 0;
    long explained = 0;
    List<Map<String, Object>> duplicateList = new ArrayList<>();
    for (FaultSmtpServer.Received received : smtp.all()) {
      if (received.kind.equals(INVITATION)) {
        invitationsTo.computeIfAbsent(received.recipient, k -> new ArrayList<>()).add(received);
      }
      if (received.copies() > 1) {
        duplicates += received.copies() - 1;
        boolean killBetween = killBetween(received);
        if (killBetween) {
          explained += received.copies() - 1;
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("messageId", received.messageId);
        d.put("copies", received.copies());
        d.put("killBetweenCopies", killBetween);
        d.put("copiesAcceptedAt", received.copyInstants());
        duplicateList.add(d);
      }
    }
    long lost = 0;
    long twice = 0;
    long stuck = 0;
    long incidents = 0;
    long remindersDue = 0;
    long remindersLost = 0;
    List<Map<String, Object>> lostList = new ArrayList<>();
    List<Map<String, Object>> stuckList = new ArrayList<>();
    List<String> incidentList = new ArrayList<>();
    for (var entry : new java.util.TreeMap<>(expected).entrySet()) {
      String email = entry.getKey();
      int run = entry.getValue();
      String source = (email.startsWith("bulk") ? "bulk of run " : "steady load during run ") + run;
      List<FaultSmtpServer.Received> invitations = invitationsTo.getOrDefault(email, List.of());
      JsonNode detail = byEmail.get(email);
      if (invitations.isEmpty()) {
        lost++;
        Map<String, Object> l = new LinkedHashMap<>();
        l.put("email", email);
        l.put("source", source);
        l.put("where", detail == null ? "no onboarding with this address" : where(detail));
        lostList.add(l);
      } else if (invitations.size() > 1) {
        twice++; // different Message-IDs: two invitations, not a retried send
      }
      if (detail == null) {
        continue;
      }
      for (String process : List.of("onboardingProcess", "invitationProcess")) {
        for (JsonNode incident : detail.path(process).path("incidents")) {
          incidents++;
          if (incidentList.size() < 20) {
            incidentList.add(
                detail.path("onboarding").path("id").asText()
                    + " ("
                    + source
                    + "): "
                    + incident.path("message").asText(incident.toString()));
          }
        }
      }
      String problem = stuckReason(email, detail, now);
      if (problem != null && !invitations.isEmpty()) {
        stuck++;
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("onboarding", detail.path("onboarding").path("id").asLong());
        s.put("email", email);
        s.put("source", source);
        s.put("problem", problem);
        s.put("where", where(detail));
        stuckList.add(s);
      }
      if (!activated.contains(email) && !activationUnsure.contains(email)) {
        for (JsonNode invitation : detail.path("invitations")) {
          if (invitation.path("sentAt").isNull() || invitation.path("sentAt").isMissingNode()) {
            continue;
          }
          Instant sent = Instant.parse(invitation.path("sentAt").asText());
          for (String kind : dueKinds(sent, now)) {
            remindersDue++;
            if (received(kind, invitation.path("id").asLong()) == null) {
              remindersLost++;
              if (lostList.size() < 50) {
                lostList.add(
                    Map.of(
                        "email",
                        email,
                        "source",
                        source,
                        "where",
                        kind + " of invitation " + invitation.path("id").asLong() + " not sent"));
              }
            }
          }
        }
      }
    }
    Map<String, Object> halfWritten = halfWritten();
    long halfWrittenTotal =
        halfWritten.values().stream().mapToLong(v -> ((Number) v).longValue()).sum();
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("runs", runs.size());
    figures.put("crashes", kills.size());
    figures.put("onboardings", expected.size());
    figures.put("onboardingsSeen", onboardings.size());
    figures.put("activated", activated.size());
    figures.put("lost", lost);
    figures.put("duplicates", duplicates);
    figures.put("duplicatesWithKillBetween", explained);
    figures.put("twoInvitations", twice);
    figures.put("stuck", stuck);
    figures.put("incidents", incidents);
    figures.put("remindersDue", remindersDue);
    figures.put("remindersLost", remindersLost);
    figures.put("halfWritten", halfWrittenTotal);
    figures.put("restartSecondsP50", percentile(restartSeconds, 50));
    figures.put("restartSecondsMax", percentile(restartSeconds, 100));
    figures.put("jobsDeliveredTwiceFoundSent", logLines("was sent already"));
    figures.put("activationsUnsure", activationUnsure.size());
    figures.put("activationsRefused", activationRefused.size());
    figures.put("requestsRefused", requestsRefused.size());
    figures.put("steadyOnboardings", steadyAccepted.get());
    figures.put("smtpConnectionsRefused421", smtp.refusedConnections());
    result.put("figures", figures);
    result.put("restartSeconds", restartSeconds);
    result.put("halfWritten", halfWritten);
    result.put("lostList", lostList);
    result.put("stuckList", stuckList);
    result.put("incidentList", incidentList);
    result.put("duplicateList", duplicateList);
    result.put("activationsRefusedList", List.copyOf(activationRefused));
    result.put("requestsRefusedList", requestsRefused.stream().limit(20).toList());
  }

  private boolean killBetween(FaultSmtpServer.Received received) {
    List<Long> copies = received.copyInstants();
    if (copies.size() < 2) {
      return false;
    }
    long first = copies.getFirst();
    long last = copies.getLast();
    // a kill lies between two copies when the first was sent by the killed process and the last
    // by the one started after it. Compared with the kill's own instant, a copy whose last bytes
    // the server read just after the kill was recorded (sent before the process died, never marked
    // sent) looked like "no kill between", the copy after the restart with it: the short form and
    // the long run counted reminders of the burst killed so (README, "Fault suite")
    return relaunches.stream().anyMatch(r -> first < r && r <= last);
  }

  /** Why the onboarding is not where it should be, or null when it is. */
  private String stuckReason(String email, JsonNode detail, Instant now) {
    String status = detail.path("onboarding").path("status").asText();
    if (activated.contains(email)) {
      return status.equals("ONBOARDED") ? null : "activated, but " + status;
    }
    if (activationUnsure.contains(email) && status.equals("ONBOARDED")) {
      return null;
    }
    if (!status.equals("IN_PROGRESS")) {
      return "not activated, yet " + status;
    }
    if (detail.path("invitationProcess").isNull()
        || detail.path("invitationProcess").isMissingNode()) {
      return "no invitation process the engine knows";
    }
    boolean expired = false;
    for (JsonNode invitation : detail.path("invitations")) {
      JsonNode sent = invitation.path("sentAt");
      if (!sent.isNull() && !sent.isMissingNode()) {
        expired |= !Instant.parse(sent.asText()).plus(EXPIRY).plus(DUE_MARGIN).isAfter(now);
      }
    }
    for (JsonNode step : detail.path("invitationProcess").path("activeSteps")) {
      String element = step.path("elementId").asText();
      if (element.equals(AWAIT_ACTIVATION) || (expired && element.equals(FOLLOW_UP_TASK))) {
        return null;
      }
    }
    return "not waiting for the activation";
  }

  private static String where(JsonNode detail) {
    List<String> steps = new ArrayList<>();
    for (String process : List.of("onboardingProcess", "invitationProcess")) {
      for (JsonNode step : detail.path(process).path("activeSteps")) {
        steps.add(step.path("elementId").asText());
      }
    }
    List<String> invitations = new ArrayList<>();
    for (JsonNode invitation : detail.path("invitations")) {
      invitations.add(invitation.path("id").asText() + ":" + invitation.path("status").asText());
    }
    return "status "
        + detail.path("onboarding").path("status").asText()
        + ", steps "
        + steps
        + ", invitations "
        + invitations;
  }

  private List<JsonNode> allOnboardingDetails() throws Exception {
    List<Long> ids = new ArrayList<>();
    for (int page = 0; ; page++) {
      Http.Response response = http.get("/api/onboardings?size=100&page=" + page);
      if (response.status() != 200) {
        throw new IllegalStateException("GET /api/onboardings: " + response);
      }
      JsonNode content = response.body().path("content");
      if (content.isEmpty()) {
        break;
      }
      content.forEach(o -> ids.add(o.path("id").asLong()));
    }
    List<JsonNode> details = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
      List<Future<JsonNode>> futures = new ArrayList<>();
      for (long id : ids) {
        futures.add(pool.submit(() -> http.get("/api/onboardings/" + id).body()));
      }
      for (Future<JsonNode> future : futures) {
        details.add(future.get());
      }
    }
    return details;
  }

  /** Rows a crash could have left half-written, counted in the database. */
  private Map<String, Object> halfWritten() throws SQLException {
    Map<String, Object> counts = new LinkedHashMap<>();
    counts.put(
        "mailLogStillSending", count("select count(*) from mail_log where status = 'SENDING'"));
    counts.put(
        "onboardingsStillStarting",
        count("select count(*) from onboarding where status = 'STARTING'"));
    counts.put(
        "bulkItemsStillPending",
        count("select count(*) from bulk_invitation_item where status = 'PENDING'"));
    counts.put(
        "serviceWithoutDossierLink",
        count(
            """
            select count(*) from onboarding o
            where o.service_id is not null and not exists (
              select 1 from dossier_link l where l.dossier_id = o.dossier_id and l.contact_id = o.contact_id)
            """));
    counts.put(
        "invitationMailSentButNotMarked",
        count(
            """
            select count(*) from invitation i join mail_log m
              on m.message_key = 'invitation/' || i.id || '/INVITATION/0'
            where m.status = 'SENT' and i.status = 'PENDING_SEND'
            """));
    counts.put(
        "onboardedWithoutAcceptedInvitation",
        count(
            """
            select count(*) from onboarding o where o.status = 'ONBOARDED' and not exists (
              select 1 from invitation i where i.onboarding_id = o.id and i.status = 'ACCEPTED')
            """));
    return counts;
  }

  private long count(String sql) throws SQLException {
    try (var statement = db().createStatement();
        var rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private long logLines(String text) throws IOException {
    long lines = 0;
    try (var logs = Files.list(options.output())) {
      for (Path log : logs.filter(p -> p.getFileName().toString().startsWith("app-")).toList()) {
        try (Stream<String> content = Files.lines(log, StandardCharsets.ISO_8859_1)) {
          lines += content.filter(l -> l.contains(text)).count();
        }
      }
    }
    return lines;
  }

  // ---- output ----

  private String table() {
    @SuppressWarnings("unchecked")
    Map<String, Object> f = (Map<String, Object>) result.get("figures");
    if (f == null) {
      return "(no figures: the suite stopped before its check)";
    }
    var table = new StringBuilder();
    table.append(
        "| runs | crashes | onboardings | lost | duplicates | stuck | incidents | restart p50 / max |\n");
    table.append("|---|---|---|---|---|---|---|---|\n");
    table.append(
        String.format(
            "| %s | %s | %s | %s | %s | %s | %s | %.1f / %.1f s |%n",
            f.get("runs"),
            f.get("crashes"),
            f.get("onboardings"),
            f.get("lost"),
            f.get("duplicates"),
            f.get("stuck"),
            f.get("incidents"),
            (Double) f.get("restartSecondsP50"),
            (Double) f.get("restartSecondsMax")));
    table.append('\n');
    table.append(
        String.format(
            "seed %s; %s activated; duplicates with a kill between their copies %s of %s;"
                + " two different invitations to one contact %s; reminders due %s, not sent %s;"
                + " half-written rows %s; jobs delivered twice that found their mail sent %s;"
                + " SMTP connections refused with 421 %s%n",
            options.seed(),
            f.get("activated"),
            f.get("duplicatesWithKillBetween"),
            f.get("duplicates"),
            f.get("twoInvitations"),
            f.get("remindersDue"),
            f.get("remindersLost"),
            f.get("halfWritten"),
            f.get("jobsDeliveredTwiceFoundSent"),
            f.get("smtpConnectionsRefused421")));
    return table.toString();
  }

  private void write(String table) throws IOException {
    Files.writeString(options.output().resolve("table.md"), table);
    Http.JSON
        .writer()
        .with(SerializationFeature.INDENT_OUTPUT)
        .writeValue(options.output().resolve("result.json").toFile(), result);
    say("results in %s (result.json, table.md, app-NN.log)", options.output());
  }

  // ---- helpers ----

  private Connection db() throws SQLException {
    if (db != null) {
      try {
        if (db.isValid(2)) {
          return db;
        }
      } catch (SQLException e) {
        // reconnect below
      }
      try {
        db.close();
      } catch (SQLException e) {
        // gone already
      }
    }
    db = connect(options.database());
    return db;
  }

  private Connection connect(String database) throws SQLException {
    var properties = new Properties();
    properties.setProperty("user", options.dbUser());
    return DriverManager.getConnection(options.jdbcUrl(database), properties);
  }

  private void recreateDatabase() throws SQLException {
    try (Connection admin = connect("postgres");
        var statement = admin.createStatement()) {
      statement.execute(
          "select pg_terminate_backend(pid) from pg_stat_activity where datname = '"
              + options.database()
              + "' and pid <> pg_backend_pid()");
      statement.execute("drop database if exists \"" + options.database() + "\"");
      statement.execute("create database \"" + options.database() + "\"");
    }
  }

  private static void deleteRecursively(Path path) throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    try (var files = Files.walk(path)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }

  private static int freePort() throws IOException {
    try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  static double percentile(List<Double> values, int percentile) {
    if (values.isEmpty()) {
      return 0;
    }
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.clamp(index, 0, sorted.size() - 1));
  }

  private static double round(double value) {
    return Math.round(value * 10.0) / 10.0;
  }

  private void say(String format, Object... args) {
    out.printf("[faults %s] %s%n", LocalTime.now().withNano(0), String.format(format, args));
    out.flush();
  }
}
