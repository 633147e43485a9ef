package io.passerelle.faults;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Starts Passerelle in a process of its own, configured through environment variables only: the
 * built jar ({@link #jar}, scripts/faults) or the application's classes on a class path (the test
 * suite's short form).
 */
@FunctionalInterface
public interface Launcher {

  Process launch(Map<String, String> environment, Path log) throws IOException;

  /** {@code java <options> -jar <jar>}, as scripts/run starts it. */
  static Launcher jar(Path jar, List<String> javaOptions) {
    return command(
        concat(
            javaOptions,
            List.of(
                "-XX:+EnableDynamicAgentLoading",
                "--enable-native-access=ALL-UNNAMED",
                "-jar",
                jar.toAbsolutePath().toString())));
  }

  /** {@code java <options> -cp <classPath> io.passerelle.PasserelleApplication}. */
  static Launcher classPath(String classPath, List<String> javaOptions) {
    return command(
        concat(javaOptions, List.of("-cp", classPath, "io.passerelle.PasserelleApplication")));
  }

  private static Launcher command(List<String> arguments) {
    return (environment, log) -> {
      var command = new java.util.ArrayList<String>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(arguments);
      var builder =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      builder.environment().putAll(environment);
      return builder.start();
    };
  }

  private static List<String> concat(List<String> first, List<String> second) {
    var all = new java.util.ArrayList<String>(first);
    all.addAll(second);
    return all;
  }
}
