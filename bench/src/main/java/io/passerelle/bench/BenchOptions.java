package io.passerelle.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the benchmark runs, from {@code --name=value} arguments (scripts/bench passes its own
 * through). Every figure has a default that fits the 15-minute budget on a 2-core machine.
 *
 * @param bulk contacts invited by the measured bulk invitation ({@code --bulk})
 * @param warmup contacts invited first, to warm the JVM up and to measure reminders with few
 *     invitations waiting ({@code --warmup})
 * @param rate steady load: onboardings started per second ({@code --rate})
 * @param steady steady load: how long ({@code --steady}, ISO-8601 or seconds)
 * @param extraWaiting more contacts invited after the steady load, to grow the invitations waiting
 *     toward 100,000 for the reminder and memory figures ({@code --extra-waiting}, default 0)
 * @param baseline whether to run the naive baseline ({@code --baseline=false} skips it)
 * @param idle how long CPU is measured while nothing is due ({@code --idle})
 * @param appJar the application to start ({@code --app-jar})
 * @param appJavaOptions JVM options for the application ({@code --app-java-options}, space
 *     separated; given more than once, they add up: scripts/bench gives those of scripts/run, a
 *     user may add e.g. {@code -XX:NativeMemoryTracking=summary} or a heap limit; of one JVM option
 *     given twice, the JVM takes the last)
 * @param database the PostgreSQL database the application gets ({@code --database}); it is emptied
 *     at each run
 * @param output where the JSON, the chart and the application's log go ({@code --output})
 * @param patience how long to wait for mail before counting it lost ({@code --patience})
 */
record BenchOptions(
    int bulk,
    int warmup,
    int rate,
    Duration steady,
    int extraWaiting,
    boolean baseline,
    Duration idle,
    Path appJar,
    List<String> appJavaOptions,
    String database,
    String dbHost,
    int dbPort,
    String dbUser,
    Path output,
    Duration patience) {

  private static final String JVM_OPTIONS = "app-java-options";

  static BenchOptions parse(String[] args) {
    Map<String, String> given = new LinkedHashMap<>();
    for (String arg : args) {
      if (!arg.startsWith("--") || !arg.contains("=")) {
        throw new IllegalArgumentException(
            "arguments are --name=value, e.g. --bulk=500 (got '" + arg + "')");
      }
      int equals = arg.indexOf('=');
      String name = arg.substring(2, equals);
      String value = arg.substring(equals + 1);
      // JVM options add up: scripts/bench passes the application's own, a user may add more
      given.merge(
          name, value, (first, more) -> JVM_OPTIONS.equals(name) ? first + " " + more : more);
    }
    var options =
        new BenchOptions(
            integer(given.remove("bulk"), 10_000),
            integer(given.remove("warmup"), 1_000),
            integer(given.remove("rate"), 10),
            duration(given.remove("steady"), Duration.ofSeconds(60)),
            integer(given.remove("extra-waiting"), 0),
            !"false".equals(given.remove("baseline")),
            duration(given.remove("idle"), Duration.ofSeconds(20)),
            Path.of(or(given.remove("app-jar"), "app/target/passerelle-app.jar")),
            words(or(given.remove(JVM_OPTIONS), "")),
            or(given.remove("database"), "passerelle_bench"),
            or(given.remove("db-host"), env("PASSERELLE_DB_HOST", "127.0.0.1")),
            integer(given.remove("db-port"), Integer.parseInt(env("PASSERELLE_DB_PORT", "5432"))),
            or(given.remove("db-user"), env("USER", "postgres")),
            Path.of(or(given.remove("output"), "bench/target/results")),
            duration(given.remove("patience"), Duration.ofMinutes(3)));
    if (!given.isEmpty()) {
      throw new IllegalArgumentException("unknown options: " + given.keySet());
    }
    if (options.bulk < 1 || options.warmup < 1 || options.rate < 1) {
      throw new IllegalArgumentException("--bulk, --warmup and --rate must be at least 1");
    }
    return options;
  }

  String jdbcUrl(String name) {
    return "jdbc:postgresql://" + dbHost + ":" + dbPort + "/" + name;
  }

  Map<String, Object> describe() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("bulk", bulk);
    map.put("warmup", warmup);
    map.put("steadyRatePerSecond", rate);
    map.put("steadySeconds", steady.toSeconds());
    map.put("extraWaiting", extraWaiting);
    map.put("baseline", baseline);
    map.put("idleSeconds", idle.toSeconds());
    map.put("appJavaOptions", appJavaOptions);
    map.put("database", database);
    return map;
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
