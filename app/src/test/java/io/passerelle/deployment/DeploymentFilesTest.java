package io.passerelle.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.passerelle.engine.RemoteModeSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The facts that make {@code docker compose up --build} start, read from docker-compose.yml, .env
 * and the Dockerfile (no Docker engine here to run them): every setting remote mode requires is
 * given a value, the cluster keeps its data where the 8.8 image writes it, images are pinned,
 * health checks order the start, and the image builds what the jar needs and never runs the
 * embedded engine or the development tools.
 */
class DeploymentFilesTest {

  private static final Path ROOT = Path.of("..");
  private static final Pattern REFERENCE =
      // ${X}, ${X:?message}, ${X:-default}; $${X} is a literal dollar for the container's shell
      Pattern.compile("(?<!\\$)\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?}");

  @SuppressWarnings("unchecked")
  private static Map<String, Object> compose() throws IOException {
    return (Map<String, Object>)
        new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml")));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> service(String name) throws IOException {
    return (Map<String, Object>) ((Map<String, Object>) compose().get("services")).get(name);
  }

  /** The .env file compose reads by itself: NAME=value lines. */
  private static Map<String, String> dotEnv() throws IOException {
    Map<String, String> values = new LinkedHashMap<>();
    for (String line : Files.readAllLines(ROOT.resolve(".env"))) {
      if (!line.isBlank() && !line.startsWith("#") && line.contains("=")) {
        values.put(
            line.substring(0, line.indexOf('=')).strip(),
            line.substring(line.indexOf('=') + 1).strip());
      }
    }
    return values;
  }

  /** A value as compose interpolates it from .env (${X}, ${X:?message}, ${X:-default}). */
  private static String interpolate(String value, Map<String, String> env) {
    Matcher m = REFERENCE.matcher(value);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String resolved = env.get(m.group(1));
      if ((resolved == null || resolved.isEmpty()) && m.group(2) != null) {
        resolved = m.group(2).endsWith("-") ? m.group(3) : null;
      }
      m.appendReplacement(out, Matcher.quoteReplacement(resolved == null ? "" : resolved));
    }
    m.appendTail(out);
    return out.toString();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> environment(String serviceName) throws IOException {
    Object environment = service(serviceName).get("environment");
    Map<String, String> values = new LinkedHashMap<>();
    if (environment instanceof Map<?, ?> map) {
      map.forEach((k, v) -> values.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
    } else {
      for (String entry : (List<String>) environment) {
        int eq = entry.indexOf('=');
        values.put(entry.substring(0, eq), entry.substring(eq + 1));
      }
    }
    return values;
  }

  @Test
  @DisplayName("Passerelle gets every setting remote mode requires, with a value from .env")
  void remoteModeSettingsAreGiven() throws IOException {
    Map<String, String> env = dotEnv();
    Map<String, String> passerelle = environment("passerelle");
    assertThat(passerelle).containsEntry("PASSERELLE_ENGINE_MODE", "remote");

    List<RemoteModeSettings.Setting> required = new ArrayList<>();
    required.addAll(RemoteModeSettings.SELF_MANAGED);
    required.addAll(RemoteModeSettings.APPLICATION);
    required.addAll(RemoteModeSettings.FIRST_START);
    for (RemoteModeSettings.Setting setting : required) {
      assertThat(passerelle).as(setting.variable()).containsKey(setting.variable());
      assertThat(interpolate(passerelle.get(setting.variable()), env))
          .as(setting.variable() + " has a value once .env is read")
          .isNotBlank();
    }
    assertThat(interpolate(passerelle.get("PASSERELLE_TOKEN_SECRET"), env))
        .as("the token secret's minimum length")
        .hasSizeGreaterThanOrEqualTo(32);
    // every ${X} of the file is in .env: nothing falls back to an empty value silently
    Matcher m = REFERENCE.matcher(Files.readString(ROOT.resolve("docker-compose.yml")));
    while (m.find()) {
      assertThat(env).as("${" + m.group(1) + "} is set in .env").containsKey(m.group(1));
    }
    // the secrets are .env's, not written in the compose file
    assertThat(passerelle.get("PASSERELLE_TOKEN_SECRET")).startsWith("${");
    assertThat(passerelle.get("PASSERELLE_ADMIN_PASSWORD")).startsWith("${");
  }

  @Test
  @DisplayName("the stack keeps sessions in PostgreSQL: they survive a restart of the container")
  void sessionsInTheDatabase() throws IOException {
    assertThat(environment("passerelle")).containsEntry("PASSERELLE_SESSIONS_STORE", "jdbc");
  }

  @Test
  @DisplayName(
      "Passerelle keeps its staff as Camunda users of the stack, on a cluster whose users Camunda"
          + " itself manages (basic authentication) and whose authorizations apply")
  void staffAreCamundaUsers() throws IOException {
    assertThat(environment("passerelle"))
        .containsEntry("PASSERELLE_CAMUNDA_STAFF_IDENTITIES_ENABLED", "true");
    assertThat(environment("orchestration"))
        .containsEntry("CAMUNDA_SECURITY_AUTHENTICATION_METHOD", "basic")
        .containsEntry("CAMUNDA_SECURITY_AUTHORIZATIONS_ENABLED", "true");
  }

  @Test
  @DisplayName(
      "the cluster keeps its state at the 8.8 image's data path, and Passerelle's first"
          + " administrator is a Camunda user of the stack")
  @SuppressWarnings("unchecked")
  void clusterDataAndUsers() throws IOException {
    List<String> volumes = (List<String>) service("orchestration").get("volumes");
    assertThat(volumes).contains("orchestration:/usr/local/camunda/data");
    assertThat(volumes).noneMatch(v -> v.contains("/usr/local/zeebe/data"));
    Map<String, String> cluster = environment("orchestration");
    assertThat(cluster.values()).contains("${CAMUNDA_USERNAME}", "${PASSERELLE_ADMIN_USERNAME}");
    assertThat(cluster)
        .containsEntry("CAMUNDA_DATA_SECONDARYSTORAGE_TYPE", "elasticsearch")
        .containsEntry("CAMUNDA_SECURITY_AUTHENTICATION_UNPROTECTEDAPI", "false");
    List<String> elastic = (List<String>) service("elasticsearch").get("environment");
    assertThat(elastic)
        .contains(
            "discovery.type=single-node",
            "xpack.security.enabled=false",
            "cluster.routing.allocation.disk.threshold_enabled=false");
  }

  @Test
  @DisplayName("every image is pinned to a version, the cluster's to the client's")
  void imagesArePinned() throws IOException {
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> services =
        (Map<String, Map<String, Object>>) compose().get("services");
    services.forEach(
        (name, service) -> {
          if (service.containsKey("image")) {
            String image = String.valueOf(service.get("image"));
            assertThat(image).as(name).matches(".+:v?\\d+(\\.\\d+)+.*");
          } else {
            assertThat(service).as(name + " is built from this repository").containsKey("build");
          }
        });
    String pom = Files.readString(ROOT.resolve("pom.xml"));
    Matcher version = Pattern.compile("<camunda.version>([^<]+)</camunda.version>").matcher(pom);
    assertThat(version.find()).isTrue();
    assertThat(service("orchestration").get("image"))
        .isEqualTo("camunda/camunda:" + version.group(1));
  }

  @Test
  @DisplayName("health checks order the start; Passerelle waits for what it uses only, healthy")
  @SuppressWarnings("unchecked")
  void startOrder() throws IOException {
    Map<String, Map<String, Object>> services =
        (Map<String, Map<String, Object>>) compose().get("services");
    services.forEach(
        (name, service) ->
            assertThat(service).as(name + " has a health check").containsKey("healthcheck"));
    Map<String, Map<String, String>> dependsOn =
        (Map<String, Map<String, String>>) service("passerelle").get("depends_on");
    assertThat(dependsOn).containsOnlyKeys("orchestration", "postgres", "mailpit");
    dependsOn.values().forEach(d -> assertThat(d).containsEntry("condition", "service_healthy"));
    Map<String, Map<String, String>> clusterWaits =
        (Map<String, Map<String, String>>) service("orchestration").get("depends_on");
    assertThat(clusterWaits.get("elasticsearch")).containsEntry("condition", "service_healthy");
  }

  @Test
  @DisplayName(
      "the image builds with Node.js (the pages' browser libraries), runs as a non-root user in"
          + " remote mode, never with the development tools")
  void dockerfile() throws IOException {
    String dockerfile = Files.readString(ROOT.resolve("Dockerfile"));
    List<String> stages =
        Stream.of(dockerfile.split("\n")).filter(l -> l.startsWith("FROM ")).toList();
    assertThat(stages).hasSize(2);
    stages.forEach(from -> assertThat(from).matches("FROM [^:\\s]+:\\d[^\\s]*( AS \\w+)?"));
    String build = dockerfile.substring(0, dockerfile.indexOf(stages.get(1)));
    String run = dockerfile.substring(dockerfile.indexOf(stages.get(1)));
    assertThat(build).contains("apt-get install").contains("nodejs").contains("npm");
    assertThat(build).doesNotContain("-Dnpm.skip");
    assertThat(run).containsPattern("PASSERELLE_ENGINE_MODE=remote");
    assertThat(run).containsPattern("PASSERELLE_DEVELOPMENT_ENABLED=false");
    assertThat(run).containsPattern("(?m)^USER 10001");
    assertThat(Files.readString(ROOT.resolve(".dockerignore"))).contains(".env", "/data/");
  }
}
