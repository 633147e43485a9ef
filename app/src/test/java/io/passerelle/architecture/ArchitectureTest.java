package io.passerelle.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.passerelle.engine.EngineMode;
import jakarta.persistence.Entity;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.data.repository.Repository;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;

/**
 * The layout of the application (docs/design.md, "Features and their dependencies"), checked on the
 * compiled classes: a rule broken here names the class and the dependency that broke it.
 */
class ArchitectureTest {

  private static final String ROOT = "io.passerelle";

  /** What each feature may use of the others: the table of docs/design.md, kept here as law. */
  static final Map<String, Set<String>> ALLOWED =
      Map.ofEntries(
          // the ground floor: uses no feature
          Map.entry("domain", Set.of()),
          Map.entry("config", Set.of()),
          Map.entry("firm", Set.of()),
          Map.entry("importing", Set.of()),
          Map.entry("registry", Set.of()),
          Map.entry("microsoft", Set.of("config", "domain", "web")),
          Map.entry("development", Set.of("config")),
          Map.entry("db", Set.of("config", "development")),
          Map.entry("web", Set.of("domain")),
          // the features, from the bottom up
          Map.entry("staff", Set.of("development", "domain", "microsoft", "web")),
          Map.entry("activity", Set.of("domain", "staff", "web")),
          Map.entry("catalog", Set.of("domain", "microsoft", "staff", "web")),
          Map.entry("mail", Set.of("config", "development", "domain", "firm")),
          Map.entry(
              "engine",
              Set.of("config", "development", "domain", "processes", "staff", "web", "workers")),
          Map.entry(
              "account",
              Set.of("activity", "config", "domain", "engine", "microsoft", "staff", "web")),
          Map.entry("dossier", Set.of("account", "activity", "catalog", "domain", "staff", "web")),
          Map.entry("notification", Set.of("domain", "dossier", "staff", "web")),
          Map.entry(
              "contact",
              Set.of(
                  "account", "activity", "catalog", "domain", "dossier", "engine", "staff", "web")),
          Map.entry("retention", Set.of("contact", "domain", "staff", "web")),
          Map.entry(
              "collaboration",
              Set.of(
                  "account",
                  "activity",
                  "catalog",
                  "contact",
                  "domain",
                  "dossier",
                  "staff",
                  "web")),
          Map.entry(
              "onboarding",
              Set.of(
                  "account",
                  "activity",
                  "catalog",
                  "collaboration",
                  "contact",
                  "domain",
                  "dossier",
                  "engine",
                  "mail",
                  "microsoft",
                  "notification",
                  "processes",
                  "staff",
                  "web",
                  "workers")),
          Map.entry(
              "delegation",
              Set.of(
                  "account",
                  "activity",
                  "contact",
                  "domain",
                  "dossier",
                  "onboarding",
                  "staff",
                  "web")),
          Map.entry(
              "dossiersetup",
              Set.of("activity", "contact", "delegation", "domain", "dossier", "staff", "web")),
          Map.entry(
              "dossiercreation",
              Set.of(
                  "activity",
                  "catalog",
                  "contact",
                  "domain",
                  "dossier",
                  "dossiersetup",
                  "engine",
                  "onboarding",
                  "processes",
                  "registry",
                  "staff",
                  "web",
                  "workers")),
          Map.entry(
              "dossierimport",
              Set.of(
                  "activity",
                  "contact",
                  "domain",
                  "dossier",
                  "dossiercreation",
                  "dossiersetup",
                  "importing",
                  "staff",
                  "web")),
          Map.entry(
              "portal",
              Set.of(
                  "account",
                  "catalog",
                  "collaboration",
                  "contact",
                  "domain",
                  "dossier",
                  "firm",
                  "mail",
                  "microsoft",
                  "notification",
                  "onboarding",
                  "staff",
                  "web")),
          // the top floor: may read everything, nothing uses it
          Map.entry("reporting", Set.of("*")),
          Map.entry("tasks", Set.of("*")),
          Map.entry("operations", Set.of("*")),
          Map.entry("developmentdata", Set.of("*")));

  static final Set<String> TOP_FLOOR =
      Set.of("reporting", "tasks", "operations", "developmentdata");

  private static final JavaClasses APP =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages(ROOT)
          .that(
              com.tngtech.archunit.base.DescribedPredicate.describe(
                  "Passerelle's application classes",
                  c ->
                      !c.getPackageName().startsWith(ROOT + ".processes")
                          && !c.getPackageName().startsWith(ROOT + ".workers")
                          && !c.getPackageName().startsWith(ROOT + ".faults")));

  @Test
  @DisplayName("no cycle between packages, nor between features (a feature with its sub-packages)")
  void noCycles() {
    slices().matching(ROOT + ".(**)").should().beFreeOfCycles().check(APP);
    slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(APP);
  }

  @Test
  @DisplayName("each feature uses only the features its row of the table allows")
  void dependencyDirection() {
    Set<String> violations = new TreeSet<>();
    Set<String> unknown = new TreeSet<>();
    for (JavaClass type : APP) {
      String from = feature(type.getPackageName());
      if (from == null) {
        continue;
      }
      Set<String> allowed = ALLOWED.get(from);
      if (allowed == null) {
        unknown.add(from);
        continue;
      }
      for (Dependency dependency : type.getDirectDependenciesFromSelf()) {
        String to = feature(dependency.getTargetClass().getPackageName());
        if (to == null || to.equals(from)) {
          continue;
        }
        if (TOP_FLOOR.contains(to)) {
          violations.add(
              dependency.getDescription() + " (nothing may use the top floor: " + to + ")");
        } else if (!allowed.contains("*") && !allowed.contains(to)) {
          violations.add(dependency.getDescription() + " (" + from + " may not use " + to + ")");
        }
      }
    }
    assertThat(unknown).as("features missing from ArchitectureTest.ALLOWED").isEmpty();
    assertThat(violations).as("dependencies against the table").isEmpty();
  }

  @Test
  @DisplayName("web holds the shared HTTP kernel only: it uses no feature")
  void webIsTheKernel() {
    noClasses()
        .that()
        .resideInAPackage(ROOT + ".web..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            ALLOWED.keySet().stream()
                .filter(f -> !f.equals("web") && !f.equals("domain"))
                .map(f -> ROOT + "." + f + "..")
                .toArray(String[]::new))
        .check(APP);
  }

  @Test
  @DisplayName("the Camunda client and the engine's internals are used in engine only")
  void camundaOnlyInEngine() {
    noClasses()
        .that()
        .resideOutsideOfPackage(ROOT + ".engine..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.camunda..", "io.grpc..")
        .check(APP);
  }

  @Test
  @DisplayName("nothing outside engine asks which engine mode runs")
  void engineModeOnlyInEngine() {
    noClasses()
        .that()
        .resideOutsideOfPackage(ROOT + ".engine..")
        .should()
        .dependOnClassesThat()
        .areAssignableTo(EngineMode.class)
        .check(APP);
  }

  @Test
  @DisplayName("entities and repositories belong to their feature: none is public")
  void entitiesAndRepositoriesArePackagePrivate() {
    classes().that().areAnnotatedWith(Entity.class).should().notBePublic().check(APP);
    classes()
        .that()
        .areAssignableTo(Repository.class)
        .and()
        .areInterfaces()
        .should()
        .notBePublic()
        .check(APP);
  }

  @Test
  @DisplayName("controllers and their advice live in a web package (the feature's or the kernel)")
  void controllersInWebPackages() {
    classes()
        .that()
        .areMetaAnnotatedWith(Controller.class)
        .or()
        .areMetaAnnotatedWith(ControllerAdvice.class)
        .should()
        .resideInAPackage("..web..")
        .check(APP);
  }

  private static String feature(String packageName) {
    if (!packageName.startsWith(ROOT + ".")) {
      return null;
    }
    String rest = packageName.substring(ROOT.length() + 1);
    int dot = rest.indexOf('.');
    return dot < 0 ? rest : rest.substring(0, dot);
  }
}
