package io.passerelle.processes.cpt;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.annotation.Deployment;
import io.passerelle.processes.ProcessNames.Resources;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/** Runs in every build, Docker or not: the Camunda Process Test suite deploys what the app does. */
@DisplayName("Camunda Process Test application: deploys every model")
class ProcessTestApplicationTest {

  @Test
  @DisplayName("its @Deployment patterns find exactly the models the app deploys")
  void deploysEveryModel() throws IOException {
    var resolver = new PathMatchingResourcePatternResolver();
    List<String> found = new ArrayList<>();
    for (String pattern :
        ProcessTestApplication.class.getAnnotation(Deployment.class).resources()) {
      for (Resource resource : resolver.getResources(pattern)) {
        found.add("processes/" + resource.getFilename());
      }
    }

    assertThat(found).containsExactlyInAnyOrderElementsOf(Resources.ALL);
  }
}
