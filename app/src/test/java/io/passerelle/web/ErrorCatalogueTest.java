package io.passerelle.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaEnumConstant;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.passerelle.account.AccountStatus;
import io.passerelle.activity.ActivityType;
import io.passerelle.domain.CommonErrors;
import io.passerelle.domain.DomainException;
import io.passerelle.domain.ErrorCode;
import io.passerelle.processes.ProcessNames;
import io.passerelle.web.pages.FrenchMessages;
import io.passerelle.web.pages.Labels;
import jakarta.validation.Constraint;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The error catalogue and the staff pages' bundles agree: every code a service, a page or the API
 * gives is one constant of the catalogue, declared once, with a French and an English sentence;
 * every key of the bundles names something that exists. Reads the compiled classes (like {@code
 * ArchitectureTest}) and the bundles as files, so that a new code without its texts, or a text left
 * behind by a removed code, fails here rather than on a page.
 */
class ErrorCatalogueTest {

  private static final JavaClasses APP =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.passerelle");

  /** The statuses the API and the error pages answer with (ErrorPages.detail and the handlers). */
  private static final int[] STATUSES = {
    400, 401, 403, 404, 405, 406, 409, 413, 415, 429, 500, 503
  };

  @Test
  @DisplayName("each code of the catalogue is declared once, in an enum implementing ErrorCode")
  void oneCatalogue() {
    Map<String, List<String>> declaredIn = new TreeMap<>();
    catalogue()
        .forEach(
            c ->
                declaredIn
                    .computeIfAbsent(c.code(), k -> new ArrayList<>())
                    .add(c.getClass().getName()));
    assertThat(declaredIn).hasSizeGreaterThan(150);
    assertThat(declaredIn.entrySet().stream().filter(e -> e.getValue().size() > 1))
        .as("codes declared in more than one enum")
        .isEmpty();
    assertThat(declaredIn.keySet()).allMatch(code -> code.matches("[A-Z][A-Z0-9_]+"));
    assertThat(enumsOfTheCatalogue())
        .as("one enum per feature, plus the shared and the HTTP ones")
        .contains(
            "io.passerelle.domain.CommonErrors",
            "io.passerelle.web.ApiErrors",
            "io.passerelle.contact.ContactErrors",
            "io.passerelle.onboarding.OnboardingErrors");
  }

  @Test
  @DisplayName("every code of the catalogue has a French and an English sentence")
  void everyCodeHasItsTexts() throws IOException {
    Properties french = bundle("messages/errors.properties");
    Properties english = bundle("messages/errors_en.properties");
    List<String> missing = new ArrayList<>();
    for (ErrorCode code : catalogue()) {
      if (blank(french.getProperty(code.messageKey()))) {
        missing.add("fr " + code.code());
      }
      if (blank(english.getProperty(code.messageKey()))) {
        missing.add("en " + code.code());
      }
    }
    assertThat(missing).isEmpty();
  }

  @Test
  @DisplayName("every code the API handlers emit by themselves is in the catalogue")
  void theApiEmitsOnlyCatalogueCodes() {
    Set<String> codes = catalogue().stream().map(ErrorCode::code).collect(Collectors.toSet());
    Set<String> emitted = new TreeSet<>();
    // an HTTP status with no more precise code: the error pages' and the handler's default
    for (int status : STATUSES) {
      emitted.add(ErrorPages.defaultCode(status));
    }
    emitted.add(ErrorPages.defaultCode(599));
    // Bean Validation: every constraint used in the application, and the ones the handler names
    for (String constraint : constraintsInUse()) {
      emitted.add(
          ApiExceptionHandler.code(constraint, "x".repeat(300), new Object[] {"f", 255, 1}));
    }
    emitted.add(ApiExceptionHandler.code(null, null, null));
    emitted.add(ApiExceptionHandler.code("Size", "", new Object[] {"f", 100, 5}));
    Stream.of("NotBlank", "NotNull", "Size", "Email", "Pattern", "Min", "Max", "Positive")
        .forEach(c -> emitted.add(ApiExceptionHandler.code(c, "x".repeat(300), new Object[] {1})));
    assertThat(emitted).hasSizeGreaterThan(10);
    assertThat(emitted.stream().filter(code -> !codes.contains(code)))
        .as("codes the API gives that the catalogue lacks")
        .isEmpty();
  }

  @Test
  @DisplayName("no error text is orphaned: each key is a code of the catalogue, in both languages")
  void noOrphanedErrorText() throws IOException {
    Set<String> keys = catalogue().stream().map(ErrorCode::messageKey).collect(Collectors.toSet());
    Set<String> french = bundle("messages/errors.properties").stringPropertyNames();
    Set<String> english = bundle("messages/errors_en.properties").stringPropertyNames();
    assertThat(french.stream().filter(k -> !keys.contains(k))).as("French orphans").isEmpty();
    assertThat(english.stream().filter(k -> !keys.contains(k))).as("English orphans").isEmpty();
    assertThat(english).isEqualTo(french);
  }

  @Test
  @DisplayName(
      "no label is orphaned: each names an enum constant, a status or a process, in both languages")
  void noOrphanedLabel() throws IOException {
    Properties french = bundle("messages/labels.properties");
    Properties english = bundle("messages/labels_en.properties");
    assertThat(english.stringPropertyNames()).isEqualTo(french.stringPropertyNames());
    assertThat(french.stringPropertyNames().stream().filter(k -> blank(french.getProperty(k))))
        .isEmpty();
    assertThat(english.stringPropertyNames().stream().filter(k -> blank(english.getProperty(k))))
        .isEmpty();

    Set<String> names = namesInTheApplication();
    Set<String> processes = processIds();
    Set<String> activities =
        Arrays.stream(ActivityType.values()).map(Enum::name).collect(Collectors.toSet());
    List<String> orphans = new ArrayList<>();
    for (String key : french.stringPropertyNames()) {
      String kind = key.substring(0, key.indexOf('.'));
      String name = key.substring(key.indexOf('.') + 1);
      boolean known =
          switch (kind) {
            case "label", "bulkItem" -> names.contains(name);
            // activity types, and the staff notifications' types (strings)
            case "activity" -> activities.contains(name) || names.contains(name);
            case "process" -> processes.contains(name);
            default -> false;
          };
      if (!known) {
        orphans.add(key);
      }
    }
    assertThat(orphans).isEmpty();
    // and the other way round: every activity type and every process reads as French words
    assertThat(activities.stream().filter(a -> french.getProperty("activity." + a) == null))
        .isEmpty();
    assertThat(processes.stream().filter(p -> french.getProperty("process." + p) == null))
        .isEmpty();
  }

  @Test
  @DisplayName(
      "staff pages read the refusal's sentence in French from the bundle, whatever the JVM's language")
  void frenchMessagesReadTheBundle() {
    Locale before = Locale.getDefault();
    try {
      Locale.setDefault(Locale.ENGLISH);
      var refused =
          DomainException.notFound(CommonErrors.DOSSIER_UNKNOWN, "No dossier has the id 7.");
      // the code reads as the API's string, also to reflective readers (AssertJ's properties)
      assertThat(refused).hasFieldOrPropertyWithValue("code", "DOSSIER_UNKNOWN");
      assertThat(refused.is(CommonErrors.DOSSIER_UNKNOWN)).isTrue();
      assertThat(FrenchMessages.of(refused)).isEqualTo("Ce dossier n'existe pas.");
      assertThat(FrenchMessages.ofCode("REQUIRED", null)).isEqualTo("Ce champ est obligatoire.");
      assertThat(FrenchMessages.ofCode("NO_SUCH_CODE", "the service's words"))
          .isEqualTo("the service's words");
      assertThat(
              FrenchMessages.source()
                  .getMessage(CommonErrors.DOSSIER_UNKNOWN.messageKey(), null, Locale.ENGLISH))
          .isEqualTo("This dossier does not exist.");
      var labels = new Labels();
      assertThat(labels.of(AccountStatus.PENDING)).isEqualTo("Activation en attente");
      assertThat(labels.bulkItem("PENDING")).isEqualTo("À traiter");
      assertThat(labels.activity(ActivityType.INVITATION_SENT)).isEqualTo("Invitation envoyée");
      assertThat(labels.of("WHATEVER_ELSE")).isEqualTo("WHATEVER_ELSE");
      assertThat(Labels.processName(ProcessNames.Processes.BULK_INVITATION))
          .isEqualTo("Invitation groupée");
    } finally {
      Locale.setDefault(before);
    }
  }

  private static List<ErrorCode> catalogue() {
    List<ErrorCode> codes = new ArrayList<>();
    for (JavaClass type : APP) {
      if (type.isEnum() && type.isAssignableTo(ErrorCode.class)) {
        for (Object constant : type.reflect().getEnumConstants()) {
          codes.add((ErrorCode) constant);
        }
      }
    }
    return codes;
  }

  private static Set<String> enumsOfTheCatalogue() {
    return APP.stream()
        .filter(t -> t.isEnum() && t.isAssignableTo(ErrorCode.class))
        .map(JavaClass::getName)
        .collect(Collectors.toSet());
  }

  /** The simple names of the Bean Validation constraints the application's classes use. */
  private static Set<String> constraintsInUse() {
    Set<String> constraints = new TreeSet<>();
    for (JavaClass type : APP) {
      Stream.of(
              type.getAnnotations().stream(),
              type.getFields().stream().flatMap(f -> f.getAnnotations().stream()),
              type.getMethods().stream().flatMap(m -> m.getAnnotations().stream()),
              type.getMethods().stream()
                  .flatMap(m -> m.getParameters().stream())
                  .flatMap(p -> p.getAnnotations().stream()),
              type.getConstructors().stream()
                  .flatMap(c -> c.getParameters().stream())
                  .flatMap(p -> p.getAnnotations().stream()))
          .flatMap(s -> s)
          .map(a -> a.getRawType())
          .filter(a -> a.isAnnotatedWith(Constraint.class))
          .forEach(a -> constraints.add(a.getSimpleName()));
    }
    assertThat(constraints).contains("NotBlank");
    return constraints;
  }

  /**
   * What a label may name: the constants of the application's enums, and the codes it spells as
   * string literals (statuses kept as strings, staff notification types).
   */
  private static Set<String> namesInTheApplication() throws IOException {
    Set<String> names = new TreeSet<>();
    for (JavaClass type : APP) {
      if (type.isEnum()) {
        type.getEnumConstants().stream().map(JavaEnumConstant::name).forEach(names::add);
      }
    }
    Pattern literal = Pattern.compile("\"([A-Z][A-Z0-9_]{2,})\"");
    try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
      for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
        Matcher m = literal.matcher(Files.readString(source));
        while (m.find()) {
          names.add(m.group(1));
        }
      }
    }
    return names;
  }

  private static Set<String> processIds() {
    Set<String> ids = new TreeSet<>();
    for (Field field : ProcessNames.Processes.class.getFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
        try {
          ids.add((String) field.get(null));
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    assertThat(ids).isNotEmpty();
    return ids;
  }

  private static Properties bundle(String path) throws IOException {
    var properties = new Properties();
    try (Reader reader =
        new InputStreamReader(
            Objects.requireNonNull(
                ErrorCatalogueTest.class.getClassLoader().getResourceAsStream(path), path),
            StandardCharsets.UTF_8)) {
      properties.load(reader);
    }
    return properties;
  }

  private static boolean blank(String text) {
    return text == null || text.isBlank();
  }
}
