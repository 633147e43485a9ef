package io.passerelle.workers;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.annotation.JobWorker;
import io.passerelle.processes.ProcessNames.JobTypes;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.stereotype.Component;

class WorkerCatalogTest {

  @Test
  @DisplayName("every job type of the models has exactly one worker class, each with one worker")
  void oneWorkerClassPerJobType() throws ClassNotFoundException {
    var scanner = new ClassPathScanningCandidateComponentProvider(false);
    scanner.addIncludeFilter(new AnnotationTypeFilter(Component.class));
    List<String> types = new ArrayList<>();
    for (BeanDefinition bean : scanner.findCandidateComponents("io.passerelle.workers")) {
      Class<?> type = Class.forName(bean.getBeanClassName());
      List<Method> workers =
          Arrays.stream(type.getDeclaredMethods())
              .filter(m -> m.isAnnotationPresent(JobWorker.class))
              .toList();
      assertThat(workers).as("job workers in %s", type.getSimpleName()).hasSize(1);
      assertThat(type.getDeclaredConstructors()).as("constructor injection").hasSize(1);
      types.add(workers.get(0).getAnnotation(JobWorker.class).type());
    }
    assertThat(types).containsExactlyInAnyOrderElementsOf(JobTypes.ALL);
  }
}
