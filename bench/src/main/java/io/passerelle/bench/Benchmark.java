package io.passerelle.bench;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The benchmark (issue 8): starts Passerelle as a user would, with a real SMTP server on loopback
 * ({@link SmtpSink}) and real PostgreSQL, then
 *
 * <ol>
 *   <li>warm-up: a bulk invitation of {@code warmup} contacts; with them waiting, CPU while nothing
 *       is due, then the engine clock 7 days on: time until their first reminders are sent;
 *   <li>the bulk: {@code bulk} contacts across dossiers invited through {@code POST
 *       /api/bulk-invitations}: time until the SMTP server accepted every invitation, throughput,
 *       start → sent latency, lost and duplicated mails, CPU, memory;
 *   <li>steady load: {@code rate} onboardings a second through {@code POST /api/onboardings}, open
 *       model (arrivals never wait for completions);
 *   <li>reminders with everything waiting: CPU while nothing is due, 7 days on (the bulk's and the
 *       steady load's first reminders due), then 16 days on (only the warm-up's second reminders
 *       due: as many as in step 1, with many more invitations waiting);
 *   <li>the naive baseline: the same rows and mails in a plain transactional loop, one reused SMTP
 *       connection, in this JVM.
 * </ol>
 *
 * Writes {@code result.json}, {@code latency.png} and the application's log to the output folder,
 * and a table on the console.
 */
public final class Benchmark {

  static final String INVITATION = "invitation";
  static final String FIRST_REMINDER = "first-reminder";
  static final String SECOND_REMINDER = "second-reminder";
  static final String BASELINE = "baseline";

  private final BenchOptions options;
  private final Map<String, Object> result = new LinkedHashMap<>();
  private final Map<String, Object> memory = new LinkedHashMap<>();
  private final List<Map<String, Object>> checkpoints = new ArrayList<>();
  private final Map<String, Latencies> latencies = new LinkedHashMap<>();
  private SmtpSink sink;
  private AppProcess app;
  private AppMonitor monitor;
  private Api api;
  private DevTools devTools;
  private Connection db;
  private Seed seed;
  private long invitationsExpected;
  private long firstRemindersExpected;
  private long secondRemindersExpected;
  private int steadyCount;

  private Benchmark(BenchOptions options) {
    this.options = options;
  }

  public static void main(String[] args) throws Exception {
    BenchOptions options;
    try {
      options = BenchOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("passerelle bench: " + e.getMessage());
      System.exit(2);
      return;
    }
    new Benchmark(options).run();
  }

  private void run() throws Exception {
    Files.createDirectories(options.output());
    long began = System.nanoTime();
    result.put("startedAt", Instant.now().toString());
    result.put("options", options.describe());
    result.put("machine", Machine.facts(options));
    say(
        "machine: %s cores, load average %s",
        Runtime.getRuntime().availableProcessors(), Machine.loadAverage());
    try (SmtpSink smtp = new SmtpSink()) {
      this.sink = smtp;
      recreateDatabase();
      startApp();
      try {
        db = connect(options.database());
        seed = new Seed(db);
        checkpoint("started");
        try {
          warmup();
          bulk();
          steady();
          extraWaiting();
          reminders();
        } catch (Exception e) {
          // keep what was measured so far: the report says where it stopped
          result.put("error", e.toString());
          say("STOPPED: %s", e);
          e.printStackTrace();
        }
        checkpoint("end");
        histogram();
        var stats = monitor.stats();
        result.put(
            "end",
            Map.of(
                "rssMb", mb(stats.rssBytes()),
                "peakRssMb", mb(stats.peakRssBytes()),
                "cpuSeconds", round(stats.cpuSeconds()),
                "smtpConnections", sink.connections()));
        memory.put("peakHeapUsedMb", mb(monitor.peakHeapUsed()));
        memory.put("peakHeapCommittedMb", mb(monitor.peakHeapCommitted()));
        memory.put("peakRssMb", mb(stats.peakRssBytes()));
        memory.put("peakThreads", monitor.peakThreads());
        memory.put("checkpoints", checkpoints);
        memory.putAll(Memory.growth(checkpoints));
        result.put("memory", memory);
      } finally {
        stopApp();
      }
      if (options.baseline()) {
        baseline();
      }
      mails();
    } finally {
      if (db != null) {
        db.close();
      }
    }
    result.put("wallSeconds", round((System.nanoTime() - began) / 1e9));
    result.put("loadAverageAtEnd", Machine.loadAverage());
    Report.write(result, latencies, options.output());
  }

  // ---- phases ----

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

  private void startApp() throws Exception {
    Map<String, String> environment = new LinkedHashMap<>();
    environment.put("PASSERELLE_ENGINE_MODE", "embedded");
    environment.put("PASSERELLE_ENGINE_PORT", "0");
    environment.put("SPRING_DATASOURCE_URL", options.jdbcUrl(options.database()));
    environment.put("SPRING_DATASOURCE_USERNAME", options.dbUser());
    // every mail to this benchmark's SMTP server instead of the development mailbox (which keeps
    // every message in the application's memory)
    environment.put("PASSERELLE_DEV_MAIL_ENABLED", "false");
    // the engine clock (/dev/clock) is a development tool: on, for this benchmark's admin session
    environment.put("PASSERELLE_DEVELOPMENT_ENABLED", "true");
    environment.put("SPRING_MAIL_HOST", "127.0.0.1");
    environment.put("SPRING_MAIL_PORT", String.valueOf(sink.port()));
    // the engine's data directory of its own, emptied like the database (never scripts/run's)
    Path data = options.output().resolve("engine-data");
    deleteRecursively(data);
    environment.put("PASSERELLE_DATA_DIR", data.toAbsolutePath().toString());
    Path log = options.output().resolve("app.log");
    double busy = Machine.awaitQuiet(Duration.ofSeconds(90));
    result.put("cpuBusyBeforeStart", round(busy));
    say("starting Passerelle (%s; CPUs %.0f%% busy), log in %s", options.appJar(), busy * 100, log);
    app = AppProcess.launch(options.appJar(), options.appJavaOptions(), environment, log);
    app.awaitUp(Duration.ofMinutes(3));
    monitor = new AppMonitor(app.pid());
    var stats = monitor.stats();
    Map<String, Object> startup = new LinkedHashMap<>();
    startup.put("toHealthUpSeconds", round(app.startup().toMillis() / 1000.0));
    startup.put("rssMb", mb(stats.rssBytes()));
    startup.put("cpuSeconds", round(stats.cpuSeconds()));
    result.put("startup", startup);
    say(
        "Passerelle UP in %.1f s (RSS %d MB)",
        app.startup().toMillis() / 1000.0, mb(stats.rssBytes()));
    api = new Api(app.baseUrl(), "admin", "passerelle-admin");
    devTools = new DevTools(app.baseUrl(), "admin", "passerelle-admin");
  }

  private void warmup() throws Exception {
    Seed.Cohort cohort = seed.cohort("warmup", options.warmup(), 2);
    say("warm-up: bulk invitation of %d contacts", options.warmup());
    Map<String, Object> phase = bulkInvitation(cohort, "warmup");
    result.put("warmup", phase);
    checkpoint("after warm-up");
    Map<String, Object> reminders = new LinkedHashMap<>();
    reminders.put("idle", idle(invitationsExpected));
    firstRemindersExpected += options.warmup();
    reminders.put(
        "firstReminders",
        advanceAndAwait("P7D", FIRST_REMINDER, firstRemindersExpected, options.warmup()));
    result.put("remindersFewWaiting", reminders);
  }

  /** Bursts from this size on measure their live heap halfway ({@link #halfway}). */
  private static final int HALFWAY_FROM = 2_000;

  /**
   * While a burst is awaited: checks the application still runs and, once half of it was received,
   * measures the live heap then (a full collection first: what the application holds with half of
   * the burst still queued in the engine, the figure issue 18 asks to go down; the sampled peak
   * also counts garbage the serial collector has not reclaimed yet).
   */
  private Runnable halfway(String kind, long half, Map<String, Object> into, String key) {
    if (half - sink.distinct(kind) < HALFWAY_FROM / 2) {
      // a small burst (the warm-up's): its timing is not worth a full collection's pause
      return app::requireRunning;
    }
    return () -> {
      app.requireRunning();
      if (!into.containsKey(key) && sink.distinct(kind) >= half) {
        into.put(key, mb(monitor.heapAfterGc()));
      }
    };
  }

  private void bulk() throws Exception {
    Seed.Cohort cohort = seed.cohort("bulk", options.bulk(), 2);
    say(
        "bulk: invitation of %d contacts across %d dossiers",
        options.bulk(), cohort.dossierIds().size());
    Map<String, Long> rowsBefore = Rows.count(db);
    Map<String, Object> phase = bulkInvitation(cohort, "bulk");
    phase.put("rowsPerOnboarding", Rows.perItem(rowsBefore, Rows.count(db), options.bulk()));
    var stats = monitor.stats();
    phase.put("rssAfterMb", mb(stats.rssBytes()));
    result.put("bulk", phase);
    checkpoint("after bulk");
    // the same after the full collection the checkpoint makes: the heap given back
    phase.put("rssAfterFullGcMb", checkpoints.getLast().get("rssMb"));
  }

  /** One bulk invitation through the API, measured until every invitation was accepted. */
  private Map<String, Object> bulkInvitation(Seed.Cohort cohort, String name) throws Exception {
    settle();
    var meter = Meter.start(monitor, db, options.database());
    long before = monitor.heapUsed();
    Instant requested = Instant.now();
    long requestedMicros = SmtpSink.nowMicros();
    Api.Response response =
        api.post(
                "/api/bulk-invitations",
                Map.of(
                    "dossierIds", cohort.dossierIds(),
                    "offerCode", "START",
                    "customMessage", "Votre cabinet passe au nouvel espace client."))
            .requireStatus(202, "bulk invitation");
    long bulkId = response.body().get("id").asLong();
    double acceptedSeconds = (SmtpSink.nowMicros() - requestedMicros) / 1e6;
    invitationsExpected += cohort.contacts().size();
    Map<String, Object> middle = new LinkedHashMap<>();
    boolean complete =
        sink.await(
            INVITATION,
            invitationsExpected,
            Instant.now().plus(bulkDeadline(cohort)),
            halfway(
                INVITATION,
                invitationsExpected - cohort.contacts().size() / 2,
                middle,
                "heapAfterGcHalfwayMb"));
    long lastMicros = sink.lastAccepted(INVITATION);
    double seconds = (lastMicros - requestedMicros) / 1e6;
    Map<String, Object> phase = new LinkedHashMap<>();
    phase.putAll(middle);
    phase.put("contacts", cohort.contacts().size());
    phase.put("dossiers", cohort.dossierIds().size());
    phase.put("bulkId", bulkId);
    phase.put("apiResponseSeconds", round(acceptedSeconds));
    phase.put("complete", complete);
    phase.put("secondsUntilAllSent", round(seconds));
    phase.put("onboardingsPerSecond", round(cohort.contacts().size() / seconds));
    Latencies fromStart = latenciesOfBulk(bulkId, null, engineOffsetMicros());
    Latencies fromRequest = latenciesOfBulk(bulkId, requestedMicros, 0);
    phase.put("startToSentMs", fromStart.summary());
    phase.put("requestToSentMs", fromRequest.summary());
    phase.put("lost", cohort.contacts().size() - fromStart.count());
    phase.putAll(meter.stop(seconds));
    Map<String, Object> perOnboarding = new LinkedHashMap<>();
    int contacts = cohort.contacts().size();
    perOnboarding.put("app", round((Double) phase.get("appCpuSeconds") * 1000 / contacts));
    perOnboarding.put(
        "postgres", round((Double) phase.get("postgresCpuSeconds") * 1000 / contacts));
    phase.put("cpuMsPerOnboarding", perOnboarding);
    phase.put("heapUsedBeforeMb", mb(before));
    phase.put("bulkStatus", api.get("/api/bulk-invitations/" + bulkId).body());
    latencies.put(name, fromStart);
    say(
        "%s: %d invitations accepted by SMTP in %.1f s (%.1f/s), start→sent p50 %d ms p99 %d ms%s",
        name,
        fromStart.count(),
        seconds,
        cohort.contacts().size() / seconds,
        fromStart.percentile(50),
        fromStart.percentile(99),
        complete ? "" : " — INCOMPLETE");
    return phase;
  }

  private Duration bulkDeadline(Seed.Cohort cohort) {
    // generous: 10 per second at worst, plus the patience
    return Duration.ofSeconds(cohort.contacts().size() / 10).plus(options.patience());
  }

  private void steady() throws Exception {
    int count = (int) (options.rate() * options.steady().toSeconds());
    steadyCount = count;
    Seed.Cohort dossiers = seed.cohort("steady-dossiers", 1, 1);
    long dossierId = dossiers.dossierIds().getFirst();
    settle();
    say(
        "steady load: %d onboardings a second for %d s",
        options.rate(), options.steady().toSeconds());
    var meter = Meter.start(monitor, db, options.database());
    long intervalNanos = 1_000_000_000L / options.rate();
    long start = System.nanoTime() + 100_000_000L;
    var responses = new ConcurrentLinkedQueue<long[]>(); // onboarding id, response ms, status
    List<CompletableFuture<?>> pending = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      long due = start + i * intervalNanos;
      LockSupport.parkNanos(due - System.nanoTime());
      long sentAt = System.nanoTime();
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("dossierId", dossierId);
      body.put(
          "contact",
          Map.of(
              "lastName",
              "Régulier " + (i + 1),
              "subscriberType",
              "CLIENT",
              "email",
              Seed.email("steady", i),
              "organisationalRoleCode",
              "DIRIGEANT"));
      body.put("offerCode", "START");
      body.put("sendNow", true);
      pending.add(
          api.postAsync("/api/onboardings", body)
              .whenComplete(
                  (response, error) -> {
                    long ms = (System.nanoTime() - sentAt) / 1_000_000;
                    if (error != null || response.status() != 202) {
                      responses.add(new long[] {-1, ms, response == null ? 0 : response.status()});
                    } else {
                      responses.add(
                          new long[] {response.body().get("id").asLong(), ms, response.status()});
                    }
                  }));
    }
    double arrivalSeconds = (System.nanoTime() - start) / 1e9;
    CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
        .exceptionally(e -> null)
        .get(5, TimeUnit.MINUTES);
    // a refused request makes no onboarding: its mail is not expected (httpErrors counts it)
    invitationsExpected += responses.stream().filter(r -> r[0] >= 0).count();
    boolean complete =
        sink.await(
            INVITATION,
            invitationsExpected,
            Instant.now().plus(options.patience()),
            app::requireRunning);
    double seconds = (System.nanoTime() - start) / 1e9;
    List<Long> ids = new ArrayList<>();
    long[] responseMs = new long[responses.size()];
    int errors = 0;
    int i = 0;
    for (long[] r : responses) {
      responseMs[i++] = r[1];
      if (r[0] < 0) {
        errors++;
      } else {
        ids.add(r[0]);
      }
    }
    Latencies fromStart = latenciesOfOnboardings(ids, engineOffsetMicros());
    Map<String, Object> phase = new LinkedHashMap<>();
    phase.put("ratePerSecond", options.rate());
    phase.put("onboardings", count);
    phase.put("arrivalSeconds", round(arrivalSeconds));
    phase.put("complete", complete);
    phase.put("httpErrors", errors);
    phase.put("startToSentMs", fromStart.summary());
    phase.put("apiResponseMs", new Latencies(responseMs).summary());
    phase.put("lost", ids.size() - fromStart.count());
    phase.putAll(meter.stop(seconds));
    result.put("steady", phase);
    latencies.put("steady", fromStart);
    say(
        "steady: %d onboardings, start→sent p50 %d ms p99 %d ms, API p50 %d ms",
        fromStart.count(),
        fromStart.percentile(50),
        fromStart.percentile(99),
        new Latencies(responseMs).percentile(50));
    checkpoint("after steady load");
  }

  private void extraWaiting() throws Exception {
    if (options.extraWaiting() <= 0) {
      return;
    }
    Seed.Cohort cohort = seed.cohort("extra", options.extraWaiting(), 2);
    say("more waiting: bulk invitation of %d contacts", options.extraWaiting());
    result.put("extraWaiting", bulkInvitation(cohort, "extra"));
    checkpoint("after extra waiting");
  }

  private void reminders() throws Exception {
    Map<String, Object> reminders = new LinkedHashMap<>();
    reminders.put("idle", idle(invitationsExpected));
    long due = invitationsExpected - options.warmup();
    firstRemindersExpected += due;
    reminders.put(
        "firstReminders", advanceAndAwait("P7D", FIRST_REMINDER, firstRemindersExpected, due));
    secondRemindersExpected += options.warmup();
    reminders.put(
        "secondRemindersOfWarmup",
        advanceAndAwait("P16D", SECOND_REMINDER, secondRemindersExpected, options.warmup()));
    result.put("remindersAllWaiting", reminders);
  }

  /**
   * Waits until the application is quiet (under 0.2 of a core for 2 s, at most a minute), so that a
   * phase does not pay for the tail of the previous one (a burst leaves the engine catching up
   * after the last mail went out).
   *
   * @return how long it waited, in seconds
   */
  private double settle() throws InterruptedException {
    long started = System.nanoTime();
    long deadline = started + Duration.ofMinutes(1).toNanos();
    while (System.nanoTime() < deadline) {
      double before = monitor.stats().cpuSeconds();
      Thread.sleep(2_000);
      if ((monitor.stats().cpuSeconds() - before) / 2.0 < 0.2) {
        break;
      }
    }
    return round((System.nanoTime() - started) / 1e9);
  }

  /** CPU of the application while invitations wait and nothing is due. */
  private Map<String, Object> idle(long waiting) throws Exception {
    double settled = settle();
    var meter = Meter.start(monitor, db, options.database());
    Thread.sleep(options.idle().toMillis());
    Map<String, Object> idle = new LinkedHashMap<>();
    idle.put("invitationsWaiting", waiting);
    idle.put("settledAfterSeconds", settled);
    idle.putAll(meter.stop(options.idle().toMillis() / 1000.0));
    say(
        "idle with %d invitations waiting: %.2f CPU seconds in %d s",
        waiting, idle.get("appCpuSeconds"), options.idle().toSeconds());
    return idle;
  }

  /** Moves the engine clock on and waits for the reminders that became due. */
  private Map<String, Object> advanceAndAwait(String duration, String kind, long expected, long due)
      throws Exception {
    double settled = settle();
    var meter = Meter.start(monitor, db, options.database());
    long advancedMicros = SmtpSink.nowMicros();
    devTools.advance(duration).requireStatus(200, "advance the engine clock");
    Map<String, Object> middle = new LinkedHashMap<>();
    boolean complete =
        sink.await(
            kind,
            expected,
            Instant.now().plus(Duration.ofSeconds(due / 10)).plus(options.patience()),
            halfway(kind, expected - due / 2, middle, "heapAfterGcHalfwayMb"));
    double seconds = (sink.lastAccepted(kind) - advancedMicros) / 1e6;
    Map<String, Object> phase = new LinkedHashMap<>(middle);
    phase.put("clockAdvance", duration);
    phase.put("settledAfterSeconds", settled);
    phase.put("invitationsWaiting", invitationsExpected);
    phase.put("remindersDue", due);
    phase.put("remindersSent", sink.distinct(kind) - (expected - due));
    phase.put("complete", complete);
    phase.put("secondsUntilAllSent", round(seconds));
    phase.put("remindersPerSecond", round(due / seconds));
    phase.putAll(meter.stop(seconds));
    say(
        "clock +%s with %d waiting: %d %s sent in %.1f s%s",
        duration,
        invitationsExpected,
        sink.distinct(kind) - (expected - due),
        kind,
        seconds,
        complete ? "" : " — INCOMPLETE");
    return phase;
  }

  private void baseline() throws Exception {
    try (Connection connection = connect(options.database())) {
      var seedBaseline = new Seed(connection);
      Seed.Cohort cohort = seedBaseline.cohort("baseline", options.bulk(), 2);
      say("baseline: %d onboardings in a plain transactional loop", options.bulk());
      Map<String, Long> rowsBefore = Rows.count(connection);
      var outcome =
          Baseline.run(connection, cohort, seedBaseline.managerId(), sink, sink.template());
      Map<String, Object> phase = new LinkedHashMap<>(outcome.summary());
      phase.put(
          "rowsPerOnboarding", Rows.perItem(rowsBefore, Rows.count(connection), options.bulk()));
      long received = sink.distinct(BASELINE);
      phase.put("lost", options.bulk() - received);
      latencies.put("baseline", outcome.latencies());
      result.put("baseline", phase);
      say(
          "baseline: %d mails in %.1f s (%.1f/s), start→sent p50 %d ms p99 %d ms",
          received,
          outcome.seconds(),
          options.bulk() / outcome.seconds(),
          outcome.latencies().percentile(50),
          outcome.latencies().percentile(99));
    }
  }

  private void mails() {
    Map<String, Object> mails = new LinkedHashMap<>();
    mails.put("accepted", sink.messages());
    mails.put("duplicates", sink.duplicates());
    mails.put("withoutMessageId", sink.withoutMessageId());
    mails.put("invitationsExpected", invitationsExpected);
    mails.put("invitationsReceived", sink.distinct(INVITATION));
    mails.put("invitationsLost", invitationsExpected - sink.distinct(INVITATION));
    mails.put("firstRemindersExpected", firstRemindersExpected);
    mails.put("firstRemindersReceived", sink.distinct(FIRST_REMINDER));
    mails.put("secondRemindersExpected", secondRemindersExpected);
    mails.put("secondRemindersReceived", sink.distinct(SECOND_REMINDER));
    mails.put(
        "lost",
        (invitationsExpected - sink.distinct(INVITATION))
            + (firstRemindersExpected - sink.distinct(FIRST_REMINDER))
            + (secondRemindersExpected - sink.distinct(SECOND_REMINDER)));
    mails.put("smtpConnections", sink.connections());
    result.put("mails", mails);
  }

  /**
   * What fills the application's memory at the end, kept beside the results: the heap's classes
   * (jcmd GC.class_histogram) and, when the application runs with -XX:NativeMemoryTracking, the
   * JVM's native memory by kind.
   */
  private void histogram() {
    jcmd("GC.class_histogram", "heap-histogram.txt");
    jcmd("VM.native_memory summary", "native-memory.txt");
  }

  private void jcmd(String command, String fileName) {
    try {
      List<String> arguments = new ArrayList<>();
      arguments.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
      arguments.add(String.valueOf(app.pid()));
      arguments.addAll(List.of(command.split(" ")));
      var process =
          new ProcessBuilder(arguments)
              .redirectErrorStream(true)
              .redirectOutput(options.output().resolve(fileName).toFile())
              .start();
      process.waitFor(2, TimeUnit.MINUTES);
    } catch (IOException | InterruptedException e) {
      say("no %s: %s", command, e);
    }
  }

  private void stopApp() throws Exception {
    if (monitor != null) {
      try {
        monitor.close();
      } catch (IOException e) {
        say("monitor not closed cleanly: %s", e);
      }
    }
    if (app != null) {
      long started = System.nanoTime();
      app.close();
      result.put("shutdownSeconds", round((System.nanoTime() - started) / 1e9));
    }
  }

  // ---- measurements ----

  private void checkpoint(String name) throws SQLException {
    Map<String, Object> point = new LinkedHashMap<>();
    point.put("at", name);
    long heap = monitor.heapAfterGc();
    var stats = monitor.stats();
    point.put("heapAfterGcMb", mb(heap));
    point.put("heapAfterGcBytes", heap);
    point.put("heapCommittedMb", mb(monitor.heapCommitted()));
    point.put("rssMb", mb(stats.rssBytes()));
    point.put("rssBytes", stats.rssBytes());
    try (var statement = db.createStatement();
        var rows =
            statement.executeQuery(
                "select count(*), count(*) filter (where status = 'IN_PROGRESS') from onboarding")) {
      rows.next();
      point.put("onboardings", rows.getLong(1));
      point.put("inFlight", rows.getLong(2));
    }
    checkpoints.add(point);
    say(
        "memory %s: heap after GC %d MB, RSS %d MB, %d onboardings (%d in flight)",
        name, mb(heap), mb(stats.rssBytes()), point.get("onboardings"), point.get("inFlight"));
  }

  /** Start → sent of a bulk's invitations; from {@code fromMicros} instead when given. */
  private Latencies latenciesOfBulk(long bulkId, Long fromMicros, long offsetMicros)
      throws SQLException {
    return latencies(
        """
        select i.id, (extract(epoch from o.created_at) * 1000000)::bigint
        from bulk_invitation_item b
        join onboarding o on o.bulk_item_id = b.id
        join invitation i on i.onboarding_id = o.id
        where b.bulk_id = ?
        """,
        bulkId,
        fromMicros,
        offsetMicros);
  }

  private Latencies latenciesOfOnboardings(List<Long> ids, long offsetMicros) throws SQLException {
    try (var statement =
        db.prepareStatement(
            """
            select i.id, (extract(epoch from o.created_at) * 1000000)::bigint
            from onboarding o join invitation i on i.onboarding_id = o.id
            where o.id = any(?)
            """)) {
      statement.setArray(1, db.createArrayOf("bigint", ids.toArray()));
      return latencies(statement, null, offsetMicros);
    }
  }

  private Latencies latencies(String sql, long parameter, Long fromMicros, long offsetMicros)
      throws SQLException {
    try (var statement = db.prepareStatement(sql)) {
      statement.setLong(1, parameter);
      return latencies(statement, fromMicros, offsetMicros);
    }
  }

  /**
   * From the onboarding's creation (engine time, less the clock's offset) or from {@code
   * fromMicros} (wall clock) to the SMTP server's acceptance of its invitation (wall clock).
   */
  private Latencies latencies(
      java.sql.PreparedStatement statement, Long fromMicros, long offsetMicros)
      throws SQLException {
    List<Long> values = new ArrayList<>();
    String domain = messageIdDomain();
    try (var rows = statement.executeQuery()) {
      while (rows.next()) {
        var received = sink.get("<invitation.invitation-" + rows.getLong(1) + ".0@" + domain + ">");
        if (received != null) {
          long from = fromMicros != null ? fromMicros : rows.getLong(2) - offsetMicros;
          values.add((received.firstAcceptedMicros - from) / 1000);
        }
      }
    }
    return new Latencies(values.stream().mapToLong(Long::longValue).toArray());
  }

  /**
   * How far the engine clock (which the application's timestamps follow) is ahead of the wall clock
   * (the SMTP server's), in microseconds: it grows with every advance of the clock.
   */
  private long engineOffsetMicros() throws IOException, InterruptedException {
    var clock = devTools.clock().requireStatus(200, "read the engine clock").body();
    return Duration.parse(clock.get("offset").asText()).toNanos() / 1_000;
  }

  private final Map<String, String> domainCache = new HashMap<>();

  private String messageIdDomain() {
    return domainCache.computeIfAbsent(
        "domain",
        k -> {
          try (var statement = db.createStatement();
              var rows =
                  statement.executeQuery(
                      "select message_id from mail_log where kind = 'INVITATION' limit 1")) {
            if (!rows.next()) {
              return "cabinet.example";
            }
            String id = rows.getString(1);
            return id.substring(id.indexOf('@') + 1, id.length() - 1);
          } catch (SQLException e) {
            throw new IllegalStateException(e);
          }
        });
  }

  private Connection connect(String database) throws SQLException {
    var properties = new Properties();
    properties.setProperty("user", options.dbUser());
    properties.setProperty("reWriteBatchedInserts", "true");
    return DriverManager.getConnection(options.jdbcUrl(database), properties);
  }

  static long mb(long bytes) {
    return Math.round(bytes / (1024.0 * 1024.0));
  }

  static double round(double value) {
    return Math.round(value * 100.0) / 100.0;
  }

  static void say(String format, Object... args) {
    System.out.printf(
        "[bench %s] %s%n", java.time.LocalTime.now().withNano(0), String.format(format, args));
  }

  static Color color(int index) {
    Color[] colors = {
      new Color(31, 95, 191),
      new Color(214, 90, 30),
      new Color(40, 150, 70),
      new Color(120, 60, 160)
    };
    return colors[index % colors.length];
  }

  static Path resolve(Path output, String name) throws IOException {
    Files.createDirectories(output);
    return output.resolve(name);
  }
}
