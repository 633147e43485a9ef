package io.passerelle.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Passerelle started as a user starts it ({@code java -jar passerelle-app.jar}, the same JVM
 * options as scripts/run) in its own process, configured through environment variables only.
 */
final class AppProcess implements AutoCloseable {

  private final Process process;
  private final int port;
  private final long launchedNanos;
  private Duration startup;

  private AppProcess(Process process, int port, long launchedNanos) {
    this.process = process;
    this.port = port;
    this.launchedNanos = launchedNanos;
    // a benchmark stopped half-way (Ctrl-C, kill) stops its application too: one left running
    // would take a core from the next run and spoil its figures
    Runtime.getRuntime()
        .addShutdownHook(Thread.ofPlatform().name("stop-passerelle").unstarted(this::stopQuietly));
  }

  private void stopQuietly() {
    try {
      close();
    } catch (InterruptedException e) {
      process.destroyForcibly();
    }
  }

  /**
   * Launches the jar with the environment given (added to this process's own) and its output in
   * {@code log}.
   */
  static AppProcess launch(
      Path jar, List<String> javaOptions, Map<String, String> environment, Path log)
      throws IOException {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          "No application jar at "
              + jar.toAbsolutePath()
              + ": build it first (scripts/bench does)");
    }
    int port = freePort();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // the options of scripts/run
    command.add("-XX:+EnableDynamicAgentLoading");
    command.add("--enable-native-access=ALL-UNNAMED");
    command.addAll(javaOptions);
    command.add("-jar");
    command.add(jar.toAbsolutePath().toString());
    var builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(environment);
    builder.environment().put("SERVER_PORT", String.valueOf(port));
    long launched = System.nanoTime();
    return new AppProcess(builder.start(), port, launched);
  }

  long pid() {
    return process.pid();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  /** From the launch to the first {@code UP} of {@code /actuator/health}. */
  Duration startup() {
    return startup;
  }

  /** Polls the health endpoint until it says UP; fails if the process dies or time runs out. */
  void awaitUp(Duration timeout) throws InterruptedException {
    var client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    var request =
        HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health"))
            .timeout(Duration.ofSeconds(2))
            .build();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "Passerelle stopped during start-up (exit " + process.exitValue() + "): see its log");
      }
      try {
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200 && response.body().startsWith("{\"status\":\"UP\"")) {
          startup = Duration.ofNanos(System.nanoTime() - launchedNanos);
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(25);
    }
    throw new IllegalStateException("Passerelle was not UP after " + timeout + ": see its log");
  }

  /** Fails at once if the application has stopped (it stops when out of memory, for one). */
  void requireRunning() {
    if (!process.isAlive()) {
      throw new IllegalStateException(
          "Passerelle stopped during the run (exit "
              + process.exitValue()
              + "): see its log, app.log in the results");
    }
  }

  /** Stops it as an operator would (SIGTERM, graceful shutdown), forcibly after 60 s. */
  @Override
  public void close() throws InterruptedException {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }

  static int freePort() throws IOException {
    try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
