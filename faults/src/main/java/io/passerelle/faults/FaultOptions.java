package io.passerelle.faults;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What the fault suite runs, from {@code --name=value} arguments (scripts/faults passes its own
 * through). The defaults are the long form.
 *
 * @param seed the random schedule's seed ({@code --seed}; printed, a run is repeated with it)
 * @param crashes how many runs, each ending in one kill -9 ({@code --crashes})
 * @param bulk contacts of each run's bulk invitation ({@code --bulk})
 * @param rate steady load: new onboardings a second, throughout ({@code --rate})
 * @param activations the share of invitations received that the suite activates ({@code
 *     --activations}, 0 to 1)
 * @param smtpOutage how long the SMTP server answers 421, in engine time ({@code --smtp-outage},
 *     ISO-8601; {@code PT0S} = none): the suite moves the engine clock through it
 * @param restartPostgres whether to restart this machine's PostgreSQL cluster in the middle of a
 *     bulk ({@code --restart-postgres}; only a local cluster, {@code pg_ctlcluster})
 * @param jobTwice whether to make a job be delivered twice ({@code --job-twice})
 * @param moments the kill moments in order, cycled ({@code --moments=DURING_BULK,REMINDER_BURST});
 *     empty (the default) = each kind once in an order drawn from the seed, then drawn
 * @param database the database the application gets, emptied at the start ({@code --database})
 * @param output where result.json, table.md and the application's logs go ({@code --output})
 * @param patience how long to wait for what must happen before counting it missing ({@code
 *     --patience})
 */
public record FaultOptions(
    long seed,
    int crashes,
    int bulk,
    double rate,
    double activations,
    Duration smtpOutage,
    boolean restartPostgres,
    boolean jobTwice,
    List<String> moments,
    Path appJar,
    List<String> appJavaOptions,
    String database,
    String dbHost,
    int dbPort,
    String dbUser,
    Path output,
    Duration patience) {

  private static final String JVM_OPTIONS = "app-java-options";

  public static FaultOptions parse(String... args) {
    Map<String, String> given = new LinkedHashMap<>();
    for (String arg : args) {
      if (!arg.startsWith("--") || !arg.contains("=")) {
        throw new IllegalArgumentException(
            "arguments are --name=value, e.g. --crashes=30 (got '" + arg + "')");
      }
      int equals = arg.indexOf('=');
      String name = arg.substring(2, equals);
      String value = arg.substring(equals + 1);
      given.merge(
          name, value, (first, more) -> JVM_OPTIONS.equals(name) ? first + " " + more : more);
    }
    String seed = given.remove("seed");
    var options =
        new FaultOptions(
            seed == null
                ? ThreadLocalRandom.current().nextLong(1, 1_000_000)
                : Long.parseLong(seed),
            integer(given.remove("crashes"), 30),
            integer(given.remove("bulk"), 500),
            Double.parseDouble(or(given.remove("rate"), "1")),
            Double.parseDouble(or(given.remove("activations"), "0.3")),
            duration(given.remove("smtp-outage"), Duration.ofMinutes(10)),
            !"false".equals(given.remove("restart-postgres")),
            !"false".equals(given.remove("job-twice")),
            words(or(given.remove("moments"), "").replace(',', ' ')),
            Path.of(or(given.remove("app-jar"), "app/target/passerelle-app.jar")),
            words(or(given.remove(JVM_OPTIONS), "")),
            or(given.remove("database"), "passerelle_faults"),
            or(given.remove("db-host"), env("PASSERELLE_DB_HOST", "127.0.0.1")),
            integer(given.remove("db-port"), Integer.parseInt(env("PASSERELLE_DB_PORT", "5432"))),
            or(given.remove("db-user"), env("USER", "postgres")),
            Path.of(or(given.remove("output"), "faults/target/results")),
            duration(given.remove("patience"), Duration.ofMinutes(3)));
    if (!given.isEmpty()) {
      throw new IllegalArgumentException("unknown options: " + given.keySet());
    }
    if (options.crashes < 1 || options.bulk < 1 || options.rate <= 0) {
      throw new IllegalArgumentException("--crashes and --bulk must be at least 1, --rate above 0");
    }
    for (String moment : options.moments) {
      if (java.util.Arrays.stream(FaultSuite.Moment.values())
          .noneMatch(m -> m.name().equals(moment))) {
        throw new IllegalArgumentException(
            "--moments takes "
                + java.util.Arrays.toString(FaultSuite.Moment.values())
                + ", not "
                + moment);
      }
    }
    if (options.activations < 0 || options.activations > 1) {
      throw new IllegalArgumentException("--activations is a share, from 0 to 1");
    }
    return options;
  }

  public String jdbcUrl(String name) {
    return "jdbc:postgresql://" + dbHost + ":" + dbPort + "/" + name;
  }

  Map<String, Object> describe() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("seed", seed);
    map.put("crashes", crashes);
    map.put("bulk", bulk);
    map.put("ratePerSecond", rate);
    map.put("activations", activations);
    map.put("smtpOutage", smtpOutage.toString());
    map.put("restartPostgres", restartPostgres);
    map.put("jobTwice", jobTwice);
    map.put("moments", moments);
    map.put("appJavaOptions", appJavaOptions);
    map.put("database", database);
    map.put("patienceSeconds", patience.toSeconds());
    return map;
  }

  /** The command line that repeats this schedule. */
  String commandLine() {
    return "scripts/faults --seed="
        + seed
        + " --crashes="
        + crashes
        + " --bulk="
        + bulk
        + " --rate="
        + rate
        + " --activations="
        + activations
        + " --smtp-outage="
        + smtpOutage
        + " --restart-postgres="
        + restartPostgres
        + " --job-twice="
        + jobTwice
        + (moments.isEmpty() ? "" : " --moments=" + String.join(",", moments));
  }

  private static int integer(String value, int fallback) {
    return value == null ? fallback : Integer.parseInt(value.replace("_", ""));
  }

  private static Duration duration(String value, Duration fallback) {
    if (value == null) {
      return fallback;
    }
    return value.startsWith("P")
        ? Duration.parse(value)
        : Duration.ofSeconds(Long.parseLong(value));
  }

  private static List<String> words(String value) {
    List<String> words = new ArrayList<>();
    for (String word : value.trim().split("\\s+")) {
      if (!word.isEmpty()) {
        words.add(word);
      }
    }
    return words;
  }

  private static String or(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value;
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
