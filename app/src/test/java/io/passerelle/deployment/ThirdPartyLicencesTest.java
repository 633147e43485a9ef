package io.passerelle.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The third-party licence report the build writes (license-maven-plugin, from the dependencies' own
 * POMs) names a licence for every library the jar ships, and says what the README says of the
 * engine: its parts are under the Camunda License, the clients under Apache 2.0.
 */
class ThirdPartyLicencesTest {

  /** " (Lic A) (Lic B) Name (group:artifact:version - url)" */
  private static final Pattern LINE =
      Pattern.compile(
          "^\\s+((?:\\([^()]*(?:\\([^()]*\\))?[^()]*\\)\\s*)+)(.*)\\(([^():\\s]+):([^():\\s]+):([^\\s]+) - .*\\)$");

  private static final Path REPORT = Path.of("target/generated-sources/license/THIRD-PARTY.txt");

  private static Map<String, String> report() throws IOException {
    assertThat(REPORT)
        .as("the build writes the licence report (license-maven-plugin, generate-resources)")
        .exists();
    Map<String, String> licences = new TreeMap<>();
    for (String line : Files.readAllLines(REPORT)) {
      Matcher m = LINE.matcher(line);
      if (m.matches()) {
        licences.put(m.group(3) + ":" + m.group(4), m.group(1).strip());
      }
    }
    return licences;
  }

  @Test
  @DisplayName("every shipped library has a known licence")
  void everyLibraryHasALicence() throws IOException {
    Map<String, String> licences = report();

    assertThat(licences).hasSizeGreaterThan(100);
    List<String> unknown = new ArrayList<>();
    licences.forEach(
        (artifact, licence) -> {
          if (licence.isBlank() || licence.toLowerCase().contains("unknown")) {
            unknown.add(artifact + " " + licence);
          }
        });
    assertThat(unknown)
        .as(
            "libraries without a known licence: name it in src/license/override-THIRD-PARTY.properties")
        .isEmpty();
  }

  @Test
  @DisplayName(
      "the engine's parts are under the Camunda License, the clients and the starter under Apache"
          + " 2.0, as the README says")
  void engineAndClientLicences() throws IOException {
    Map<String, String> licences = report();

    for (String part :
        List.of(
            "io.camunda:zeebe-workflow-engine",
            "io.camunda:zeebe-logstreams",
            "io.camunda:zeebe-stream-platform",
            "io.camunda:zeebe-db",
            "io.camunda:zeebe-snapshots")) {
      assertThat(licences.get(part)).as(part).contains("Camunda License");
    }
    assertThat(licences.get("io.camunda:zeebe-process-test-engine"))
        .contains("Zeebe Community License");
    for (String client :
        List.of("io.camunda:camunda-client-java", "io.camunda:camunda-spring-boot-starter")) {
      assertThat(licences.get(client)).as(client).contains("Apache");
    }
  }

  @Test
  @DisplayName("every browser library from npm has a licence, bpmn.io's kept visible on diagrams")
  void npmLibrariesHaveALicence() throws IOException {
    JsonNode lock = new ObjectMapper().readTree(Path.of("package-lock.json").toFile());
    List<String> missing = new ArrayList<>();
    lock.get("packages")
        .fields()
        .forEachRemaining(
            entry -> {
              if (!entry.getKey().isEmpty()
                  && (entry.getValue().get("license") == null
                      || entry.getValue().get("license").asText().isBlank())) {
                missing.add(entry.getKey());
              }
            });
    assertThat(missing).isEmpty();
    // bpmn-js's licence: the bpmn.io watermark of a rendered diagram must stay visible
    for (Path css : List.of(Path.of("src/main/resources/static"))) {
      try (var files = Files.walk(css)) {
        assertThat(
                files
                    .filter(Files::isRegularFile)
                    .filter(
                        f -> Set.of("css", "js").contains(extension(f.getFileName().toString())))
                    .map(ThirdPartyLicencesTest::read)
                    .filter(text -> text.contains("bjs-powered-by"))
                    .toList())
            .as("no style or script hides the bpmn.io watermark")
            .isEmpty();
      }
    }
  }

  private static String extension(String name) {
    int dot = name.lastIndexOf('.');
    return dot < 0 ? "" : name.substring(dot + 1);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
