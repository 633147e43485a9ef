package io.passerelle.processes.cpt;

import io.camunda.client.annotation.Deployment;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The smallest Spring Boot application that deploys Passerelle's models: every BPMN, DMN and form
 * of {@code processes/models} (on the classpath under {@code processes/}), in one deployment, as
 * Desktop Modeler or the app would. No job worker, no database: the Camunda Process Test suite
 * mocks every job type, so it tests the models and nothing else.
 */
@SpringBootApplication
@Deployment(
    resources = {
      "classpath*:/processes/*.dmn",
      "classpath*:/processes/*.form",
      "classpath*:/processes/*.bpmn"
    })
public class ProcessTestApplication {}
