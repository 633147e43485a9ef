package io.passerelle.processes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.xml.sax.InputSource;

/**
 * The README's process pictures ({@code docs/process-<model>.svg}) show the models as they are:
 * each records the SHA-256 of the BPMN it was drawn from, and a model changed without redrawing its
 * picture fails here. Redraw with {@code scripts/render-diagrams}.
 */
@DisplayName("Process pictures in docs/ are current")
class DiagramsAreCurrentTest {

  private static final Path ROOT = repositoryRoot();
  private static final Path MODELS = ROOT.resolve("processes/models");
  private static final Path DOCS = ROOT.resolve("docs");
  private static final String REDRAW = "redraw the pictures with scripts/render-diagrams";

  /** The repository's root, from wherever the tests run (Maven runs them in processes/). */
  private static Path repositoryRoot() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("processes/models"))) {
        return dir;
      }
    }
    throw new IllegalStateException(
        "processes/models not found above " + Path.of("").toAbsolutePath());
  }

  static List<String> models() throws IOException {
    try (Stream<Path> files = Files.list(MODELS)) {
      return files
          .map(file -> file.getFileName().toString())
          .filter(name -> name.endsWith(".bpmn"))
          .sorted()
          .toList();
    }
  }

  private static String picture(String model) {
    return "process-" + model.substring(0, model.length() - ".bpmn".length()) + ".svg";
  }

  /** SHA-256 of the model's text with CRLF read as LF (a Windows checkout is the same model). */
  static String sha256(Path model) throws IOException, NoSuchAlgorithmException {
    String text = Files.readString(model, StandardCharsets.UTF_8).replace("\r\n", "\n");
    return HexFormat.of()
        .formatHex(
            MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  @DisplayName("the five processes have a picture")
  void everyProcessHasAPicture() throws IOException {
    assertThat(models())
        .containsExactlyInAnyOrder(
            "client-onboarding.bpmn",
            "client-invitation.bpmn",
            "bulk-invitation.bpmn",
            "dossier-creation.bpmn",
            "microsoft-guest-invitation.bpmn");
  }

  @ParameterizedTest(name = "docs/process-… of {0}")
  @MethodSource("models")
  @DisplayName("each picture was drawn from its model as it is now")
  void pictureWasDrawnFromTheModelAsItIs(String model) throws Exception {
    Path svg = DOCS.resolve(picture(model));
    assertThat(svg).as("docs/%s is missing: %s", picture(model), REDRAW).exists();
    String text = Files.readString(svg, StandardCharsets.UTF_8);

    var marker =
        Pattern.compile(
                "<!-- passerelle-diagram source=\"processes/models/"
                    + Pattern.quote(model)
                    + "\" sha256=\"([0-9a-f]{64})\" -->")
            .matcher(text);
    assertThat(marker.find())
        .as("docs/%s does not say which model it shows: %s", picture(model), REDRAW)
        .isTrue();
    assertThat(marker.group(1))
        .as(
            "docs/%s is stale: processes/models/%s changed since; %s",
            picture(model), model, REDRAW)
        .isEqualTo(sha256(MODELS.resolve(model)));

    // a whole SVG document, with a size, that draws this model's elements
    var factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    var root =
        factory
            .newDocumentBuilder()
            .parse(new InputSource(new StringReader(text)))
            .getDocumentElement();
    assertThat(root.getTagName()).isEqualTo("svg");
    assertThat(Integer.parseInt(root.getAttribute("width"))).isPositive();
    assertThat(Integer.parseInt(root.getAttribute("height"))).isPositive();
    String bpmn = Files.readString(MODELS.resolve(model), StandardCharsets.UTF_8);
    var shapes = Pattern.compile("<bpmndi:BPMNShape [^>]*bpmnElement=\"([^\"]+)\"").matcher(bpmn);
    int count = 0;
    while (shapes.find()) {
      assertThat(text).contains("data-element-id=\"" + shapes.group(1) + "\"");
      count++;
    }
    assertThat(count).as("shapes in %s", model).isPositive();
  }

  @ParameterizedTest(name = "README shows {0}")
  @MethodSource("models")
  @DisplayName("the README shows each picture")
  void readmeShowsThePicture(String model) throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
    assertThat(readme).contains("](docs/" + picture(model) + ")");
  }
}
