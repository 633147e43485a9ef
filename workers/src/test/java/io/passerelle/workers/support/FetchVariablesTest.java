package io.passerelle.workers.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.stereotype.Component;

/**
 * Every worker names the variables it fetches. The workers take the {@link ActivatedJob} (for its
 * retries), and then the Spring SDK fetches every variable in scope by default: a bulk item's job
 * would carry the bulk's whole list of items, ten thousand numbers for each of ten thousand jobs.
 */
class FetchVariablesTest {

  @Test
  @DisplayName("each @JobWorker fetches exactly the variables of its @Variable parameters")
  void fetchesOnlyWhatItReads() throws Exception {
    List<Method> workers = workerMethods();
    assertThat(workers).hasSizeGreaterThan(20);
    for (Method method : workers) {
      JobWorker annotation = method.getAnnotation(JobWorker.class);
      Set<String> read = new TreeSet<>();
      for (Parameter parameter : method.getParameters()) {
        Variable variable = parameter.getAnnotation(Variable.class);
        if (variable != null) {
          read.add(variable.name());
        }
      }
      assertThat(new TreeSet<>(Arrays.asList(annotation.fetchVariables())))
          .as("fetchVariables of %s", annotation.type())
          .isEqualTo(read);
    }
  }

  private static List<Method> workerMethods() throws ClassNotFoundException {
    var scanner = new ClassPathScanningCandidateComponentProvider(false);
    scanner.addIncludeFilter(new AnnotationTypeFilter(Component.class));
    List<Method> methods = new ArrayList<>();
    for (var candidate : scanner.findCandidateComponents("io.passerelle.workers")) {
      for (Method method : Class.forName(candidate.getBeanClassName()).getDeclaredMethods()) {
        if (method.isAnnotationPresent(JobWorker.class)) {
          methods.add(method);
        }
      }
    }
    return methods;
  }
}
